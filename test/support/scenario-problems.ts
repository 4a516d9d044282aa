import { ScenarioError } from "../../src/scenario/scenario-error.js";

/** The problems `load` reports as "path: message" lines; [] when it loads. Other errors are thrown. */
export function scenarioProblems(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return error.problems.map((p) => `${p.path.join(".")}: ${p.message}`);
  }
  return [];
}
