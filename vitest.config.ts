import { availableParallelism } from "node:os";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

/**
 * The example scenarios' test (test/scenarios.test.ts) is the longest file: it runs every
 * example in a child process, several at a time. It starts first, so the other files fill the
 * cores around its children instead of waiting behind it at the end.
 */
class ExamplesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (f: TestSpecification) => (f.moduleId.endsWith("/test/scenarios.test.ts") ? 0 : 1);
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => first(a.f) - first(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

const WORKERS = availableParallelism() + 1;

export default defineConfig({
  test: {
    // Long statistical proofs live in test/long/ and run with `npm run test:long` (vitest.long.config.ts).
    include: ["test/**/*.test.ts"],
    exclude: ["test/long/**", "**/node_modules/**"],
    pool: "forks",
    // One module graph per worker, not per file: importing src/ again for each of ~150 files cost
    // about 0.3 s of CPU per file. No test mocks modules or leaves global state behind.
    isolate: false,
    // One worker per core, and one more: the worker that runs test/scenarios.test.ts only waits
    // for the examples' child process (which fills idle cores at a lower priority), so the other
    // files need a worker per core of their own. With two workers on 2 cores they ran one at a
    // time, about 200 s of CPU on one core while the other ran the examples.
    // As many workers from the start (minWorkers): with fewer, the pool ends the idle extra ones,
    // and with isolate: false that raced with the files handed to them ("Terminating worker
    // thread": the run died, its workers left running).
    maxWorkers: WORKERS,
    minWorkers: WORKERS,
    sequence: { sequencer: ExamplesFirst },
    // The built command line that test/support/relisim-cli.ts runs in-process loads with Node's
    // own import, as bin/relisim.js loads it, not through the test runner's transform.
    server: { deps: { external: [/\/dist\/cli\/main\.js$/] } },
    testTimeout: 120_000,
  },
});
