import { rankCandidates, needMore, type Ranking } from "./ranking.js";
import { runPending, type PendingReplication, type ReplicatedPoint, type ReplicationStore } from "./replications.js";

export interface DecisionPlan {
  /** Replications of every candidate (and the baseline) in the first round. */
  readonly first: number;
  /** Replications added per round to each candidate of an unresolved pair. */
  readonly batch: number;
  /** The cap on replications per candidate. */
  readonly cap: number;
  /** The practical margin: a share of the safer's mean within which a pair is tied. */
  readonly margin: number;
  /** The index of the figure candidates are ranked by (0: outages per year). */
  readonly figure: number;
  readonly workers: number;
  readonly store?: ReplicationStore;
  /** Told after each replication (computed or found in the store) with the running counts. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DecisionRuns {
  /** Per candidate, its replications' figures in index order. */
  readonly candidates: readonly (readonly number[][])[];
  /** The baseline's, as many as the candidate with the most. */
  readonly baseline: readonly number[][];
  /** The ranking the rounds stopped at. */
  readonly ranking: Ranking;
  readonly rounds: number;
}

/**
 * Replicates every candidate and the baseline on common random numbers (replication i of each on
 * the seed derived from (seed, i)) in rounds: after each, the candidates are ranked and each
 * candidate of a pair neither resolved nor tied gets `batch` more replications, up to the cap;
 * the baseline keeps up with the candidate with the most. Rounds depend only on the figures,
 * never on the worker count or finish order, so the result is the same everywhere. Finished
 * replications go to the store as they come, so a stopped decision resumes where it was.
 */
export async function replicateDecision(candidates: readonly ReplicatedPoint[], baseline: ReplicatedPoint, plan: DecisionPlan): Promise<DecisionRuns> {
  if (!(plan.first >= 2 && plan.batch >= 1 && plan.cap >= plan.first)) {
    throw new RangeError(`a decision needs first >= 2, batch >= 1 and cap >= first, got ${plan.first}, ${plan.batch}, ${plan.cap}`);
  }
  const points = [...candidates, baseline];
  const figures: number[][][] = points.map(() => []);
  const wanted = points.map(() => plan.first);
  const last = points.length - 1;
  let done = 0;
  let rounds = 0;
  for (;;) {
    rounds++;
    const pending: PendingReplication[] = [];
    points.forEach((_, p) => {
      for (let i = figures[p].length; i < wanted[p]; i++) pending.push({ point: p, index: i });
    });
    done = await runPending(points, pending, figures, done, plan);
    const ranked = candidates.map((c, i) => ({ name: c.name, values: figures[i].map((r) => r[plan.figure]) }));
    const ranking = rankCandidates(ranked, plan.margin, plan.cap);
    const more = needMore(ranking, ranked, plan.cap);
    if (more.length === 0) return { candidates: figures.slice(0, last), baseline: figures[last], ranking, rounds };
    for (const i of more) wanted[i] = Math.min(plan.cap, figures[i].length + plan.batch);
    wanted[last] = Math.max(...wanted.slice(0, last));
  }
}
