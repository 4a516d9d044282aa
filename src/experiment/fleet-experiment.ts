import { replicationSeed } from "../engine/random-streams.js";
import type { FleetConfig } from "../model/fleet/fleet-config.js";
import { FleetBudgetReached, simulateFleet, type FleetOutcome } from "../model/fleet/fleet.js";
import { fleetEventEstimate } from "./run-budget.js";
import { EventBudgetExceeded, refuseOverBudget } from "./simulate.js";
import { poissonRate, type PoissonRate } from "../metrics/poisson-interval.js";
import { estimate, reportEstimate as report, type ReportedEstimate } from "./statistics.js";

export type { ReportedEstimate };

/** A fleet configuration's outcome over replications: every headline figure with its interval. */
export interface FleetEstimate {
  readonly replications: number;
  readonly years: number;
  readonly clusters: number;
  readonly outagesPerYear: ReportedEstimate;
  /**
   * The same rate pooled over every replication: all quorum losses over all fleet-years, with an
   * exact Poisson (Garwood) 95% interval, or the rule of three when there was none.
   */
  readonly outagesPerYearPoisson: PoissonRate & { readonly exposureYears: number };
  readonly outageHoursMean: ReportedEstimate;
  readonly outageHoursMax: ReportedEstimate;
  readonly rangeShareMax: ReportedEstimate;
  readonly clustersAffected: ReportedEstimate;
  readonly timeAtRiskShare: ReportedEstimate;
  readonly nodeFailures: ReportedEstimate;
  readonly maintenanceOps: ReportedEstimate;
  readonly maintenanceFailures: ReportedEstimate;
  /** Only with `changes`, `bandwidth` or snapshot repair configured (FleetOutcome.byCause). */
  readonly hardwareOutagesPerYear?: ReportedEstimate;
  readonly maintenanceOutagesPerYear?: ReportedEstimate;
  readonly badDeployOutagesPerYear?: ReportedEstimate;
  readonly badDeploys?: ReportedEstimate;
  readonly badDeploysDetected?: ReportedEstimate;
}

/**
 * Runs `replications` replications of a fleet (replication i on the seed derived from
 * (seed, i), so any one can be rerun alone) and summarizes them with Student-t intervals.
 */
export function runFleet(config: FleetConfig, seed: number, replications: number, maxEvents?: number): FleetEstimate {
  return summarizeFleet(fleetReplications(config, seed, replications, maxEvents));
}

/** The outcomes of `replications` replications of a fleet, in index order (replication i on the seed derived from (seed, i)). */
export function fleetReplications(config: FleetConfig, seed: number, replications: number, maxEvents?: number): FleetOutcome[] {
  const runs: FleetOutcome[] = [];
  for (let i = 0; i < replications; i++) runs.push(simulateFleetWithin(config, replicationSeed(seed, i), maxEvents));
  return runs;
}

/** One fleet run on `seed` within an event budget: EventBudgetExceeded beyond it, as for every run. */
export function simulateFleetWithin(config: FleetConfig, seed: number, maxEvents?: number, options: { rangeCauses?: boolean } = {}): FleetOutcome {
  refuseOverBudget(fleetEventEstimate(config), maxEvents);
  try {
    return simulateFleet(config, seed, maxEvents, options);
  } catch (error) {
    // The budget is the user's input, reported as every run's is (exit 2, nothing written).
    if (error instanceof FleetBudgetReached) throw new EventBudgetExceeded(error.budget, error.reachedS);
    throw error;
  }
}

/** Every figure of a fleet's replications (at least one) with its Student-t interval. */
export function summarizeFleet(runs: readonly FleetOutcome[]): FleetEstimate {
  const of = (f: (o: FleetOutcome) => number) => report(estimate(runs.map(f)));
  return {
    replications: runs.length,
    years: runs[0].years,
    clusters: runs[0].clusters,
    outagesPerYear: of((o) => o.outagesPerYear),
    outagesPerYearPoisson: pooledRate(runs),
    outageHoursMean: of((o) => o.outageHours.mean),
    outageHoursMax: of((o) => o.outageHours.max),
    rangeShareMax: of((o) => o.rangeShare.max),
    clustersAffected: of((o) => o.clustersAffected),
    timeAtRiskShare: of((o) => o.timeAtRiskShare),
    nodeFailures: of((o) => o.nodeFailures),
    maintenanceOps: of((o) => o.maintenanceOps),
    maintenanceFailures: of((o) => o.maintenanceFailures),
    ...causes(runs, of),
  };
}

/** The by-cause figures, when every run has them. */
function causes(runs: readonly FleetOutcome[], of: (f: (o: FleetOutcome) => number) => ReportedEstimate): Partial<FleetEstimate> {
  if (!runs.every((o) => o.byCause !== undefined)) return {};
  return {
    hardwareOutagesPerYear: of((o) => o.byCause!.hardwareOutagesPerYear),
    maintenanceOutagesPerYear: of((o) => o.byCause!.maintenanceOutagesPerYear),
    badDeployOutagesPerYear: of((o) => o.byCause!.badDeployOutagesPerYear),
    badDeploys: of((o) => o.byCause!.badDeploys),
    badDeploysDetected: of((o) => o.byCause!.badDeploysDetected),
  };
}

const round = (x: number) => Number(x.toPrecision(6));

/** Quorum losses per fleet-year over all replications, with the exact Poisson interval of their count. */
function pooledRate(runs: readonly FleetOutcome[]): FleetEstimate["outagesPerYearPoisson"] {
  const outages = runs.reduce((a, o) => a + o.outages, 0);
  const years = runs.reduce((a, o) => a + o.years, 0);
  if (!(years > 0)) return { count: outages, rate: 0, ci95Low: 0, ci95High: 0, method: "garwood", exposureYears: 0 };
  const r = poissonRate(outages, years);
  return { ...r, rate: round(r.rate), ci95Low: round(r.ci95Low), ci95High: round(r.ci95High), exposureYears: round(years) };
}
