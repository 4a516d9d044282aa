import { describe, expect, test } from "vitest";
import { streamFor } from "../../src/engine/random-streams.js";
import { judgeFigure, pinFigure, pinMeanFigure, ruleFor, spreadOf, type FigurePin } from "../../src/experiment/figure-pin.js";
import { comparedFigureCount, comparePinned, flattenNumbers, type PinHeader, type PinnedOutcome } from "../../src/experiment/pinned-outcome.js";
import { toleranceFloor, toleranceFor } from "../../src/experiment/pin-tolerance.js";
import { movedLines } from "../../src/cli/pin-report.js";
import { pinFleetRuns } from "../../src/experiment/pin-runs.js";
import type { FleetEstimate } from "../../src/experiment/fleet-experiment.js";

const header: PinHeader = { relisim: "1.0.0", node: "v20.0.0", scenario: "s", file: "s.yaml", hash: "h1", seed: 7 };
/** A figure pinned with mean `mean`, sd `sd` over `n` replications (not whole numbers). */
const fig = (mean: number, sd: number, n = 20, value = mean): FigurePin => ({ value, mean, sd, n, df: n - 1, integer: false });
const pinned = (figures: Record<string, FigurePin>, fingerprint = "f1"): PinnedOutcome => ({ format: 2, header, replications: 20, runs: { base: { fingerprint, figures } } });

describe("flattenNumbers", () => {
  test("numbers by dotted path; lists, strings and non-finite numbers are left out", () => {
    expect(flattenNumbers({ a: 1, b: { c: 2, d: [1, 2], e: "x", f: Number.NaN, g: { h: 0 } } })).toEqual({ a: 1, "b.c": 2, "b.g.h": 0 });
  });
});

describe("a figure's pin", () => {
  test("mean, sample sd, n and df of the replications; the pinned seed's own value first", () => {
    expect(pinFigure([3, 1, 2])).toEqual({ value: 3, mean: 2, sd: 1, n: 3, df: 2, integer: true });
    expect(pinFigure([1.5, 2.5]).integer).toBe(false);
    expect(() => pinFigure([1])).toThrow(RangeError);
  });
  test("a fleet estimate (a mean of R replications) is one draw with sd std/√R on R − 1 df", () => {
    expect(pinMeanFigure(10, 4, 16)).toEqual({ value: 10, mean: 10, sd: 1, n: 1, df: 15, integer: false });
  });
  test("a fleet run pins its varying means and its shape; a mean that never varied is not pinned", () => {
    const e = (mean: number, std: number) => ({ mean, std, ci95Low: 0, ci95High: 0 });
    const estimate = { replications: 4, years: 10, clusters: 100, outagesPerYear: e(2, 1), nodeFailures: e(7, 0) } as unknown as FleetEstimate;
    const { base } = pinFleetRuns([{ name: "base", estimate }]);
    expect(Object.keys(base.figures)).toEqual(["replications", "years", "clusters", "outagesPerYear.mean"]);
    expect(base.figures["outagesPerYear.mean"]).toMatchObject({ mean: 2, sd: 0.5, n: 1, df: 3 });
    expect(ruleFor("years", base.figures.years)).toBe("equal");
  });
});

