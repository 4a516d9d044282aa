import { describe, expect, test } from "vitest";
import { figureNames } from "../../src/experiment/headline-figures.js";
import { differenceCell, differenceSection } from "../../src/report/difference-table.js";
import { estimateTable } from "../../src/report/estimate-table.js";
import { figureLabel, formatFigure, formatFigureDifference, formatFigureInterval } from "../../src/report/figure-labels.js";

/** The cluster figures after the figure-list change under way, beside today's. */
const COMING = [
  "episodes",
  "blastRadiusMaxRequests",
  "seenRegionsMax",
  "seenZonesMax",
  "faultZonesMax",
  "recoveryMeanS",
  "recoveryMaxS",
  "availability",
  "latencyP50Ms",
  "latencyP99Ms",
  "successLatencyP99Ms",
  "extraLoadShare",
];

describe("headline figures in a single run's words and units", () => {
  test("every figure, today's and the coming ones, cluster and fleet, has a label in words and a unit", () => {
    for (const name of new Set([...figureNames("cluster"), ...figureNames("fleet"), ...COMING])) {
      const { label, unit } = figureLabel(name);
      expect(unit, name).not.toBe("number"); // the fallback of names not known
      expect(label, name).not.toMatch(/[a-z][A-Z]/); // no camelCase field name
    }
  });

  test("values in their unit, as the single-run tables write them", () => {
    expect(formatFigure("availability", 0.987)).toBe("98.7%");
    expect(formatFigure("availability", 0.99995)).toBe("99.9950%"); // as formatShare writes four nines and a half
    expect(formatFigure("recoveryMeanS", 85)).toBe("1m 25s");
    expect(formatFigure("latencyP99Ms", 177.04)).toBe("177");
    expect(figureLabel("latencyP99Ms").label).toBe("p99 ms client-observed");
    expect(figureLabel("successLatencyP99Ms").label).toBe("p99 ms successes only");
    expect(formatFigure("outageHoursMean", 2.5)).toBe("2h 30m");
    expect(formatFigure("extraLoadShare", 1.065)).toBe("106.5%");
    expect(formatFigure("maintenanceOps", 1282.5)).toBe("1,283");
    expect(formatFigure("latencyP99Ms", NaN)).toBe("—");
  });

  test("arithmetic noise is 0, in the figure's unit", () => {
    expect(formatFigure("episodes", 9.11e-16)).toBe("0");
    expect(formatFigure("extraLoadShare", 9.11e-16)).toBe("0%");
    expect(formatFigure("recoveryMeanS", -2e-12)).toBe("0s");
    expect(formatFigureDifference("availability", -9.11e-16)).toBe("0");
    expect(formatFigureDifference("latencyP99Ms", 1e-9)).toBe("0");
  });

  test("an interval as low–high, a share's bounded by 100%", () => {
    expect(formatFigureInterval("blastRadiusMaxRequests", 0.929192, 1.04235)).toBe("92.9%–100%");
    expect(formatFigureInterval("recoveryMaxS", 229, 257.677)).toBe("3m 49s–4m 18s");
    expect(formatFigureInterval("extraLoadShare", 1.036, 1.095)).toBe("103.6%–109.5%");
  });

  test("differences are signed; shares differ in percentage points", () => {
    expect(formatFigureDifference("availability", -0.1715)).toBe("\u221217.2 pp");
    expect(formatFigureDifference("recoveryMeanS", 200)).toBe("+3m 20s");
    expect(formatFigureDifference("latencyP99Ms", -0.0107)).toBe("\u22120.0107");
  });

  test("a name these reports do not know is shown as it is, its numbers plainly", () => {
    expect(figureLabel("queueDepthMax")).toEqual({ label: "queueDepthMax", unit: "number", column: "queue_depth_max" });
    expect(formatFigure("queueDepthMax", 12.3456)).toBe("12.35");
    expect(formatFigure("queueDepthMax", 9.11e-16)).toBe("0");
  });
});

describe("the replicated tables", () => {
  const shown = (mean: number, std: number, low: number, high: number) => ({ mean, std, ci95Low: low, ci95High: high });

  test("the estimate table: labels, units, no raw names, no exponents", () => {
    const out = estimateTable(
      ["availability", "recoveryMeanS", "extraLoadShare"],
      [{ name: "bare", replications: 3, estimate: { availability: shown(0.897065, 0.00876255, 0.875296, 0.918835), recoveryMeanS: shown(241.667, 2.88675, 234.495, 248.838), extraLoadShare: shown(9.11e-16, 1e-16, 0, 3e-15) } }],
    );
    expect(out).toContain("availability");
    expect(out).toContain("89.7% (87.5%–91.9%, sd 0.88%)");
    expect(out).toContain("recovery mean");
    expect(out).toContain("4m 2s (3m 54s–4m 9s, sd 2.9s)");
    expect(out).toContain("0% (0%–0%, sd 0%)");
    expect(out).not.toMatch(/recoveryMeanS|extraLoadShare|e-\d/);
  });

  test("one replication: the value only, no interval", () => {
    const out = estimateTable(["availability"], [{ name: "bare", replications: 1, estimate: { availability: shown(0.9, 0, 0.9, 0.9) } }]);
    expect(out).toMatch(/availability\s+90\.0%$/m);
  });

  test("a difference cell marks an interval that excludes 0, and not one that spans it", () => {
    expect(differenceCell("availability", { mean: -0.1715, ci95Low: -0.18, ci95High: -0.163, n: 3 })).toBe("\u221217.2 pp (\u221218 pp to \u221216.3 pp) *");
    expect(differenceCell("latencyP99Ms", { mean: -0.0107, ci95Low: -0.102, ci95High: 0.0811, n: 3 })).toBe("\u22120.0107 (\u22120.102 to +0.0811)");
    expect(differenceCell("episodes", { mean: 0, ci95Low: 0, ci95High: 0, n: 3 })).toBe("0");
    // Noise around 0 is no effect.
    expect(differenceCell("availability", { mean: 1e-16, ci95Low: 1e-16, ci95High: 1e-16, n: 3 })).toBe("0");
  });

  test("the difference section: labelled variant − baseline; with one replication, why there is none", () => {
    const differences = { protected: { availability: { mean: 0.01, ci95Low: 0.005, ci95High: 0.015, n: 3 } } };
    const out = differenceSection(["availability"], "bare", differences, 3);
    expect(out).toContain("protected \u2212 bare");
    expect(out).toContain("+1 pp (+0.5 pp to +1.5 pp) *");
    expect(differenceSection(["availability"], "bare", differences, 1)).toMatch(/need --replications ≥ 2/);
    expect(differenceSection(["availability"], "bare", {}, 3)).toBe("");
  });
});
