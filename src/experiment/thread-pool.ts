import { Worker } from "node:worker_threads";
import { extensionModules } from "./extension-modules.js";

/**
 * Worker threads started from `script`, kept between deals: a caller with many small batches
 * (a plan's candidates, one after another) pays for starting threads once. Threads start at the
 * first deal that needs them. `close` terminates them; after a failure the set closes itself.
 */
export class Threads {
  readonly #script: URL;
  readonly #size: number;
  #pool: Worker[] = [];
  #closed = false;

  constructor(script: URL, size: number) {
    this.#script = script;
    this.#size = size;
  }

  /**
   * Hands out jobs 0..count−1, one job at a time per thread: `message(i)` is what job i sends;
   * `onReply` takes each answer and returns an Error to stop handing out more. Resolves once the
   * jobs in flight end; rejects with the first failure (a returned Error or a thread's own).
   */
  async deal<R>(count: number, message: (index: number) => unknown, onReply: (reply: R) => Error | undefined): Promise<void> {
    if (this.#closed) throw new Error("these worker threads were closed");
    while (this.#pool.length < Math.min(this.#size, count)) this.#pool.push(startWorker(this.#script));
    let next = 0;
    let failure: Error | undefined;
    const runOn = (worker: Worker) =>
      new Promise<void>((resolve) => {
        const done = () => {
          worker.off("message", onMessage);
          worker.off("error", onError);
          resolve();
        };
        const send = () => {
          if (failure || next >= count) return done();
          worker.postMessage(message(next++));
        };
        const onMessage = (reply: R) => {
          const error = onReply(reply);
          if (error) failure ??= error;
          send();
        };
        const onError = (error: Error) => {
          failure ??= error;
          done();
        };
        worker.on("message", onMessage);
        worker.on("error", onError);
        send();
      });
    await Promise.all(this.#pool.slice(0, Math.min(this.#size, count)).map(runOn));
    if (failure) {
      await this.close();
      throw failure;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pool = this.#pool;
    this.#pool = [];
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/**
 * Hands out jobs 0..count−1 to `threads` worker threads started from `script` for this deal
 * alone (see Threads.deal); the threads are terminated either way.
 */
export async function dealToThreads<R>(
  script: URL,
  threads: number,
  count: number,
  message: (index: number) => unknown,
  onReply: (reply: R) => Error | undefined,
): Promise<void> {
  const set = new Threads(script, threads);
  try {
    await set.deal(count, message, onReply);
  } finally {
    await set.close();
  }
}

/** A worker thread running `script`, after the modules of the program's extensions when there are any. */
function startWorker(script: URL): Worker {
  const extensions = extensionModules();
  if (extensions.length === 0) return new Worker(script);
  return new Worker(new URL("./extension-bootstrap.js", import.meta.url), { workerData: { script: script.href, extensions } });
}
