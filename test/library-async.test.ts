import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, expect, test } from "vitest";
import { runScenario, ScenarioError } from "../src/index.js";

/**
 * The library's async calls run on a worker thread; the worker is the built one (dist/), so
 * these tests import the package as a program would.
 */
const DIST = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const TINY = "test/fixtures/cli/tiny.yaml";
type Library = typeof import("../src/index.js");
let lib: Library;

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error("dist/ is not built: run `npx tsc -p .` first");
  lib = (await import(DIST)) as Library;
});

test("runScenarioAsync gives the outcome runScenario gives, byte for byte, and the event loop runs meanwhile", async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    const outcome = await lib.runScenarioAsync(TINY, { seed: 4 });
    expect(JSON.stringify(outcome)).toBe(JSON.stringify(runScenario(TINY, { seed: 4 })));
    // The run took well over 5 ms; a synchronous call would have let no timer fire.
    expect(ticks).toBeGreaterThan(2);
  } finally {
    clearInterval(timer);
  }
  // Several at once, each on its own thread, each as alone.
  const [a, b] = await Promise.all([lib.runScenarioAsync(TINY, { seed: 1 }), lib.runScenarioAsync(TINY, { seed: 2 })]);
  expect(a).toEqual(runScenario(TINY, { seed: 1 }));
  expect(b.requests.total).not.toBe(a.requests.total);
  expect(Object.keys(await lib.compareScenarioAsync({ name: "v.yaml", text: `duration: 1m\ncluster:\n  regions:\n    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }\nworkload:\n  rate: 40/s\nvariants:\n  slow: { workload.rate: 10/s }\n` }))).toEqual(["slow"]);
});

test("a bad scenario rejects with the ScenarioError the synchronous call throws", async () => {
  const bad = { name: "bad.yaml", text: "duration: soon\ncluster: {}\nworkload: {}\n" };
  let syncError: ScenarioError | undefined;
  try {
    runScenario(bad);
  } catch (error) {
    syncError = error as ScenarioError;
  }
  const asyncError = await lib.runScenarioAsync(bad).catch((error: unknown) => error);
  expect(asyncError).toBeInstanceOf(lib.ScenarioError);
  expect((asyncError as ScenarioError).message).toBe(syncError!.message);
  expect((asyncError as ScenarioError).problems).toEqual(syncError!.problems);
});
