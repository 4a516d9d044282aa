import { describe, expect, test } from "vitest";
import { fitMeasurements } from "../../../src/experiment/fit/fit-measurements.js";
import type { Buckets } from "../../../src/experiment/fit/goodness-of-fit.js";
import { fitHtml, plottedFits, qqLevels, qqPoints } from "../../../src/report/html/fit-page.js";

describe("the Q–Q page of relisim fit", () => {
  // Per-bucket counts of a lognormal-like histogram, a +Inf bucket above.
  const buckets: Buckets = { edges: [1, 2, 3, 5, 8, 13, 21, 34], counts: [30, 220, 260, 250, 140, 60, 25, 10], overflow: 5 };
  const result = fitMeasurements({ kind: "histogram", buckets, cumulative: false });

  test("plots the recommended fit first, then the best ranked others, three in all; a histogram's points sit at its bucket edges", () => {
    const fits = plottedFits(result);
    expect(fits[0]).toBe(result.best);
    expect(fits.length).toBe(3);
    const points = qqPoints(result, fits);
    // Every finite edge below which some but not all observations lie: all eight here.
    expect(points.length).toBe(3 * 8);
    expect(points.filter((p) => p.fit === result.best.fit.family).map((p) => p.data)).toEqual(buckets.edges);
  });

  test("samples are plotted at every percent and the tail's tenths, as far as n reaches", () => {
    expect(qqLevels(100_000)).toContain(0.9999);
    expect(qqLevels(500)).not.toContain(0.999);
    expect(qqLevels(500)).toContain(0.99);
  });

  test("renders one static SVG chart and the table, with no warnings from Vega", async () => {
    const warnings: string[] = [];
    const page = await fitHtml(result, "buckets.csv", warnings);
    expect(warnings).toEqual([]);
    expect(page.match(/<svg/g)?.length).toBe(1);
    expect(page).toContain("Fits ranked by Anderson–Darling A²");
    expect(page).not.toMatch(/<script|https?:\/\//);
  });
});
