import { availableParallelism } from "node:os";
import { runReplication, type ReplicationTask, type TaskResult } from "./replication-task.js";
import type { EventEstimate } from "./run-budget.js";
import { EventBudgetExceeded } from "./simulate.js";
import { dealToThreads, Threads } from "./thread-pool.js";

/** The default number of worker threads: the machine's cores. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

const REPLICATION_WORKER = new URL("./replication-worker.js", import.meta.url);

/** Replication threads kept for many runTasks calls (see Threads); close them when done. */
export type TaskThreads = Threads;

/** `workers` replication threads to keep between runTasks calls; undefined for one worker (tasks run inline). */
export function openTaskThreads(workers: number): TaskThreads | undefined {
  return workers > 1 ? new Threads(REPLICATION_WORKER, workers) : undefined;
}

/** Told of each finished task, in finish order (which varies); `index` is the task's place. */
export type OnTaskDone<R = number[]> = (index: number, figures: R) => void;

interface WorkerReply {
  readonly id: number;
  readonly figures?: unknown;
  readonly error?: { message: string; stack?: string; budget?: { budget: number; reachedS: number; estimate?: EventEstimate } };
}

/**
 * Runs `tasks` on `workers` threads (inline when 1: no thread to start) and returns their
 * figures in task order, so the result never depends on how many workers ran or which finished
 * first. The first failure stops handing out work and rejects once the tasks in flight end.
 */
export async function runTasks<T extends ReplicationTask>(
  tasks: readonly T[],
  workers: number | TaskThreads,
  onDone: OnTaskDone<TaskResult<T>> = () => {},
): Promise<TaskResult<T>[]> {
  const results: TaskResult<T>[] = new Array(tasks.length);
  if (typeof workers === "number" && (workers <= 1 || tasks.length <= 1)) {
    for (let i = 0; i < tasks.length; i++) {
      results[i] = runReplication(tasks[i]);
      onDone(i, results[i]);
      // Let the event loop breathe between tasks (progress bars, a test runner's heartbeat).
      if (i + 1 < tasks.length) await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  }
  const deal = (count: number, message: (id: number) => unknown, onReply: (reply: WorkerReply) => Error | undefined) =>
    typeof workers === "number" ? dealToThreads<WorkerReply>(REPLICATION_WORKER, workers, count, message, onReply) : workers.deal<WorkerReply>(count, message, onReply);
  await deal(
    tasks.length,
    (id) => ({ id, task: tasks[id] }),
    (reply) => {
      if (reply.error) return rebuild(reply.error);
      results[reply.id] = reply.figures as TaskResult<T>;
      onDone(reply.id, results[reply.id]);
      return undefined;
    },
  );
  return results;
}

function rebuild(error: NonNullable<WorkerReply["error"]>): Error {
  if (error.budget) return new EventBudgetExceeded(error.budget.budget, error.budget.reachedS, error.budget.estimate);
  const rebuilt = new Error(error.message);
  rebuilt.stack = error.stack;
  return rebuilt;
}
