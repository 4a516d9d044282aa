import type { FleetOutcome } from "../model/fleet/fleet.js";
import { FLEET_FIGURES } from "./headline-figures.js";

/**
 * The figures `relisim decide` keeps per replication: a fleet's headline figures, then its
 * quorum losses per year by range cause (FleetOutcome.byRangeCause), in this order.
 */
export const DECISION_FIGURES = [
  ...FLEET_FIGURES.map(([name]) => name),
  "hardwareOutagesPerYear",
  "maintenanceOutagesPerYear",
  "badDeployOutagesPerYear",
] as const;

/** One fleet run's decision figures, in DECISION_FIGURES order; the run must have been asked for its range causes. */
export function decisionFigures(outcome: FleetOutcome): number[] {
  const causes = outcome.byRangeCause;
  if (causes === undefined) throw new Error("a decision needs the outcome's byRangeCause (simulateFleet with rangeCauses)");
  return [...FLEET_FIGURES.map(([, read]) => read(outcome)), causes.hardware, causes.maintenance, causes.badDeploy];
}
