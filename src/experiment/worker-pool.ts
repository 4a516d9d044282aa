import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { runReplication, type ReplicationTask } from "./replication-task.js";
import { EventBudgetExceeded } from "./simulate.js";

/** The default number of worker threads: the machine's cores. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Told of each finished task, in finish order (which varies); `index` is the task's place. */
export type OnTaskDone = (index: number, figures: number[]) => void;

interface WorkerReply {
  readonly id: number;
  readonly figures?: number[];
  readonly error?: { message: string; stack?: string; budget?: { budget: number; reachedS: number } };
}

/**
 * Runs `tasks` on `workers` threads (inline when 1: no thread to start) and returns their
 * figures in task order, so the result never depends on how many workers ran or which finished
 * first. The first failure stops handing out work and rejects once the tasks in flight end.
 */
export async function runTasks(tasks: readonly ReplicationTask[], workers: number, onDone: OnTaskDone = () => {}): Promise<number[][]> {
  const results: number[][] = new Array(tasks.length);
  if (workers <= 1 || tasks.length <= 1) {
    tasks.forEach((task, i) => {
      results[i] = runReplication(task);
      onDone(i, results[i]);
    });
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
          results[reply.id] = reply.figures!;
          onDone(reply.id, reply.figures!);
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
  if (error.budget) return new EventBudgetExceeded(error.budget.budget, error.budget.reachedS);
  const rebuilt = new Error(error.message);
  rebuilt.stack = error.stack;
  return rebuilt;
}
