import { figureIndex, figureNames, type ScenarioKind } from "../experiment/headline-figures.js";
import { suggest } from "../scenario/did-you-mean.js";
import { ScenarioError } from "../scenario/scenario-error.js";

/** `--precision-of`'s figure as an index, or a usage error naming the figures (and the closest). */
export function precisionFigure(file: string, kind: ScenarioKind, name: string | undefined): number {
  try {
    return figureIndex(kind, name);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const close = suggest(name!, figureNames(kind));
    throw new ScenarioError(file, [{ path: [], message: `--precision-of: ${error.message}${close ? ` (did you mean ${close}?)` : ""}` }]);
  }
}
