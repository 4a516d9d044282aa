import type { FleetOutcome } from "../model/fleet/fleet.js";
import type { FigureKey } from "./figure-names.js";
import type { ScenarioOutcome } from "./outcome/scenario-outcome.js";

/** A breadth as a number per replication: the share touched (a lone entity: 0 or 1). */
const breadth = (b: { touched: number; of: number }) => (b.of > 0 ? b.touched / b.of : 0);

/**
 * The figures replications are summarized by, one list per scenario kind and kept only here:
 * the three answers (how often, how big, how long), availability beside them, and latency.
 * Each is a number per replication; the order is the order of every CSV column and table row.
 * Each is named (words, unit, CSV column) in figure-names.ts: its type holds the two together.
 */
export const CLUSTER_FIGURES = [
  ["episodes", (o: ScenarioOutcome) => o.episodes.count],
  ["blastRadiusMaxRequests", (o: ScenarioOutcome) => o.blastRadius.maxRequests],
  ["seenRegionsMax", (o: ScenarioOutcome) => breadth(o.blastRadius.seen.regions)],
  ["seenZonesMax", (o: ScenarioOutcome) => breadth(o.blastRadius.seen.zones)],
  ["faultZonesMax", (o: ScenarioOutcome) => breadth(o.blastRadius.fault.zones)],
  ["recoveryMeanS", (o: ScenarioOutcome) => o.recoveryS.mean],
  ["recoveryMaxS", (o: ScenarioOutcome) => o.recoveryS.max],
  ["availability", (o: ScenarioOutcome) => o.availability],
  ["latencyP50Ms", (o: ScenarioOutcome) => o.latencyMs.all?.p50 ?? 0],
  ["latencyP99Ms", (o: ScenarioOutcome) => o.latencyMs.all?.p99 ?? 0],
  ["successLatencyP99Ms", (o: ScenarioOutcome) => o.successLatencyMs.all?.p99 ?? 0],
  ["extraLoadShare", (o: ScenarioOutcome) => o.client.load.extraShare],
] as const satisfies ReadonlyArray<readonly [FigureKey, (o: ScenarioOutcome) => number]>;

export const FLEET_FIGURES = [
  ["outagesPerYear", (o: FleetOutcome) => o.outagesPerYear],
  ["outageHoursMean", (o: FleetOutcome) => o.outageHours.mean],
  ["outageHoursMax", (o: FleetOutcome) => o.outageHours.max],
  ["rangeShareMax", (o: FleetOutcome) => o.rangeShare.max],
  ["clustersAffected", (o: FleetOutcome) => o.clustersAffected],
  ["timeAtRiskShare", (o: FleetOutcome) => o.timeAtRiskShare],
  ["maintenanceOps", (o: FleetOutcome) => o.maintenanceOps],
  ["maintenanceFailures", (o: FleetOutcome) => o.maintenanceFailures],
] as const satisfies ReadonlyArray<readonly [FigureKey, (o: FleetOutcome) => number]>;

export type ScenarioKind = "cluster" | "fleet";

/** The names of the headline figures of a scenario kind, in column order. */
export function figureNames(kind: ScenarioKind): string[] {
  return (kind === "cluster" ? CLUSTER_FIGURES : FLEET_FIGURES).map(([name]) => name);
}

/** The headline figures of one cluster run, in `CLUSTER_FIGURES` order. */
export function clusterFigures(outcome: ScenarioOutcome): number[] {
  return CLUSTER_FIGURES.map(([, read]) => read(outcome));
}

/** The headline figures of one fleet run, in `FLEET_FIGURES` order. */
export function fleetFigures(outcome: FleetOutcome): number[] {
  return FLEET_FIGURES.map(([, read]) => read(outcome));
}

/**
 * The index of figure `name` among a kind's headline figures; undefined names the first (how
 * often it fails). A name that is not one throws a RangeError listing them.
 */
export function figureIndex(kind: ScenarioKind, name: string | undefined): number {
  if (name === undefined) return 0;
  const names = figureNames(kind);
  const i = names.indexOf(name);
  if (i < 0) throw new RangeError(`no headline figure "${name}" for ${kind} scenarios (they are: ${names.join(", ")})`);
  return i;
}
