import { dealToThreads } from "../experiment/thread-pool.js";
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
  type Reply = ScenarioReport | { index: number; error: { message: string; stack?: string } };
  await dealToThreads<Reply>(
    new URL("./test-worker.js", import.meta.url),
    jobs,
    files.length,
    (index) => ({ index, file: files[index], flags }),
    (reply) => {
      if ("error" in reply) return Object.assign(new Error(reply.error.message), { stack: reply.error.stack });
      process.stdout.write(reply.stdout);
      process.stderr.write(reply.stderr);
      tally.passed += reply.tally.passed;
      tally.failed += reply.tally.failed;
      tally.invalid += reply.tally.invalid;
      suites[reply.index] = reply.suite;
      return undefined;
    },
  );
  return suites;
}
