import { replicationSeed } from "../engine/random-streams.js";
import type { FleetConfig } from "../model/fleet/fleet-config.js";
import { simulateFleet } from "../model/fleet/fleet.js";
import type { SimulationConfig } from "../scenario/simulation-config.js";
import { clusterFigures, fleetFigures } from "./headline-figures.js";
import { simulate } from "./simulate.js";

/**
 * One replication of one configuration: plain data, so it can cross to a worker thread and its
 * result can be stored. Replication `index` runs on the seed derived from (seed, index).
 */
export type ReplicationTask =
  | { readonly kind: "cluster"; readonly config: SimulationConfig; readonly seed: number; readonly index: number; readonly maxEvents?: number }
  | { readonly kind: "fleet"; readonly config: FleetConfig; readonly seed: number; readonly index: number };

/** Runs one replication and returns its headline figures (see headline-figures.ts). Deterministic. */
export function runReplication(task: ReplicationTask): number[] {
  const seed = replicationSeed(task.seed, task.index);
  if (task.kind === "fleet") return fleetFigures(simulateFleet(task.config, seed));
  return clusterFigures(simulate(task.config, seed, { maxEvents: task.maxEvents }).outcome);
}
