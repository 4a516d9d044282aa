import type { Scenario } from "../scenario/load-scenario.js";
import type { ScenarioCheck } from "./check-scenario.js";
import type { FleetEstimate } from "./fleet-experiment.js";
import { flattenNumbers } from "./flatten-numbers.js";
import { pinFigure, pinMeanFigure, type FigurePin } from "./figure-pin.js";
import type { CurrentRun, PinnedRun } from "./pinned-outcome.js";
import type { OutcomeFigures } from "./replication-task.js";
import { runTasks } from "./worker-pool.js";

/** The name a run has in a pin and in expectations: `base` or `variants.<name>`. */
export const pinRunName = (name: string) => (name === "base" ? "base" : `variants.${name}`);

/** A cluster check's runs as they are now: each run's flattened outcome and fingerprint. */
export function currentClusterRuns(check: ScenarioCheck): Record<string, CurrentRun> {
  const runs: Record<string, CurrentRun> = {};
  for (const r of check.runs) runs[pinRunName(r.name)] = { fingerprint: r.simulation.engine.fingerprint, outcome: flattenNumbers(r.simulation.outcome) };
  return runs;
}

/** A fleet check's estimates as they are now, flattened (`outagesPerYear.mean`, `.std`, …). */
export function currentFleetRuns(estimates: ReadonlyArray<{ name: string; estimate: FleetEstimate }>): Record<string, CurrentRun> {
  const runs: Record<string, CurrentRun> = {};
  for (const e of estimates) runs[pinRunName(e.name)] = { outcome: flattenNumbers(e.estimate) };
  return runs;
}

export interface PinPlan {
  /** Replications per run, the check's own run (replication 0, the seed itself) included. */
  readonly replications: number;
  readonly workers: number;
  readonly maxEvents?: number;
  /** Told after each replication with the running counts. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Pins of each figure from its values across replications (replication 0 first). */
function pinFigures(replicas: readonly OutcomeFigures[]): Record<string, FigurePin> {
  const figures: Record<string, FigurePin> = {};
  for (const path of Object.keys(replicas[0].figures)) {
    const values = replicas.map((r) => r.figures[path]);
    // A figure some replication lacks is not a figure of this run's outcome shape: not pinned.
    if (values.every((v) => v !== undefined)) figures[path] = pinFigure(values);
  }
  return figures;
}

/**
 * Pins a cluster scenario's checked runs: replication 0 is the check's own run (the seed
 * itself, `replicationSeed(seed, 0) = seed`); replications 1..N−1 run on the worker pool, each
 * on the seed derived from (seed, i) exactly as `relisim run --replications` does.
 */
export async function pinClusterRuns(scenario: Scenario, check: ScenarioCheck, plan: PinPlan): Promise<Record<string, PinnedRun>> {
  if (plan.replications < 2) throw new RangeError(`pinning needs at least 2 replications to estimate a spread, got ${plan.replications}`);
  const configs = check.runs.map((r) => (r.name === "base" ? scenario.base : scenario.variants.find((v) => v.name === r.name)!).config);
  const tasks = check.runs.flatMap((_, k) =>
    Array.from({ length: plan.replications - 1 }, (_, i) => ({ kind: "clusterOutcome" as const, config: configs[k], seed: check.seed, index: i + 1, maxEvents: plan.maxEvents })),
  );
  let done = 0;
  const results = await runTasks(tasks, plan.workers, () => plan.onProgress?.(++done, tasks.length));
  const runs: Record<string, PinnedRun> = {};
  check.runs.forEach((r, k) => {
    const own: OutcomeFigures = { figures: flattenNumbers(r.simulation.outcome), fingerprint: r.simulation.engine.fingerprint };
    const replicas = [own, ...results.slice(k * (plan.replications - 1), (k + 1) * (plan.replications - 1))];
    runs[pinRunName(r.name)] = { fingerprint: own.fingerprint, figures: pinFigures(replicas) };
  });
  return runs;
}

/**
 * Pins a fleet scenario's estimates. Each is already a mean over the scenario's replications,
 * so its own standard deviation gives the spread of a new estimate (batch means): no extra runs.
 * Only the means are pinned, and only those that varied: a mean whose replications all agreed
 * (a count that came out the same R times) gives no spread to judge a new estimate by. The
 * run's shape (years, clusters, replications) must stay equal.
 */
export function pinFleetRuns(estimates: ReadonlyArray<{ name: string; estimate: FleetEstimate }>): Record<string, PinnedRun> {
  const runs: Record<string, PinnedRun> = {};
  for (const { name, estimate } of estimates) {
    const figures: Record<string, FigurePin> = {};
    for (const [key, v] of Object.entries(estimate)) {
      if (typeof v === "number") figures[key] = { value: v, mean: v, sd: 0, n: 1, df: 1, integer: false };
      else if (v.std > 0 && estimate.replications > 1) figures[`${key}.mean`] = pinMeanFigure(v.mean, v.std, estimate.replications);
    }
    runs[pinRunName(name)] = { figures };
  }
  return runs;
}
