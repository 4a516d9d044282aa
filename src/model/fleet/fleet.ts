import { Engine } from "../../engine/engine.js";
import { assertSeed } from "../../engine/random-streams.js";
import { MICROS_PER_HOUR } from "../../engine/time.js";
import { FleetModel } from "./fleet-model.js";
import { assertFleetConfig, MICROS_PER_YEAR, type FleetConfig } from "./fleet-config.js";
import { locatingErrors } from "../simulation-error.js";
import { OUTAGE_CAUSES } from "./change-streams.js";

/** What a fleet run found: quorum losses (outages), their length and breadth, and the work done. */
export interface FleetOutcome {
  years: number;
  clusters: number;
  /** Quorum losses over the fleet (an outage still open at the end counts). */
  outages: number;
  /** outages / years, fleet-wide. */
  outagesPerYear: number;
  /** Outage durations in hours (0 when there were none). */
  outageHours: { mean: number; max: number };
  /** Share of a cluster's ranges without quorum at the worst moment of each outage. */
  rangeShare: { mean: number; max: number };
  /** Clusters with at least one outage. */
  clustersAffected: number;
  /** Mean over clusters of (time with ≥ 1 node down) / duration. */
  timeAtRiskShare: number;
  maintenanceOps: number;
  maintenanceFailures: number;
  nodeFailures: number;
  /** Only with `changes`, `bandwidth` or snapshot repair configured: outages per year by cause, and the bad deploys. */
  byCause?: FleetCauses;
  /** Only when asked for (simulateFleet's `rangeCauses`): outages per year by what was missing from the ranges that lost quorum. */
  byRangeCause?: FleetRangeCauses;
}

/**
 * Quorum losses per fleet-year by why they began, range by range: a bad deploy, else
 * maintenance, when a node down for one was among the missing replicas of a range that lost its
 * quorum as the outage began (without it the range would have kept its quorum); else hardware.
 */
export interface FleetRangeCauses {
  hardware: number;
  maintenance: number;
  badDeploy: number;
}

/** Quorum losses per fleet-year by what had a node down when each began, and the bad changes rolled out. */
export interface FleetCauses {
  hardwareOutagesPerYear: number;
  maintenanceOutagesPerYear: number;
  badDeployOutagesPerYear: number;
  badDeploys: number;
  badDeploysDetected: number;
}

/** A fleet run stopped at its event budget before its duration: the scenario asks for more than allowed. */
export class FleetBudgetReached extends Error {
  constructor(
    readonly budget: number,
    readonly reachedS: number,
  ) {
    super(`the fleet run reached its event budget of ${budget} events at ${reachedS.toFixed(1)} s of simulated time`);
  }
}

/**
 * Runs every cluster of the fleet on one engine until `config.duration`; deterministic in (config,
 * seed). With `maxEvents`, throws FleetBudgetReached once that many events fired before the end.
 */
export function simulateFleet(config: FleetConfig, seed: number, maxEvents?: number, options: { rangeCauses?: boolean } = {}): FleetOutcome {
  assertFleetConfig(config);
  assertSeed(seed);
  const engine = new Engine();
  const fleet = new FleetModel(engine, config, seed);
  fleet.start();
  const run = locatingErrors(seed, () => engine.now, () => engine.run({ until: config.duration, maxEvents }));
  if (run.reason === "budget") throw new FleetBudgetReached(maxEvents!, engine.now / 1e6);
  fleet.finish(config.duration);
  return summarize(config, fleet, options.rangeCauses === true);
}

function summarize(config: FleetConfig, fleet: FleetModel, rangeCauses: boolean): FleetOutcome {
  const years = config.duration / MICROS_PER_YEAR;
  const { state } = fleet;
  const log = state.outages;
  const rangeCount = state.rings.rangeCount;
  // Cluster by cluster, each cluster's outages in the order they began: the order the sums are taken in.
  const order = log.byCluster(config.clusters);
  const hours = new Float64Array(order.length);
  const shares = new Float64Array(order.length);
  const causes = [0, 0, 0];
  const byRange = [0, 0, 0];
  let affected = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    hours[k] = log.duration(i) / MICROS_PER_HOUR;
    shares[k] = log.maxLacking(i) / rangeCount;
    causes[log.cause(i)]++;
    byRange[log.rangeCause(i)]++;
    if (k === 0 || log.cluster(order[k - 1]) !== log.cluster(i)) affected++;
  }
  let risk = 0;
  for (let c = 0; c < config.clusters; c++) risk += config.duration > 0 ? state.timeAtRisk(c, config.duration) / config.duration : 0;
  const passes = fleet.passTotals;
  return {
    years,
    clusters: config.clusters,
    outages: order.length,
    outagesPerYear: years > 0 ? order.length / years : 0,
    outageHours: meanMax(hours),
    rangeShare: meanMax(shares),
    clustersAffected: affected,
    timeAtRiskShare: risk / config.clusters,
    maintenanceOps: passes.ops,
    maintenanceFailures: passes.failures,
    nodeFailures: fleet.failures.count,
    ...(showsCauses(config) ? { byCause: perCause(causes, years, passes.badDeploys, passes.badDetected) } : {}),
    ...(rangeCauses ? { byRangeCause: { hardware: perYear(byRange[0], years), maintenance: perYear(byRange[1], years), badDeploy: perYear(byRange[2], years) } } : {}),
  };
}

/** Causes are shown only where a new cause or recovery is configured: older outcomes keep their shape. */
function showsCauses(config: FleetConfig): boolean {
  return config.changes !== undefined || config.bandwidth !== undefined || config.snapshot !== undefined;
}

function perCause(counts: readonly number[], years: number, badDeploys: number, badDeploysDetected: number): FleetCauses {
  const rate = (cause: (typeof OUTAGE_CAUSES)[number]) => (years > 0 ? counts[OUTAGE_CAUSES.indexOf(cause)] / years : 0);
  return {
    hardwareOutagesPerYear: rate("hardware"),
    maintenanceOutagesPerYear: rate("maintenance"),
    badDeployOutagesPerYear: rate("badDeploy"),
    badDeploys,
    badDeploysDetected,
  };
}

const perYear = (count: number, years: number) => (years > 0 ? count / years : 0);

function meanMax(values: Float64Array): { mean: number; max: number } {
  let sum = 0;
  let max = 0;
  for (const v of values) {
    sum += v;
    if (v > max) max = v;
  }
  return { mean: values.length > 0 ? sum / values.length : 0, max };
}
