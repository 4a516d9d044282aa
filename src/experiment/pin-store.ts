import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { ScenarioError } from "../scenario/scenario-error.js";
import type { PinnedOutcome } from "./pinned-outcome.js";
import { toJson, writeResultFiles } from "./result-files.js";

/** Where relisim keeps pinned outcomes unless told otherwise (committed with the scenarios). */
export const DEFAULT_PIN_DIR = join("results", "pinned");

/** The pin file of a scenario file: `<dir>/<file name without extension>.json`. */
export function pinPath(dir: string, scenarioFile: string): string {
  return join(dir, `${basename(scenarioFile, extname(scenarioFile))}.json`);
}

/** Reads a pin file; undefined when there is none. A damaged file is bad input, named. */
export function readPin(path: string): PinnedOutcome | undefined {
  if (!existsSync(path)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new ScenarioError(path, [{ path: [], message: `not a pinned outcome: ${(error as Error).message}; re-pin with relisim test --update` }]);
  }
  const pin = data as Partial<PinnedOutcome>;
  if (!pin || typeof pin !== "object" || !pin.header || typeof pin.header.hash !== "string" || !pin.runs || typeof pin.runs !== "object") {
    throw new ScenarioError(path, [{ path: [], message: "not a pinned outcome (expected header and runs); re-pin with relisim test --update" }]);
  }
  return pin as PinnedOutcome;
}

/** Writes a pin file atomically (temporary file + rename). */
export function writePin(path: string, pin: PinnedOutcome): string {
  return writeResultFiles(dirname(path), { [basename(path)]: toJson(pin) })[0];
}
