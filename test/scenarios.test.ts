import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { getPriority, setPriority } from "node:os";
import { describe, expect, test } from "vitest";
import { loadAnyScenario } from "../src/scenario/load-any-scenario.js";

/**
 * Every example scenario is also a test: its `expect:` block must hold. Each runs through the
 * CLI in a child process (`relisim test FILE`, as users run it), so long simulations run side by
 * side and never block the test runner. The children run at a lower priority (nice + 10) than
 * the test workers: they fill the cores the other test files leave idle, and never starve a
 * worker busy with a long synchronous test (vitest's worker gives up on the runner after 60 s
 * without an answer).
 */
function relisimTest(file: string): Promise<{ stdout?: string; stderr?: string }> {
  return new Promise((resolve) => {
    const child = execFile("node", ["bin/relisim.js", "test", file], { maxBuffer: 1 << 24 }, (_error, stdout, stderr) => resolve({ stdout, stderr }));
    try {
      setPriority(child.pid!, Math.min(19, getPriority() + 10));
    } catch {
      // Not allowed here, or the child has already exited: it runs at the usual priority.
    }
  });
}
const files = readdirSync("scenarios")
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();
/**
 * The longest examples (20–35 s of CPU each, most under 10 s) start first, so that none of them
 * is left running alone at the end. The order changes nothing else.
 */
const LONGEST = ["kv-service-day.yaml", "maintenance-strategies.yaml", "retry-storm.yaml", "cache-cold-start.yaml", "hedging-gc.yaml"];
const longestFirst = [...files].sort((a, b) => rank(a) - rank(b));
function rank(file: string): number {
  const i = LONGEST.indexOf(file);
  return i < 0 ? LONGEST.length : i;
}

describe("example scenarios", () => {
  test("there are example scenarios and each declares expectations", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) expect(loadAnyScenario(`scenarios/${f}`).expectations.length, f).toBeGreaterThan(0);
  });

  test("each has a pinned outcome under results/pinned (relisim test --update scenarios/FILE)", () => {
    const missing = files.filter((f) => !existsSync(`results/pinned/${f.replace(/\.(ya?ml|json)$/, ".json")}`));
    expect(missing).toEqual([]);
  });

  test.concurrent.each(longestFirst)("%s: every expectation holds and the outcome is as pinned", async (file) => {
    const result = await relisimTest(`scenarios/${file}`);
    const out = `${result.stdout ?? ""}${result.stderr ?? ""}`;
    const misses = out.split("\n").filter((line) => line.includes("✗"));
    expect(misses, out).toEqual([]);
    expect(out).toMatch(/✓ pinned outcome: \d+ figures as pinned/);
    expect(out).toMatch(/^\d+ passed, 0 failed$/m);
  }, 600_000);
});
