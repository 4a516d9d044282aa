import { describe, expect, test } from "vitest";
import { checkScenario } from "../../src/experiment/check-scenario.js";
import { comparePinned, flattenNumbers, pinRun, toleranceFor, withinTolerance, type PinHeader, type PinnedOutcome } from "../../src/experiment/pinned-outcome.js";
import { movedLines } from "../../src/cli/test-command.js";
import { loadScenario } from "../../src/scenario/load-scenario.js";

const header: PinHeader = { relisim: "1.0.0", node: "v20.0.0", scenario: "s", file: "s.yaml", hash: "h1", seed: 7 };
const pinned = (outcome: Record<string, number>, over: Partial<PinHeader> = {}): PinnedOutcome => ({
  header: { ...header, ...over },
  runs: { base: { fingerprint: "f1", outcome } },
});

describe("flattenNumbers", () => {
  test("numbers by dotted path; lists, strings and non-finite numbers are left out", () => {
    expect(flattenNumbers({ a: 1, b: { c: 2, d: [1, 2], e: "x", f: Number.NaN, g: { h: 0 } } })).toEqual({ a: 1, "b.c": 2, "b.g.h": 0 });
  });
});

describe("tolerances", () => {
  const spec = { tolerance: { "latencyMs.*.p99": { relative: 0.2 }, "latencyMs.GET.p99": { absolute: 3 }, "episodes.count": { absolute: 1 } } };
  test("the most specific pattern wins, the default is ±5%", () => {
    expect(toleranceFor("latencyMs.GET.p99", spec)).toEqual({ absolute: 3 });
    expect(toleranceFor("latencyMs.PUT.p99", spec)).toEqual({ relative: 0.2 });
    expect(toleranceFor("latencyMs.PUT.p50", spec)).toEqual({ relative: 0.05 });
    // `*` is one segment, not several.
    expect(toleranceFor("latencyMs.x.GET.p99", spec)).toEqual({ relative: 0.05 });
  });
  test("the larger of absolute and relative applies", () => {
    expect(withinTolerance(100, 104.9, { relative: 0.05 })).toBe(true);
    expect(withinTolerance(100, 105.1, { relative: 0.05 })).toBe(false);
    expect(withinTolerance(0, 0.5, { relative: 0.05 })).toBe(false);
    expect(withinTolerance(0, 0.5, { relative: 0.05, absolute: 1 })).toBe(true);
  });
});

describe("comparePinned", () => {
  const spec = { tolerance: {} };
  test("same version, node and seed: exact, fingerprint included", () => {
    const now = { base: { fingerprint: "f1", outcome: { a: 1, b: 2 } } };
    expect(comparePinned(pinned({ a: 1, b: 2 }), header, now, spec)).toEqual({ kind: "match", exact: true, fields: 2 });
    const moved = comparePinned(pinned({ a: 1, b: 2 }), header, { base: { fingerprint: "f1", outcome: { a: 1, b: 2.0001 } } }, spec);
    expect(moved).toMatchObject({ kind: "moved", exact: true, mismatches: [{ run: "base", field: "b", pinned: 2, actual: 2.0001, allowed: "exact" }] });
    const otherEvents = comparePinned(pinned({ a: 1 }), header, { base: { fingerprint: "f2", outcome: { a: 1 } } }, spec);
    expect(otherEvents).toMatchObject({ kind: "moved", mismatches: [{ field: "engine fingerprint" }] });
  });
  test("another version: tolerances, and the fingerprint is not compared", () => {
    const old = pinned({ a: 100, b: 10 }, { relisim: "0.9.0" });
    expect(comparePinned(old, header, { base: { fingerprint: "zz", outcome: { a: 103, b: 10 } } }, spec).kind).toBe("match");
    const v = comparePinned(old, header, { base: { outcome: { a: 110, b: 10 } } }, spec);
    expect(v).toMatchObject({ kind: "moved", exact: false, mismatches: [{ field: "a", allowed: "±5%" }] });
  });
  test("a figure that is gone is a mismatch; a new one is not", () => {
    const v = comparePinned(pinned({ a: 1, gone: 3 }), header, { base: { fingerprint: "f1", outcome: { a: 1, added: 9 } } }, spec);
    expect(v).toMatchObject({ kind: "moved", mismatches: [{ field: "gone", actual: undefined }] });
  });
  test("a changed scenario is reported as changed, another seed as not comparable", () => {
    expect(comparePinned(pinned({ a: 1 }), { ...header, hash: "h2" }, {}, spec)).toEqual({ kind: "changed", pinnedHash: "h1", hash: "h2" });
    expect(comparePinned(pinned({ a: 1 }), { ...header, seed: 8 }, {}, spec)).toEqual({ kind: "otherSeed", pinnedSeed: 7 });
  });
});

describe("a deliberately changed model parameter", () => {
  test("moves the pinned outcome, and the report names the field, both values, the tolerance and the rerun command", () => {
    const file = "test/fixtures/cli/expectations/tiny-expect.yaml";
    const scenario = loadScenario(file);
    const run = checkScenario(scenario).runs[0];
    const pin: PinnedOutcome = {
      header: { ...header, hash: scenario.hash, seed: scenario.seed },
      runs: { base: pinRun(run.simulation.outcome, run.simulation.engine.fingerprint) },
    };
    // The same scenario (same hash) on a model whose disks are four times slower.
    const config = scenario.base.config;
    const node = config.world.cluster.node;
    const slower = { ...config, world: { ...config.world, cluster: { ...config.world.cluster, node: { ...node, disk: { dist: "constant", value: 4_000 } } } } };
    const changed = checkScenario({ ...scenario, base: { ...scenario.base, config: slower as typeof config } }).runs[0];
    const now = { base: pinRun(changed.simulation.outcome, changed.simulation.engine.fingerprint) };

    const verdict = comparePinned(pin, { ...pin.header }, now, scenario.pin);
    expect(verdict.kind).toBe("moved");
    if (verdict.kind !== "moved") return;
    const p50 = verdict.mismatches.find((m) => m.field === "latencyMs.GET.p50");
    expect(p50, JSON.stringify(verdict.mismatches.map((m) => m.field))).toBeDefined();
    expect(p50!.actual as number).toBeGreaterThan(p50!.pinned as number);

    const text = movedLines(verdict, pin.header, file, scenario.seed).join("\n");
    expect(text).toMatch(/pinned outcome: \d+ figures moved \(exact comparison/);
    expect(text).toMatch(/base · latencyMs\.GET\.p50: pinned [\d.]+, now [\d.]+ \(\+[\d.]+%\); allowed: exact/);
    expect(text).toContain(`rerun: relisim run ${file} --seed 3`);
    expect(text).toContain(`re-pin: relisim test --update ${file}`);

    // Across versions the same change is still caught by the default ±5% tolerance.
    const across = comparePinned({ ...pin, header: { ...pin.header, relisim: "0.0.1" } }, pin.header, now, scenario.pin);
    expect(across).toMatchObject({ kind: "moved", exact: false });
    expect(movedLines(across as Extract<typeof across, { kind: "moved" }>, { ...pin.header, relisim: "0.0.1" }, file, 3).join("\n")).toContain("allowed: ±5%");
  });
});
