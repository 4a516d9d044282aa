import type { FleetScenario } from "../scenario/load-fleet-scenario.js";
import { evaluateChecks, neededRuns, type Check } from "./check-scenario.js";
import { runFleet, type FleetEstimate } from "./fleet-experiment.js";

/** A fleet scenario checked: its expectations' results and the estimates they read. */
export interface FleetScenarioCheck {
  seed: number;
  checks: Check[];
  missingVariants: string[];
  estimates: Array<{ name: string; estimate: FleetEstimate }>;
}

/** Runs what a fleet scenario's expectations read (base and variants, replicated) and checks them. */
export function checkFleetScenario(scenario: FleetScenario, options: { seed?: number } = {}): FleetScenarioCheck {
  const seed = options.seed ?? scenario.seed;
  const need = neededRuns(scenario.expectations);
  const base: FleetEstimate | undefined = need.base ? runFleet(scenario.base.config, seed, scenario.replications) : undefined;
  const variants: Record<string, FleetEstimate> = {};
  const missingVariants: string[] = [];
  for (const name of need.variants) {
    const v = scenario.variants.find((x) => x.name === name);
    if (v) variants[name] = runFleet(v.config, seed, scenario.replications);
    else missingVariants.push(name);
  }
  const estimates = [...(base ? [{ name: "base", estimate: base }] : []), ...Object.entries(variants).map(([name, estimate]) => ({ name, estimate }))];
  return { seed, checks: evaluateChecks(scenario.expectations, { ...(base ?? {}), variants }), missingVariants, estimates };
}
