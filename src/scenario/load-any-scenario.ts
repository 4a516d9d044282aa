import { isFleetData, prepareFleetScenario, type FleetScenario } from "./load-fleet-scenario.js";
import { prepareScenario, type Scenario } from "./load-scenario.js";
import { loadSourceFile } from "./source-file.js";

/** A scenario of either kind: requests through a cluster, or a fleet over months. */
export type AnyScenario = Scenario | FleetScenario;

/** Whether a scenario is a fleet scenario. */
export function isFleetScenario(scenario: AnyScenario): scenario is FleetScenario {
  return "kind" in scenario && scenario.kind === "fleet";
}

/** Reads a scenario file of either kind: a `fleet:` block makes it a fleet scenario. */
export function loadAnyScenario(file: string, options: { sets?: readonly string[] } = {}): AnyScenario {
  const source = loadSourceFile(file);
  return isFleetData(source.data) ? prepareFleetScenario(source, file, options) : prepareScenario(source, file, options);
}
