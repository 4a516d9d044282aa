import { Worker } from "node:worker_threads";
import { extensionModules } from "./extension-modules.js";

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
  const pool = Array.from({ length: Math.min(threads, count) }, () => startWorker(script));
  try {
    await Promise.all(pool.map(runOn));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  if (failure) throw failure;
}

/** A worker thread running `script`, after the modules of the program's extensions when there are any. */
function startWorker(script: URL): Worker {
  const extensions = extensionModules();
  if (extensions.length === 0) return new Worker(script);
  return new Worker(new URL("./extension-bootstrap.js", import.meta.url), { workerData: { script: script.href, extensions } });
}
