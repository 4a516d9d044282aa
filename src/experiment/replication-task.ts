import { replicationSeed } from "../engine/random-streams.js";
import type { FleetConfig } from "../model/fleet/fleet-config.js";
import type { SimulationConfig } from "../scenario/simulation-config.js";
import { clusterFigures, fleetFigures } from "./headline-figures.js";
import { simulateFleetWithin } from "./fleet-experiment.js";
import { decisionFigures } from "./decision-figures.js";
import { flattenNumbers } from "./flatten-numbers.js";
import { simulate } from "./simulate.js";

/**
 * One replication of one configuration: plain data, so it can cross to a worker thread and its
 * result can be stored. Replication `index` runs on the seed derived from (seed, index).
 * `clusterOutcome` asks for every figure of the outcome (for pinning), not the headline ones.
 */
export type ReplicationTask =
  | { readonly kind: "cluster"; readonly config: SimulationConfig; readonly seed: number; readonly index: number; readonly maxEvents?: number }
  | { readonly kind: "clusterOutcome"; readonly config: SimulationConfig; readonly seed: number; readonly index: number; readonly maxEvents?: number }
  | { readonly kind: "fleet"; readonly config: FleetConfig; readonly seed: number; readonly index: number; readonly maxEvents?: number }
  | { readonly kind: "fleetCauses"; readonly config: FleetConfig; readonly seed: number; readonly index: number; readonly maxEvents?: number };

/** A task whose result is headline figures (number[]). */
export type HeadlineTask = Exclude<ReplicationTask, { kind: "clusterOutcome" }>;

/** A whole outcome, flattened (outcome path → number), and the engine's fingerprint: plain data. */
export interface OutcomeFigures {
  readonly figures: Readonly<Record<string, number>>;
  readonly fingerprint: string;
}

/** What a task returns: headline figures (see headline-figures.ts; fleetCauses: decision-figures.ts), or a flattened outcome. */
export type TaskResult<T extends ReplicationTask> = T extends { kind: "clusterOutcome" } ? OutcomeFigures : number[];

/** Runs one replication and returns its figures. Deterministic. */
export function runReplication<T extends ReplicationTask>(task: T): TaskResult<T>;
export function runReplication(task: ReplicationTask): number[] | OutcomeFigures {
  const seed = replicationSeed(task.seed, task.index);
  if (task.kind === "fleet") return fleetFigures(simulateFleetWithin(task.config, seed, task.maxEvents));
  if (task.kind === "fleetCauses") return decisionFigures(simulateFleetWithin(task.config, seed, task.maxEvents, { rangeCauses: true }));
  const simulation = simulate(task.config, seed, { maxEvents: task.maxEvents });
  if (task.kind === "clusterOutcome") return { figures: flattenNumbers(simulation.outcome), fingerprint: simulation.engine.fingerprint };
  return clusterFigures(simulation.outcome);
}
