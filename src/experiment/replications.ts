import type { HeadlineTask } from "./replication-task.js";
import { estimate, reportEstimate, type ReportedEstimate } from "./statistics.js";
import { runTasks } from "./worker-pool.js";

/** One configuration to replicate: its name (a grid point or variant) and a task template. */
export interface ReplicatedPoint {
  readonly name: string;
  /** The task of replication 0; replication i differs only in `index`. */
  readonly task: HeadlineTask;
}

/** Where finished replications are kept between runs (a sweep's results directory), if anywhere. */
export interface ReplicationStore {
  get(point: string, index: number): number[] | undefined;
  put(point: string, index: number, figures: number[]): void;
}

export interface ReplicationPlan {
  /** Replications per point (with `precision`: the first round). */
  readonly replications: number;
  /** Keep adding replications until the 95% half-width of `precisionFigure` is within this share of its mean. */
  readonly precision?: number;
  /** The index of the figure `precision` is about (default 0: the kind's first, how often it fails). */
  readonly precisionFigure?: number;
  /** The cap on replications per point when `precision` is set. */
  readonly maxReplications?: number;
  readonly workers: number;
  readonly store?: ReplicationStore;
  /** Run only the replications this accepts (a shard's share); the others stay empty. */
  readonly select?: (point: number, index: number) => boolean;
  /** Told after each replication (computed or found in the store) with the running counts. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Replication `index` of point `point`. */
export interface PendingReplication {
  readonly point: number;
  readonly index: number;
}

/**
 * One round: each pending replication is taken from the store or run on the workers (and then
 * stored) into `figures[point][index]`; progress counts on from `done`. Returns the new count.
 */
export async function runPending(
  points: readonly ReplicatedPoint[],
  pending: readonly PendingReplication[],
  figures: number[][][],
  done: number,
  plan: Pick<ReplicationPlan, "workers" | "store" | "onProgress">,
): Promise<number> {
  const total = done + pending.length;
  const toRun: PendingReplication[] = [];
  for (const job of pending) {
    const stored = plan.store?.get(points[job.point].name, job.index);
    if (stored) {
      figures[job.point][job.index] = stored;
      plan.onProgress?.(++done, total);
    } else toRun.push(job);
  }
  const tasks = toRun.map(({ point, index }) => ({ ...points[point].task, index }));
  await runTasks(tasks, plan.workers, (k, result) => {
    const { point, index } = toRun[k];
    figures[point][index] = result;
    plan.store?.put(points[point].name, index, result);
    plan.onProgress?.(++done, total);
  });
  return done;
}

/** A point's replications, in index order: figures[i] is replication i's headline figures. */
export interface ReplicatedResult {
  readonly name: string;
  readonly figures: number[][];
  /** With `precision`: whether the figure reached it before the cap. */
  readonly precisionReached?: boolean;
}

/**
 * Runs each point's replications (on the workers, skipping those in the store) and, with a
 * precision target, further rounds for the points that miss it. Rounds depend only on the
 * figures, never on the worker count or finish order, so the result is the same everywhere.
 */
export async function replicatePoints(points: readonly ReplicatedPoint[], plan: ReplicationPlan): Promise<ReplicatedResult[]> {
  const figures: number[][][] = points.map(() => []);
  const wanted = points.map(() => plan.replications);
  const cap = plan.precision === undefined ? plan.replications : Math.max(plan.replications, plan.maxReplications ?? 100);
  let done = 0;
  for (;;) {
    const pending: PendingReplication[] = [];
    points.forEach((_, p) => {
      for (let i = figures[p].length; i < wanted[p]; i++) if (plan.select?.(p, i) ?? true) pending.push({ point: p, index: i });
    });
    if (pending.length === 0) break;
    done = await runPending(points, pending, figures, done, plan);
    if (plan.precision === undefined) break;
    if (plan.select) throw new Error("a precision target needs every replication: it cannot run on a share of them");
    points.forEach((_, p) => (wanted[p] = nextReplications(figures[p], plan.precision!, cap, plan.precisionFigure)));
  }
  return points.map((point, p) => ({
    name: point.name,
    figures: figures[p],
    ...(plan.precision === undefined ? {} : { precisionReached: withinPrecision(figures[p], plan.precision, plan.precisionFigure) }),
  }));
}

/** Whether figure `figure`'s 95% half-width is within `precision` × |mean| (a figure that never varies qualifies). */
export function withinPrecision(figures: readonly number[][], precision: number, figure = 0): boolean {
  return ratio(figures, precision, figure) <= 1;
}

/** Half-width / (precision × |mean|) of one figure: > 1 misses the target. */
function ratio(figures: readonly number[][], precision: number, figure: number): number {
  if (figures.length < 2) return Infinity;
  const e = estimate(figures.map((r) => r[figure]));
  const half = (e.ci95[1] - e.ci95[0]) / 2;
  return half === 0 ? 0 : half / (precision * Math.abs(e.mean));
}

/**
 * How many replications a point should have after this round: as many as it has when it meets
 * the target or hit the cap; otherwise the count that the half-width's 1/√n shrinkage predicts,
 * at least one more and at most twice as many (a wild first guess must not overshoot far).
 */
export function nextReplications(figures: readonly number[][], precision: number, cap: number, figure = 0): number {
  const n = figures.length;
  if (n >= cap) return n;
  const r = ratio(figures, precision, figure);
  if (r <= 1) return n;
  const predicted = Number.isFinite(r) ? Math.ceil(n * r * r) : 2 * n;
  return Math.min(cap, Math.max(n + 1, Math.min(2 * n, predicted)));
}

/** Each figure's mean, standard deviation and 95% interval over a point's replications. */
export function summarizeFigures(names: readonly string[], figures: readonly number[][]): Record<string, ReportedEstimate> {
  const out: Record<string, ReportedEstimate> = {};
  names.forEach((name, f) => (out[name] = reportEstimate(estimate(figures.map((r) => r[f])))));
  return out;
}
