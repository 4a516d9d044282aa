import { parentPort } from "node:worker_threads";
import { runReplication, type ReplicationTask } from "./replication-task.js";
import { EventBudgetExceeded } from "./simulate.js";

/** A worker thread of the pool: runs the replications it is sent, one at a time, and answers each. */
parentPort!.on("message", (message: { id: number; task: ReplicationTask }) => {
  try {
    parentPort!.postMessage({ id: message.id, figures: runReplication(message.task) });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    // The budget error is the user's input, not a bug: send what rebuilds it on the other side.
    const budget = error instanceof EventBudgetExceeded ? { budget: error.budget, reachedS: error.reachedS, estimate: error.estimate } : undefined;
    parentPort!.postMessage({ id: message.id, error: { message: e.message, stack: e.stack, budget } });
  }
});
