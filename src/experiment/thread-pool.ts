import { Worker } from "node:worker_threads";

/**
 * Hands out jobs 0..count−1 to `threads` worker threads started from `script`, one job at a
 * time per thread: `message(i)` is what job i sends; `onReply` takes each answer and returns an
 * Error to stop handing out more. Resolves once the jobs in flight end; rejects with the first
 * failure (a returned Error or a thread's own). The threads are terminated either way.
 */
export async function dealToThreads<R>(
  script: URL,
  threads: number,
  count: number,
  message: (index: number) => unknown,
  onReply: (reply: R) => Error | undefined,
): Promise<void> {
  let next = 0;
  let failure: Error | undefined;
  const runOn = (worker: Worker) =>
    new Promise<void>((resolve) => {
      const send = () => {
        if (failure || next >= count) return resolve();
        worker.postMessage(message(next++));
      };
      worker.on("message", (reply: R) => {
        const error = onReply(reply);
        if (error) failure ??= error;
        send();
      });
      worker.on("error", (error) => {
        failure ??= error;
        resolve();
      });
      send();
    });
  const pool = Array.from({ length: Math.min(threads, count) }, () => new Worker(script));
  try {
    await Promise.all(pool.map(runOn));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  if (failure) throw failure;
}
