import { Worker } from "node:worker_threads";
import type { JunitSuite } from "../report/junit.js";
import type { TestFlags } from "./test-flags.js";
import type { TestTally } from "./test-tally.js";

/** What a worker sends back for one scenario: its lines, its tally and its JUnit suite. */
export interface ScenarioReport {
  readonly index: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly tally: TestTally;
  readonly suite: JunitSuite;
}

/**
 * `relisim test` on `jobs` worker threads: each scenario's lines are printed whole as it
 * finishes (so blocks never interleave), the tallies added up, and the JUnit suites returned
 * in file order, so the XML does not depend on which finished first.
 */
export async function testInParallel(files: readonly string[], flags: TestFlags, jobs: number, tally: TestTally): Promise<JunitSuite[]> {
  const suites: JunitSuite[] = new Array(files.length);
  let next = 0;
  let failure: Error | undefined;
  const runOn = (worker: Worker) =>
    new Promise<void>((resolve) => {
      const send = () => {
        if (failure || next >= files.length) return resolve();
        const index = next++;
        worker.postMessage({ index, file: files[index], flags });
      };
      worker.on("message", (reply: ScenarioReport | { index: number; error: { message: string; stack?: string } }) => {
        if ("error" in reply) {
          const error = new Error(reply.error.message);
          error.stack = reply.error.stack;
          failure ??= error;
        } else {
          process.stdout.write(reply.stdout);
          process.stderr.write(reply.stderr);
          tally.passed += reply.tally.passed;
          tally.failed += reply.tally.failed;
          tally.invalid += reply.tally.invalid;
          suites[reply.index] = reply.suite;
        }
        send();
      });
      worker.on("error", (error) => {
        failure ??= error;
        resolve();
      });
      send();
    });
  const pool = Array.from({ length: jobs }, () => new Worker(new URL("./test-worker.js", import.meta.url)));
  try {
    await Promise.all(pool.map(runOn));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  if (failure) throw failure;
  return suites;
}
