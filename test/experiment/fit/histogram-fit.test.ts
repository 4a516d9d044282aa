import { describe, expect, test } from "vitest";
import type { DistributionSpec } from "../../../src/engine/distribution-spec.js";
import { streamFor } from "../../../src/engine/random-streams.js";
import { makeSampler } from "../../../src/engine/sampler.js";
import { fitMeasurements } from "../../../src/experiment/fit/fit-measurements.js";
import type { Buckets } from "../../../src/experiment/fit/goodness-of-fit.js";
import { bucketQuantile } from "../../../src/experiment/fit/histogram-fit.js";

/**
 * Histogram input: the samples of a known distribution put in buckets as a monitoring system
 * would, fitted on the bucket counts alone. Grouping loses information, so the tolerance is looser
 * than for samples: 6 standard errors of the ungrouped maximum likelihood estimate (with buckets
 * about 0.1–0.3 sigma wide on the log scale, Sheppard's correction puts the loss at a few percent).
 */

function bucketed(spec: DistributionSpec, n: number, name: string, edges: readonly number[]): Buckets {
  const sample = makeSampler(spec, streamFor(20261205, `test/fit-histogram/${name}`));
  const counts = edges.map(() => 0);
  let overflow = 0;
  for (let i = 0; i < n; i++) {
    const x = sample();
    const j = edges.findIndex((e) => x <= e);
    if (j < 0) overflow++;
    else counts[j]++;
  }
  return { edges, counts, overflow };
}

/** Edges spaced evenly on a log scale from `low` to `high`, `count` of them. */
const logEdges = (low: number, high: number, count: number) =>
  Array.from({ length: count }, (_, i) => Number((low * (high / low) ** (i / (count - 1))).toPrecision(3)));

const within = (estimate: number, truth: number, se: number, k = 6) => {
  expect(Math.abs(estimate - truth), `estimate ${estimate}, truth ${truth}, ${k} SE = ${k * se}`).toBeLessThanOrEqual(k * se);
};

describe("fitting histogram buckets (multinomial likelihood)", () => {
  test("lognormal (median 12 ms, p99 80 ms), 20,000 observations in 30 log-spaced buckets and +Inf: mu and sigma within 6 SE; ranked first", () => {
    const n = 20_000;
    const b = bucketed({ dist: "lognormal", median: 12, p99: 80 }, n, "lognormal", logEdges(1, 150, 30));
    expect(b.overflow).toBeGreaterThan(0); // the +Inf bucket is used
    const result = fitMeasurements({ kind: "histogram", buckets: b, cumulative: false });
    expect(result.best.fit.family).toBe("lognormal");
    const spec = result.best.fit.spec as { median: number; p99: number };
    const sigma = Math.log(80 / 12) / 2.3263478740408408;
    within(Math.log(spec.median), Math.log(12), sigma / Math.sqrt(n));
    within(Math.log(spec.p99 / spec.median) / 2.3263478740408408, sigma, sigma / Math.sqrt(2 * n));
  });

  test("Weibull (scale 3, shape 1.5), 20,000 observations in 25 buckets: shape and scale within 6 SE; ranked first", () => {
    const n = 20_000;
    const b = bucketed({ dist: "weibull", scale: 3, shape: 1.5 }, n, "weibull", logEdges(0.1, 12, 25));
    const result = fitMeasurements({ kind: "histogram", buckets: b, cumulative: false });
    expect(result.best.fit.family).toBe("weibull");
    const spec = result.best.fit.spec as { scale: number; shape: number };
    const gamma = 0.5772156649015329;
    within(spec.shape, 1.5, Math.sqrt(((6 / Math.PI ** 2) * 1.5 ** 2) / n));
    within(spec.scale, 3, Math.sqrt(((1 + (6 * (1 - gamma) ** 2) / Math.PI ** 2) * 9) / (1.5 ** 2 * n)));
  });

  test("a family with as many parameters as the histogram has degrees of freedom is left out, with the reason", () => {
    const b: Buckets = { edges: [1, 2, 3, 4], counts: [10, 40, 30, 20], overflow: 0 };
    const result = fitMeasurements({ kind: "histogram", buckets: b, cumulative: false });
    const skipped = result.skipped.map((s) => s.family);
    expect(skipped).toContain("mixture");
    expect(skipped).toContain("scaledBeta");
    expect(result.skipped.find((s) => s.family === "mixture")!.reason).toMatch(/5 parameters need more than 4 buckets/);
  });

  test("percentiles of a histogram: linear inside a bucket, unknown above the last finite edge", () => {
    const b: Buckets = { edges: [1, 2, 4], counts: [50, 30, 10], overflow: 10 };
    expect(bucketQuantile(b, 0.5)).toBeCloseTo(1, 12);
    expect(bucketQuantile(b, 0.65)).toBeCloseTo(1.5, 12);
    expect(bucketQuantile(b, 0.85)).toBeCloseTo(3, 12);
    expect(bucketQuantile(b, 0.95)).toBeUndefined();
  });
});
