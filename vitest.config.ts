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

export default defineConfig({
  test: {
    // Long statistical proofs live in test/long/ and run with `npm run test:long` (vitest.long.config.ts).
    include: ["test/**/*.test.ts"],
    exclude: ["test/long/**", "**/node_modules/**"],
    pool: "forks",
    // One module graph per worker, not per file: importing src/ again for each of ~150 files cost
    // about 0.3 s of CPU per file. No test mocks modules or leaves global state behind.
    isolate: false,
    // At least two workers: on 2 cores vitest's default (cores − 1) is one, and every in-process
    // test would then wait while the examples' child processes run.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: ExamplesFirst },
    testTimeout: 120_000,
  },
});
