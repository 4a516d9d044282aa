import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { ScenarioError } from "../scenario/scenario-error.js";
import { PIN_FORMAT, type PinnedOutcome } from "./pinned-outcome.js";
import { toJson, writeResultFiles } from "./result-files.js";

/** Where relisim keeps pinned outcomes unless told otherwise (committed with the scenarios). */
export const DEFAULT_PIN_DIR = join("results", "pinned");

/** The pin file of a scenario file: `<dir>/<file name without extension>.json`. */
export function pinPath(dir: string, scenarioFile: string): string {
  return join(dir, `${basename(scenarioFile, extname(scenarioFile))}.json`);
}

/**
 * Reads a pin file; undefined when there is none. A damaged file, or one in the old format (one
 * run's figures, no spreads), is bad input, named, with the command that re-pins `scenarioFile`.
 */
export function readPin(path: string, scenarioFile = "FILE"): PinnedOutcome | undefined {
  if (!existsSync(path)) return undefined;
  const repin = `re-pin with relisim test --update ${scenarioFile}`;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ScenarioError(path, [{ path: [], message: `not a pinned outcome: ${(error as Error).message}; ${repin}` }]);
  }
  const pin = data as Partial<PinnedOutcome> & { format?: unknown };
  if (!pin || typeof pin !== "object" || !pin.header || typeof pin.header.hash !== "string" || !pin.runs || typeof pin.runs !== "object") {
    throw new ScenarioError(path, [{ path: [], message: `not a pinned outcome (expected header and runs); ${repin}` }]);
  }
  if (pin.format !== PIN_FORMAT) {
    const was = pin.format === undefined ? "the old pin format (one run's figures, no spread)" : `pin format ${String(pin.format)}`;
    throw new ScenarioError(path, [{ path: [], message: `${was}; this relisim reads format ${PIN_FORMAT}: ${repin}` }]);
  }
  return pin as PinnedOutcome;
}

/**
 * A pin as JSON: indented like every result file, but one line per figure, so that a re-pin's
 * diff shows which figures moved. Means and spreads keep 10 significant digits; the pinned
 * seed's `value` stays exact, since `--exact` compares it bit for bit.
 */
export function pinJson(pin: PinnedOutcome): string {
  const round = (x: number) => Number(x.toPrecision(10));
  const runs = Object.entries(pin.runs).map(([name, run]) => {
    const figures = Object.entries(run.figures).map(([path, f]) => {
      const text = JSON.stringify({ value: f.value, mean: round(f.mean), sd: round(f.sd), n: f.n, df: f.df, integer: f.integer });
      return `        ${JSON.stringify(path)}: ${text}`;
    });
    const fingerprint = run.fingerprint === undefined ? "" : `      "fingerprint": ${JSON.stringify(run.fingerprint)},\n`;
    return `    ${JSON.stringify(name)}: {\n${fingerprint}      "figures": {\n${figures.join(",\n")}\n      }\n    }`;
  });
  const head = toJson({ format: pin.format, header: pin.header, replications: pin.replications }).trimEnd().slice(0, -2);
  return `${head},\n  "runs": {\n${runs.join(",\n")}\n  }\n}\n`;
}

/** Writes a pin file atomically (temporary file + rename). */
export function writePin(path: string, pin: PinnedOutcome): string {
  return writeResultFiles(dirname(path), { [basename(path)]: pinJson(pin) })[0];
}
