import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { availableParallelism, getPriority, setPriority } from "node:os";
import { describe, expect, test } from "vitest";
import { loadAnyScenario } from "../src/scenario/load-any-scenario.js";

/**
 * Every example scenario is also a test: its `expect:` block must hold and its outcome must be as
 * pinned. They run through the CLI as users run it, all in one child process (`relisim test
 * --jobs N FILE…`, N worker threads, each example printed whole as it finishes), so the long
 * simulations run beside the other test files and never block the test runner; one process for
 * all of them, not one each, saves each example's start-up and warm-up (about 0.7 s of CPU, 24 s
 * for the 33 examples). The child runs at a lower priority (nice + 10) than the test workers: it
 * fills the cores the other test files leave idle, and never starves a worker busy with a long
 * synchronous test (vitest's worker gives up on the runner after 60 s without an answer).
 */
const files = readdirSync("scenarios")
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();
/**
 * The examples that take 3.5 s of CPU or more start first, longest first (measured one at a time,
 * 2026-12-05, on a busy machine: 29, 20, 10, 9, 7, 7, 7, 6, 6, 5, 5, 5, 4, 4, 4, 4, 4, 4, 3.5 s), so
 * that none of them is left running alone at the end: the others take 0.5–3 s each. The order
 * changes nothing else.
 */
const LONGEST = [
  "kv-service-day.yaml",
  "retry-storm.yaml",
  "netflix-scale-day.yaml",
  "three-failure-modes.yaml",
  "error-retries.yaml",
  "retries.yaml",
  "kv-retry-storm-incident.yaml",
  "maintenance-strategies.yaml",
  "zone-outage.yaml",
  "cache-cold-start.yaml",
  "region-evacuation.yaml",
  "load-balancing.yaml",
  "timeseries-modes.yaml",
  "gc-and-disk-tails.yaml",
  "idempotency.yaml",
  "multi-tenant.yaml",
  "hedging-gc.yaml",
  "fleet-change-causes.yaml",
  "gc-tolerant-timeouts.yaml",
];
const longestFirst = [...files].sort((a, b) => rank(a) - rank(b));
function rank(file: string): number {
  const i = LONGEST.indexOf(file);
  return i < 0 ? LONGEST.length : i;
}

/** Each example's block of `relisim test` output (from its `scenarios/FILE (seed N)` line), as soon as it is whole. */
interface ExamplesRun {
  block(file: string): Promise<string | undefined>;
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function runExamples(list: readonly string[]): ExamplesRun {
  const jobs = Math.max(2, availableParallelism());
  const child = spawn("node", ["bin/relisim.js", "test", "--jobs", String(jobs), ...list.map((f) => `scenarios/${f}`)], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    setPriority(child.pid!, Math.min(19, getPriority() + 10));
  } catch {
    // Not allowed here, or the child has already exited: it runs at the usual priority.
  }
  const waiting = new Map<string, (block: string | undefined) => void>();
  const blocks = new Map<string, Promise<string | undefined>>();
  for (const f of list) blocks.set(f, new Promise((resolve) => waiting.set(f, resolve)));
  let stdout = "";
  let stderr = "";
  let scanned = 0;
  let open: { file: string; start: number } | undefined;
  const close = (end: number) => {
    if (open) waiting.get(open.file)?.(stdout.slice(open.start, end));
    open = undefined;
  };
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => (stderr += chunk));
  child.stdout.on("data", (chunk: string) => {
    stdout += chunk;
    // Whole lines only: a block ends where the next example's first line begins.
    for (let nl = stdout.indexOf("\n", scanned); nl >= 0; nl = stdout.indexOf("\n", scanned)) {
      const header = /^scenarios\/(\S+) \(seed \d+\)$/.exec(stdout.slice(scanned, nl));
      if (header && waiting.has(header[1])) {
        close(scanned);
        open = { file: header[1], start: scanned };
      }
      scanned = nl + 1;
    }
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on("close", (code) => {
      const tally = stdout.search(/^\d+ passed, \d+ failed$/m);
      close(tally < 0 ? stdout.length : tally);
      for (const resolveBlock of waiting.values()) resolveBlock(undefined);
      resolve({ code, stdout, stderr });
    });
  });
  return { block: (file) => blocks.get(file)!, done };
}

describe("example scenarios", () => {
  test("there are example scenarios and each declares expectations", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) expect(loadAnyScenario(`scenarios/${f}`).expectations.length, f).toBeGreaterThan(0);
    // The order above names only examples that exist (a renamed one would lose its early start).
    expect(LONGEST.filter((f) => !files.includes(f))).toEqual([]);
  });

  test("each has a pinned outcome under results/pinned (relisim test --update scenarios/FILE)", () => {
    const missing = files.filter((f) => !existsSync(`results/pinned/${f.replace(/\.(ya?ml|json)$/, ".json")}`));
    expect(missing).toEqual([]);
  });

  // Started by the first test that needs it, so that `vitest -t` on other tests does not run the examples.
  let started: ExamplesRun | undefined;
  const examples = () => (started ??= runExamples(longestFirst));
  const everything = async () => {
    const { code, stdout, stderr } = await examples().done;
    return `exit ${code}\n${stdout}${stderr}`;
  };

  test.each(longestFirst)("%s: every expectation holds and the outcome is as pinned", async (file) => {
    const block = await examples().block(file);
    if (block === undefined) throw new Error(`no output for scenarios/${file}:\n${await everything()}`);
    const misses = block.split("\n").filter((line) => line.includes("✗"));
    expect(misses, block).toEqual([]);
    expect(block).toMatch(/✓ pinned outcome: \d+ figures as pinned/);
  }, 900_000);

  test("relisim test passes them all: exit 0, nothing failed", async () => {
    const { code, stdout } = await examples().done;
    expect(stdout, await everything()).toMatch(/^\d+ passed, 0 failed$/m);
    expect(code, await everything()).toBe(0);
  }, 900_000);
});
