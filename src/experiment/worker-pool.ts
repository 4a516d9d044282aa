import { availableParallelism } from "node:os";
import { runReplication, type ReplicationTask, type TaskResult } from "./replication-task.js";
import type { EventEstimate } from "./run-budget.js";
import { EventBudgetExceeded } from "./simulate.js";
import { dealToThreads } from "./thread-pool.js";

/** The default number of worker threads: the machine's cores. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
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
export async function runTasks<T extends ReplicationTask>(tasks: readonly T[], workers: number, onDone: OnTaskDone<TaskResult<T>> = () => {}): Promise<TaskResult<T>[]> {
  const results: TaskResult<T>[] = new Array(tasks.length);
  if (workers <= 1 || tasks.length <= 1) {
    for (let i = 0; i < tasks.length; i++) {
      results[i] = runReplication(tasks[i]);
      onDone(i, results[i]);
      // Let the event loop breathe between tasks (progress bars, a test runner's heartbeat).
      if (i + 1 < tasks.length) await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  }
  await dealToThreads<WorkerReply>(
    new URL("./replication-worker.js", import.meta.url),
    workers,
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
