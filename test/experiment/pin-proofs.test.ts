import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { checkScenario } from "../../src/experiment/check-scenario.js";
import { currentClusterRuns } from "../../src/experiment/pin-runs.js";
import { comparePinned } from "../../src/experiment/pinned-outcome.js";
import { readPin } from "../../src/experiment/pin-store.js";
import { resultHeader } from "../../src/experiment/run-scenario.js";
import { DEFAULT_PIN_REPLICATIONS } from "../../src/experiment/pin-check.js";
import { loadScenario, type Scenario } from "../../src/scenario/load-scenario.js";

/**
 * The two claims of statistical pins, on a real example scenario: a small real change is caught,
 * and a changed seed raises no false alarm. Both on the healthy variant and seed 12, so the two
 * runs differ only in the disk; once, not per variant (the other two would cost twice as much
 * again; figures of their kinds, GC tails and episodes, are in the calibration below). Budget:
 * about 5 s of CPU. Twenty changed seeds are
 * test/long/pin-false-alarms.test.ts (`npm run test:long`); the larger calibration (8 examples ×
 * 20 seeds) is scripts/pin-calibration.js (README, "pin").
 */

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

/** The scenario with only variant `name`, and only the expectations that read it (so only it is run). */
function onlyVariant(scenario: Scenario, name: string): Scenario {
  return {
    ...scenario,
    variants: scenario.variants.filter((v) => v.name === name),
    expectations: scenario.expectations.filter((e) => e.startsWith(`variants.${name}.`)),
  };
}

describe("gc-and-disk-tails: a 3% slower disk", () => {
  // The example's own pin (`relisim test --update scenarios/gc-and-disk-tails.yaml`: 20
  // replications, 72 s of CPU, too much to make inside npm test), which npm test keeps current.
  const file = "scenarios/gc-and-disk-tails.yaml";
  const scenario = loadScenario(file);
  const pin = readPin("results/pinned/gc-and-disk-tails.json", file)!;
  // A seed the pin never saw: replication 0 of seed 12 is not among the pin's replications of seed 11.
  const seed = 12;

  const healthyPin = { ...pin, runs: { "variants.healthy": pin.runs["variants.healthy"] } };

  test("the unchanged model on a new seed is within every interval (the healthy variant)", () => {
    const healthy = onlyVariant(scenario, "healthy");
    const check = checkScenario(healthy, { seed });
    expect(check.runs.map((r) => r.name)).toEqual(["healthy"]);
    const verdict = comparePinned(healthyPin, resultHeader(scenario, seed), currentClusterRuns(check), { tolerance: scenario.pin });
    expect(verdict.kind, describeFlags(file, seed, verdict)).toBe("match");
  });

  test("is flagged: mean latency moves many prediction sd in the healthy variant", () => {
    // Only the healthy variant is run, and compared with its own part of the pin.
    const healthy = onlyVariant(withSlowerDisk(scenario, 1.03), "healthy");
    // The disk really is 3% slower: 0.8–1.8 ms becomes 0.824–1.854 ms.
    expect(healthy.variants[0].config.world.cluster.node.disk).toMatchObject({ min: 824, max: 1854 });
    const check = checkScenario(healthy, { seed });
    expect(check.runs.map((r) => r.name)).toEqual(["healthy"]);
    const verdict = comparePinned(healthyPin, resultHeader(scenario, seed), currentClusterRuns(check), { tolerance: scenario.pin });
    expect(verdict.kind).toBe("moved");
    if (verdict.kind !== "moved") return;
    const mean = verdict.mismatches.find((m) => m.run === "variants.healthy" && m.field === "latencyMs.all.mean");
    expect(mean, verdict.mismatches.map((m) => `${m.run} ${m.field} z=${m.z}`).join("\n")).toBeDefined();
    expect(mean!.z!).toBeGreaterThan(10);
  });
});

test("the pin is a real format-2 pin of the example as it is", () => {
  const pin = JSON.parse(readFileSync("results/pinned/gc-and-disk-tails.json", "utf8"));
  expect(pin).toMatchObject({ format: 2, replications: DEFAULT_PIN_REPLICATIONS, header: { file: "scenarios/gc-and-disk-tails.yaml", hash: loadScenario("scenarios/gc-and-disk-tails.yaml").hash } });
});
