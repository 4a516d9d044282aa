import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { checkScenario } from "../../src/experiment/check-scenario.js";
import { currentClusterRuns, pinClusterRuns } from "../../src/experiment/pin-runs.js";
import { comparePinned, PIN_FORMAT, type PinnedOutcome } from "../../src/experiment/pinned-outcome.js";
import { readPin } from "../../src/experiment/pin-store.js";
import { resultHeader } from "../../src/experiment/run-scenario.js";
import { DEFAULT_PIN_REPLICATIONS } from "../../src/experiment/pin-check.js";
import { loadScenario, type Scenario } from "../../src/scenario/load-scenario.js";

/**
 * The two claims of statistical pins, on real example scenarios: a small real change is caught,
 * and changed seeds raise (almost) no false alarms. Budget: about 40 s of CPU in all; the larger
 * calibration (8 examples × 20 seeds) is scripts/pin-calibration.js (README, "pin").
 */

/** Runs on changed seeds that were flagged, across the tests below (they run in order). */
const falseAlarms: string[] = [];
let changedSeedRuns = 0;
const describeFlags = (file: string, seed: number, v: ReturnType<typeof comparePinned>) =>
  v.kind === "moved" ? `${file} seed ${seed}: ${v.mismatches.map((m) => `${m.run} ${m.field} z=${m.z?.toFixed(1)}`).join(", ")}` : "";

/** The scenario with every variant's node disk `scale` times slower: a model change, same hash. */
function withSlowerDisk(scenario: Scenario, scale: number): Scenario {
  const slower = <T extends Scenario["base"]>(v: T): T => {
    const node = v.config.world.cluster.node;
    const disk = node.disk as { min: number; max: number };
    const scaled = { ...disk, min: disk.min * scale, max: disk.max * scale };
    return { ...v, config: { ...v.config, world: { ...v.config.world, cluster: { ...v.config.world.cluster, node: { ...node, disk: scaled } } } } } as T;
  };
  return { ...scenario, base: slower(scenario.base), variants: scenario.variants.map(slower) };
}

describe("gc-and-disk-tails: a 3% slower disk", () => {
  // The example's own pin (`relisim test --update scenarios/gc-and-disk-tails.yaml`: 20
  // replications, 150 s of CPU, too much to make inside npm test), which npm test keeps current.
  const file = "scenarios/gc-and-disk-tails.yaml";
  const scenario = loadScenario(file);
  const pin = readPin("results/pinned/gc-and-disk-tails.json", file)!;
  // A seed the pin never saw: replication 0 of seed 12 is not among the pin's replications of seed 11.
  const seed = 12;

  test("the unchanged model on a new seed (one of the 20 changed seeds below) is within every interval", () => {
    const check = checkScenario(scenario, { seed });
    const verdict = comparePinned(pin, resultHeader(scenario, seed), currentClusterRuns(check), { tolerance: scenario.pin });
    changedSeedRuns++;
    if (verdict.kind !== "match") falseAlarms.push(describeFlags(file, seed, verdict));
    expect(verdict.kind, describeFlags(file, seed, verdict)).toBe("match");
  });

  test("is flagged: mean latency moves many prediction sd in the healthy variant", () => {
    const slower = withSlowerDisk(scenario, 1.03);
    // The disk really is 3% slower: 0.8–1.8 ms becomes 0.824–1.854 ms.
    expect(slower.variants[0].config.world.cluster.node.disk).toMatchObject({ min: 824, max: 1854 });
    const check = checkScenario(slower, { seed });
    const verdict = comparePinned(pin, resultHeader(scenario, seed), currentClusterRuns(check), { tolerance: scenario.pin });
    expect(verdict.kind).toBe("moved");
    if (verdict.kind !== "moved") return;
    const mean = verdict.mismatches.find((m) => m.run === "variants.healthy" && m.field === "latencyMs.all.mean");
    expect(mean, verdict.mismatches.map((m) => `${m.run} ${m.field} z=${m.z}`).join("\n")).toBeDefined();
    expect(mean!.z!).toBeGreaterThan(10);
  });
});

describe("changed seeds across the examples", () => {
  /** Pins `file` as relisim test --update does (default replications), then runs `seeds` other seeds; notes the seeds flagged. */
  async function runChangedSeeds(file: string, seeds: number): Promise<void> {
    const scenario = loadScenario(file);
    const check = checkScenario(scenario);
    const runs = await pinClusterRuns(scenario, check, { replications: DEFAULT_PIN_REPLICATIONS, workers: 1 });
    const pin: PinnedOutcome = { format: PIN_FORMAT, header: resultHeader(scenario, check.seed), replications: DEFAULT_PIN_REPLICATIONS, runs };
    for (let j = 1; j <= seeds; j++) {
      const seed = check.seed + j;
      await new Promise((resolve) => setImmediate(resolve));
      const verdict = comparePinned(pin, resultHeader(scenario, seed), currentClusterRuns(checkScenario(scenario, { seed })), { tolerance: scenario.pin });
      changedSeedRuns++;
      if (verdict.kind !== "match") falseAlarms.push(describeFlags(file, seed, verdict));
    }
  }

  test("20 runs on changed seeds (gc-and-disk-tails above, hedge-delays × 19, pinned here) raise at most 1 false alarm", async () => {
    await runChangedSeeds("scenarios/hedge-delays.yaml", 19);
    expect(changedSeedRuns).toBe(20);
    expect(falseAlarms.length, falseAlarms.join("\n")).toBeLessThanOrEqual(1);
  }, 300_000);
});

test("the pin is a real format-2 pin of the example as it is", () => {
  const pin = JSON.parse(readFileSync("results/pinned/gc-and-disk-tails.json", "utf8"));
  expect(pin).toMatchObject({ format: 2, replications: DEFAULT_PIN_REPLICATIONS, header: { file: "scenarios/gc-and-disk-tails.yaml", hash: loadScenario("scenarios/gc-and-disk-tails.yaml").hash } });
});
