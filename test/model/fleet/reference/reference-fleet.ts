// The fleet model as it was before structure-of-arrays (an object per cluster, per pass and per
// range), kept only as the reference the SoA model must agree with exactly (fleet-soa.test.ts).
import { Engine } from "../../../../src/engine/engine.js";
import { RandomStreams } from "../../../../src/engine/random-streams.js";
import { MICROS_PER_HOUR } from "../../../../src/engine/time.js";
import { FleetCluster } from "./reference-cluster.js";
import { assertFleetConfig, MICROS_PER_YEAR, type FleetConfig } from "../../../../src/model/fleet/fleet-config.js";
import { locatingErrors } from "../../../../src/model/simulation-error.js";
import { OUTAGE_CAUSES } from "../../../../src/model/fleet/change-streams.js";
import type { FleetCauses, FleetOutcome } from "../../../../src/model/fleet/fleet.js";

/**
 * Runs every cluster of the fleet on one engine until `config.duration`; deterministic in (config,
 * seed). With `maxEvents`, throws FleetBudgetReached once that many events fired before the end.
 */
export function referenceSimulateFleet(config: FleetConfig, seed: number, maxEvents?: number): FleetOutcome {
  assertFleetConfig(config);
  const engine = new Engine();
  const streams = new RandomStreams(seed);
  const clusters: FleetCluster[] = [];
  for (let c = 0; c < config.clusters; c++) clusters.push(new FleetCluster(engine, config, c, streams));
  for (const cluster of clusters) cluster.start();
  const run = locatingErrors(seed, () => engine.now, () => engine.run({ until: config.duration, maxEvents }));
  if (run.reason === "budget") throw new Error("budget");
  for (const cluster of clusters) cluster.finish(config.duration);
  return summarize(config, clusters);
}

function summarize(config: FleetConfig, clusters: readonly FleetCluster[]): FleetOutcome {
  const years = config.duration / MICROS_PER_YEAR;
  const hours: number[] = [];
  const shares: number[] = [];
  let affected = 0;
  let risk = 0;
  let maintenanceOps = 0;
  let maintenanceFailures = 0;
  let nodeFailures = 0;
  const causes = [0, 0, 0];
  let bad = 0;
  let detected = 0;
  for (const cluster of clusters) {
    if (cluster.outages.length > 0) affected++;
    for (const outage of cluster.outages) {
      hours.push((outage.end - outage.start) / MICROS_PER_HOUR);
      shares.push(outage.maxShare);
      causes[outage.cause]++;
    }
    const deploys = cluster.badDeploys;
    bad += deploys.bad;
    detected += deploys.detected;
    risk += config.duration > 0 ? cluster.timeAtRisk(config.duration) / config.duration : 0;
    maintenanceOps += cluster.maintenanceOps;
    maintenanceFailures += cluster.maintenanceFailures;
    nodeFailures += cluster.nodeFailures;
  }
  return {
    years,
    clusters: clusters.length,
    outages: hours.length,
    outagesPerYear: years > 0 ? hours.length / years : 0,
    outageHours: meanMax(hours),
    rangeShare: meanMax(shares),
    clustersAffected: affected,
    timeAtRiskShare: risk / clusters.length,
    maintenanceOps,
    maintenanceFailures,
    nodeFailures,
    ...(showsCauses(config) ? { byCause: perCause(causes, years, bad, detected) } : {}),
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

function meanMax(values: readonly number[]): { mean: number; max: number } {
  let sum = 0;
  let max = 0;
  for (const v of values) {
    sum += v;
    if (v > max) max = v;
  }
  return { mean: values.length > 0 ? sum / values.length : 0, max };
}
