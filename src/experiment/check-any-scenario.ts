import { isFleetScenario, type AnyScenario } from "../scenario/load-any-scenario.js";
import { checkFleetScenario, type FleetScenarioCheck } from "./check-fleet-scenario.js";
import { checkScenario, type ScenarioCheck } from "./check-scenario.js";

/** A scenario of either kind checked: a cluster check holds its runs, a fleet check its estimates. */
export type AnyScenarioCheck = ScenarioCheck | FleetScenarioCheck;

/** Runs what a scenario's expectations read, cluster or fleet, and checks them. */
export function checkAnyScenario(scenario: AnyScenario, options: { seed?: number } = {}): AnyScenarioCheck {
  return isFleetScenario(scenario) ? checkFleetScenario(scenario, options) : checkScenario(scenario, options);
}
