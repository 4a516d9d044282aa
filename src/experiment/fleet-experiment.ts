import { replicationSeed } from "../engine/random-streams.js";
import type { FleetConfig } from "../model/fleet/fleet-config.js";
import { simulateFleet, type FleetOutcome } from "../model/fleet/fleet.js";
import { estimate, reportEstimate as report, type ReportedEstimate } from "./statistics.js";

export type { ReportedEstimate };

/** A fleet configuration's outcome over replications: every headline figure with its interval. */
export interface FleetEstimate {
  readonly replications: number;
  readonly years: number;
  readonly clusters: number;
  readonly outagesPerYear: ReportedEstimate;
  readonly outageHoursMean: ReportedEstimate;
  readonly outageHoursMax: ReportedEstimate;
  readonly rangeShareMax: ReportedEstimate;
  readonly clustersAffected: ReportedEstimate;
  readonly timeAtRiskShare: ReportedEstimate;
  readonly nodeFailures: ReportedEstimate;
  readonly maintenanceOps: ReportedEstimate;
  readonly maintenanceFailures: ReportedEstimate;
}

/**
 * Runs `replications` replications of a fleet (replication i on the seed derived from
 * (seed, i), so any one can be rerun alone) and summarizes them with Student-t intervals.
 */
export function runFleet(config: FleetConfig, seed: number, replications: number): FleetEstimate {
  return summarizeFleet(fleetReplications(config, seed, replications));
}

/** The outcomes of `replications` replications of a fleet, in index order (replication i on the seed derived from (seed, i)). */
export function fleetReplications(config: FleetConfig, seed: number, replications: number): FleetOutcome[] {
  const runs: FleetOutcome[] = [];
  for (let i = 0; i < replications; i++) runs.push(simulateFleet(config, replicationSeed(seed, i)));
  return runs;
}

/** Every figure of a fleet's replications (at least one) with its Student-t interval. */
export function summarizeFleet(runs: readonly FleetOutcome[]): FleetEstimate {
  const of = (f: (o: FleetOutcome) => number) => report(estimate(runs.map(f)));
  return {
    replications: runs.length,
    years: runs[0].years,
    clusters: runs[0].clusters,
    outagesPerYear: of((o) => o.outagesPerYear),
    outageHoursMean: of((o) => o.outageHours.mean),
    outageHoursMax: of((o) => o.outageHours.max),
    rangeShareMax: of((o) => o.rangeShare.max),
    clustersAffected: of((o) => o.clustersAffected),
    timeAtRiskShare: of((o) => o.timeAtRiskShare),
    nodeFailures: of((o) => o.nodeFailures),
    maintenanceOps: of((o) => o.maintenanceOps),
    maintenanceFailures: of((o) => o.maintenanceFailures),
  };
}