describe("judging one figure against its prediction interval", () => {
  // 20 replications, a lenient 5% rate for this one figure: t(0.975, 19) = 2.093 (table), and
  // the prediction scale is sd·√(1 + 1/20).
  const pin = fig(100, 2);
  const scale = 2 * Math.sqrt(1 + 1 / 20);
  test("a value 3 sd out is flagged, one 1 sd out is not", () => {
    expect(judgeFigure("a", pin, 100 + 3 * scale, 0.05).ok).toBe(false);
    expect(judgeFigure("a", pin, 100 - 3 * scale, 0.05).ok).toBe(false);
    expect(judgeFigure("a", pin, 100 + 1 * scale, 0.05).ok).toBe(true);
    const j = judgeFigure("a", pin, 100 + 3 * scale, 0.05);
    expect(j.z).toBeCloseTo(3, 12);
    expect(j.t).toBeCloseTo(2.093, 3);
    expect(j.high).toBeCloseTo(100 + 2.093 * scale, 2);
  });
  test("the interval is for a new draw, wider than the mean's: 2.5 sd is inside at 1%, t(0.995, 19) = 2.861", () => {
    expect(judgeFigure("a", pin, 100 + 2.5 * scale, 0.01).ok).toBe(true);
    expect(judgeFigure("a", pin, 100 + 2.9 * scale, 0.01).ok).toBe(false);
  });
  test("fewer replications, a wider interval: t(0.975, 4) = 2.776", () => {
    const small = fig(100, 2, 5);
    const s5 = 2 * Math.sqrt(1 + 1 / 5);
    expect(judgeFigure("a", small, 100 + 2.7 * s5, 0.05).ok).toBe(true);
    expect(judgeFigure("a", small, 100 + 2.8 * s5, 0.05).ok).toBe(false);
  });
  test("a figure that never varied and is not a whole number is structural: it must stay equal", () => {
    const target = fig(10.5, 0);
    expect(ruleFor("client.hedgeDelays.x.targetMs", target)).toBe("equal");
    expect(judgeFigure("t", target, 10.5, 1e-6).ok).toBe(true);
    expect(judgeFigure("t", target, 10.5000001, 1e-6).ok).toBe(false);
  });
  test("a count that never happened takes a Poisson spread: one occurrence is no alarm", () => {
    const never: FigurePin = { value: 0, mean: 0, sd: 0, n: 20, df: 19, integer: true };
    expect(spreadOf("requests.unavailable", never)).toBe(1);
    expect(judgeFigure("requests.unavailable", never, 1, 0.001).ok).toBe(true);
    expect(judgeFigure("requests.unavailable", never, 40, 0.001).ok).toBe(false);
    // A large count's spread is at least √mean.
    expect(spreadOf("requests.total", { ...never, mean: 10_000, value: 10_000, sd: 20 })).toBe(100);
  });
  test("a latency percentile moves in whole histogram buckets: its spread is at least one bucket (2^-7 of it)", () => {
    const p99 = fig(256, 0);
    expect(ruleFor("latencyMs.GET.p99", p99)).toBe("t");
    expect(spreadOf("latencyMs.GET.p99", p99)).toBe(2);
    expect(judgeFigure("latencyMs.GET.p99", p99, 258, 0.001).ok).toBe(true);
  });
  test("the largest of many draws (…max) and p999 are heavy-tailed: not compared", () => {
    expect(ruleFor("latencyMs.all.max", fig(8, 1))).toBe("extreme");
    expect(ruleFor("namespaces.a.latencyMs.PUT.p999", fig(8, 1))).toBe("extreme");
    expect(ruleFor("latencyMs.PUT.p99", fig(8, 1))).toBe("t");
    expect(judgeFigure("latencyMs.all.max", fig(8, 1), 800, 0.001).ok).toBe(true);
  });
  test("the scenario's tolerance widens an interval to at least itself, never narrows it", () => {
    expect(judgeFigure("a", pin, 130, 0.001).ok).toBe(false);
    expect(judgeFigure("a", pin, 130, 0.001, 31).ok).toBe(true);
    expect(judgeFigure("a", pin, 101, 0.001, 0.5).ok).toBe(true);
    const spec = { tolerance: { "latencyMs.*.p99": { relative: 0.2 }, "latencyMs.GET.p99": { absolute: 3 } } };
    expect(toleranceFor("latencyMs.GET.p99", spec)).toEqual({ absolute: 3 });
    expect(toleranceFor("latencyMs.PUT.p99", spec)).toEqual({ relative: 0.2 });
    expect(toleranceFor("latencyMs.PUT.p50", spec)).toBeUndefined();
    expect(toleranceFloor(50, { relative: 0.2, absolute: 3 })).toBe(10);
  });
});

