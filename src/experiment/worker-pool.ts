import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { runReplication, type ReplicationTask, type TaskResult } from "./replication-task.js";
import type { EventEstimate } from "./run-budget.js";
import { EventBudgetExceeded } from "./simulate.js";

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
  let next = 0;
  let failure: Error | undefined;
  const runOn = (worker: Worker) =>
    new Promise<void>((resolve) => {
      const send = () => {
        if (failure || next >= tasks.length) return resolve();
        const id = next++;
        worker.postMessage({ id, task: tasks[id] });
      };
      worker.on("message", (reply: WorkerReply) => {
        if (reply.error) failure ??= rebuild(reply.error);
        else {
          results[reply.id] = reply.figures as TaskResult<T>;
          onDone(reply.id, results[reply.id]);
        }
        send();
      });
      worker.on("error", (error) => {
        failure ??= error;
        resolve();
      });
      send();
    });
  const pool = Array.from({ length: Math.min(workers, tasks.length) }, () => new Worker(new URL("./replication-worker.js", import.meta.url)));
  try {
    await Promise.all(pool.map(runOn));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  if (failure) throw failure;
  return results;
}

function rebuild(error: NonNullable<WorkerReply["error"]>): Error {
  if (error.budget) return new EventBudgetExceeded(error.budget.budget, error.budget.reachedS, error.budget.estimate);
  const rebuilt = new Error(error.message);
  rebuilt.stack = error.stack;
  return rebuilt;
}
