import { figureName, type FigureName } from "../experiment/figure-names.js";
import { formatDifference, formatValue } from "./figure-units.js";

/** How the reports name a figure, its unit, and the largest value it can take (shares: 1). */
export type FigureLabel = FigureName;

/**
 * The label of a figure, from the one list of figure names (experiment/figure-names.ts), keyed
 * by name, not by position, so results of older and newer versions read alike; a name not there
 * is shown as it is, as a plain number.
 */
export function figureLabel(figure: string): FigureLabel {
  return figureName(figure);
}

/** A headline figure's value in its unit: availability 0.987 → "98.7%", recoveryMeanS 85 → "1m 25s". */
export function formatFigure(figure: string, x: number): string {
  return formatValue(figureLabel(figure).unit, x);
}

/** A 95% interval of a figure as "low–high" in its unit, the bounds kept within the figure's range. */
export function formatFigureInterval(figure: string, low: number, high: number): string {
  const { unit, max } = figureLabel(figure);
  const top = max === undefined ? high : Math.min(max, high);
  return `${formatValue(unit, low)}–${formatValue(unit, top)}`;
}

/** A difference between two variants' values of a figure, signed, in its unit: "−17.2 pp", "+3.5s". */
export function formatFigureDifference(figure: string, x: number): string {
  return formatDifference(figureLabel(figure).unit, x);
}

/** A standard deviation in the figure's unit (shares stay in %, durations in s). */
export function formatFigureSpread(figure: string, sd: number): string {
  return formatValue(figureLabel(figure).unit, sd);
}

/** A figure in a sentence: its words, then the name `--precision-of` takes: "p99 ms client-observed (latencyP99Ms)". */
export function figureWords(figure: string): string {
  const { label } = figureLabel(figure);
  return label === figure ? figure : `${label} (${figure})`;
}