describe("comparePinned", () => {
  const figures = { a: fig(100, 2), b: fig(50, 1), c: fig(7, 0.5) };
  test("any seed is compared; within the intervals it matches", () => {
    const v = comparePinned(pinned(figures), { ...header, seed: 12345 }, { base: { outcome: { a: 101, b: 49.5, c: 7.2 } } });
    expect(v).toMatchObject({ kind: "match", exact: false, fields: 3 });
  });
  test("Bonferroni: the per-figure rate is the scenario's rate over the figures compared, so the threshold grows with m", () => {
    const many: Record<string, FigurePin> = {};
    for (let i = 0; i < 100; i++) many[`f${i}`] = fig(100 + i, 2);
    const one = comparePinned(pinned({ f0: fig(100, 2) }), header, { base: { outcome: { f0: 100 } } }, { falseAlarmRate: 0.01 });
    const hundred = comparePinned(pinned(many), header, { base: { outcome: Object.fromEntries(Object.entries(many).map(([k, f]) => [k, f.mean])) } }, { falseAlarmRate: 0.01 });
    expect(one.kind === "match" && one.perFigure).toBeCloseTo(0.01, 12);
    expect(hundred.kind === "match" && hundred.perFigure).toBeCloseTo(0.0001, 12);
    // 4 prediction sd out: inside at 1e-4 per figure (t(1 − 5e-5, 19) = 4.9), outside at 1e-2 (t(0.995, 19) = 2.861).
    const scale = 2 * Math.sqrt(1.05);
    const out = { ...Object.fromEntries(Object.entries(many).map(([k, f]) => [k, f.mean])), f0: 100 + 4 * scale };
    expect(comparePinned(pinned(many), header, { base: { outcome: out } }, { falseAlarmRate: 0.01 }).kind).toBe("match");
    expect(comparePinned(pinned({ f0: fig(100, 2) }), header, { base: { outcome: { f0: 100 + 4 * scale } } }, { falseAlarmRate: 0.01 }).kind).toBe("moved");
  });
  test("the same quantity reported twice counts once; max figures are not counted", () => {
    const twice = { "latencyMs.GET.p50": fig(3, 0.1), "namespaces.x.latencyMs.GET.p50": fig(3, 0.1), "latencyMs.GET.max": fig(9, 2), other: fig(1, 0.1) };
    expect(comparedFigureCount(pinned(twice), { base: { outcome: {} } })).toBe(2);
  });
  test("a flagged figure carries its pin, interval and z; the furthest out comes first", () => {
    const v = comparePinned(pinned(figures), header, { base: { outcome: { a: 160, b: 50, c: 9.5 } } });
    expect(v.kind).toBe("moved");
    if (v.kind !== "moved") return;
    expect(v.mismatches.map((m) => m.field)).toEqual(["a", "c"]);
    expect(v.mismatches[0].z).toBeCloseTo(60 / (2 * Math.sqrt(1.05)), 9);
    expect(v.mismatches[0].low).toBeLessThan(100);
    expect(v.mismatches[0].high).toBeGreaterThan(100);
  });
  test("--exact: every figure equals the pinned seed's value and the fingerprints match", () => {
    const pin = pinned({ a: fig(100, 2, 20, 101), b: fig(50, 1, 20, 49) });
    expect(comparePinned(pin, header, { base: { fingerprint: "f1", outcome: { a: 101, b: 49 } } }, { exact: true })).toMatchObject({ kind: "match", exact: true, fields: 2 });
    const moved = comparePinned(pin, header, { base: { fingerprint: "f2", outcome: { a: 101, b: 49.0001 } } }, { exact: true });
    expect(moved).toMatchObject({ kind: "moved", exact: true });
    if (moved.kind === "moved") expect(moved.mismatches.map((m) => m.field).sort()).toEqual(["b", "engine fingerprint"]);
  });
  test("a figure that is gone is a mismatch; a new one is not compared; a changed scenario is stale", () => {
    const v = comparePinned(pinned({ a: fig(1, 0.1), gone: fig(3, 1) }), header, { base: { outcome: { a: 1, added: 9 } } });
    expect(v).toMatchObject({ kind: "moved", mismatches: [{ field: "gone", actual: undefined }] });
    expect(comparePinned(pinned({ a: fig(1, 1) }), { ...header, hash: "h2" }, {})).toEqual({ kind: "changed", pinnedHash: "h1", hash: "h2" });
  });
  test("the report names the figure, the new value, both intervals, how far out, and the commands", () => {
    const pin = pinned(figures);
    const v = comparePinned(pin, header, { base: { outcome: { a: 120, b: 50, c: 7 } } });
    if (v.kind !== "moved") throw new Error("expected a move");
    const text = movedLines(v, pin, "s.yaml", 9, 0.001).join("\n");
    expect(text).toContain("✗ pinned outcome: 1 figure outside its prediction interval (false-alarm rate 1/1000 per scenario");
    expect(text).toMatch(/base · a: now 120 \(\+20%\); pinned mean 100 \(95% CI 99\.0\d* … 100\.9\d*; sd 2, n 20\); allowed 91\.05\d* … 108\.94\d*; 9\.8 sd above/);
    expect(text).toContain("rerun: relisim run s.yaml --seed 9");
    expect(text).toContain("re-pin: relisim test --update s.yaml");
  });
});

describe("the false-alarm rate on synthetic normal figures", () => {
  test("100 figures, 20 replications each, 1000 new draws at 1/10 per scenario: about 1 in 10 alarms (Binomial, ±4σ)", () => {
    const u = streamFor(11, "pin-calibration");
    const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
    let alarms = 0;
    const trials = 1000;
    for (let k = 0; k < trials; k++) {
      const figures: Record<string, FigurePin> = {};
      const outcome: Record<string, number> = {};
      for (let i = 0; i < 100; i++) {
        const mean = 10 * i + 1;
        figures[`f${i}`] = pinFigure(Array.from({ length: 20 }, () => mean + normal()));
        outcome[`f${i}`] = mean + normal();
      }
      if (comparePinned(pinned(figures), header, { base: { outcome } }, { falseAlarmRate: 0.1 }).kind === "moved") alarms++;
    }
    // Bonferroni is slightly conservative for independent figures: 1 − (1 − 0.001)^100 = 0.0952.
    const p = 1 - (1 - 0.001) ** 100;
    const sd = Math.sqrt((p * (1 - p)) / trials);
    expect(Math.abs(alarms / trials - p)).toBeLessThan(4 * sd);
  });
});
