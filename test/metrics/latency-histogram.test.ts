import { describe, expect, test } from "vitest";
import {
  LATENCY_HISTOGRAM_MAX_US,
  LATENCY_HISTOGRAM_RELATIVE_ERROR,
  LatencyHistogram,
} from "../../src/metrics/latency-histogram.js";

/** xorshift32: a tiny seeded source of uniform doubles in (0, 1), local to these tests. */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return (x + 0.5) / 2 ** 32;
  };
}

function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

const N = 100_000;
const PS = [50, 90, 99, 99.9];
const datasets: Record<string, (u: () => number) => number> = {
  "uniform on [0, 1 s]": (u) => Math.floor(u() * 1_000_000),
  "exponential, mean 5 ms": (u) => Math.round(-5_000 * Math.log(u())),
  "lognormal, median 2 ms, sigma 1.5": (u) => Math.round(2_000 * Math.exp(1.5 * normal(u))),
};

function exactPercentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100 - 1e-9));
  return sorted[rank - 1];
}

function filled(values: number[]): LatencyHistogram {
  const h = new LatencyHistogram();
  for (const v of values) h.record(v);
  return h;
}

describe("percentiles against an exact sorted array", () => {
  for (const [name, draw] of Object.entries(datasets)) {
    test(`${name}: within 1% at p50/p90/p99/p99.9, exact min/max/mean`, () => {
      const u = xorshift(20240611);
      const values = Array.from({ length: N }, () => draw(u));
      const h = filled(values);
      const sorted = [...values].sort((a, b) => a - b);
      const got = h.percentiles(PS);
      PS.forEach((p, k) => {
        const exact = exactPercentile(sorted, p);
        expect(Math.abs(got[k] - exact)).toBeLessThanOrEqual(exact * LATENCY_HISTOGRAM_RELATIVE_ERROR);
        expect(h.percentile(p)).toBe(got[k]);
      });
      expect(LATENCY_HISTOGRAM_RELATIVE_ERROR).toBeLessThanOrEqual(0.01);
      expect(h.count).toBe(N);
      expect(h.min).toBe(sorted[0]);
      expect(h.max).toBe(sorted[N - 1]);
      expect(h.sum).toBe(values.reduce((a, b) => a + b, 0));
      expect(h.mean).toBe(h.sum / N);
    });
  }
});

test("values below 256 µs are exact, and p0/p100 are min/max", () => {
  const h = filled([3, 1, 4, 1, 5, 9, 2, 6, 255]);
  expect(h.percentiles([0, 50, 100])).toEqual([1, 4, 255]);
  expect(h.percentile(100 / 9)).toBe(1);
  expect(h.percentile(100 / 9 + 1)).toBe(1);
  expect(h.percentile(3 * (100 / 9))).toBe(2);
});

test("percentiles come back in the order asked", () => {
  const h = filled(Array.from({ length: 100 }, (_, i) => i + 1));
  expect(h.percentiles([99, 1, 50, 50])).toEqual([99, 1, 50, 50]);
});

test("an empty histogram reports zeros", () => {
  const h = new LatencyHistogram();
  expect([h.count, h.sum, h.mean, h.min, h.max, h.percentile(99), h.countAbove(0)]).toEqual([
    0, 0, 0, 0, 0, 0, 0,
  ]);
});

test("negatives clamp to 0, fractions round, bad inputs throw", () => {
  const h = filled([-5, 2.4, 2.6]);
  expect([h.min, h.max, h.sum]).toEqual([0, 3, 5]);
  expect(() => h.record(Number.NaN)).toThrow(RangeError);
  expect(() => h.record(Infinity)).toThrow(RangeError);
  expect(() => h.recordMany(1, 1.5)).toThrow(RangeError);
  expect(() => h.recordMany(1, -1)).toThrow(RangeError);
  expect(() => h.percentile(101)).toThrow(RangeError);
  expect(() => h.percentiles([50, -1])).toThrow(RangeError);
});

test("values at power-of-two boundaries land within the error bound", () => {
  for (let k = 0; k < 40; k++) {
    for (const v of [2 ** k - 1, 2 ** k, 2 ** k + 1]) {
      const h = new LatencyHistogram();
      h.record(v);
      h.record(v + 0.4); // same value, rounded
      h.record(0); // keeps the clamp to [min, max] from hiding the bucket midpoint
      h.record(2 ** 41);
      const p50 = h.percentile(50);
      expect(Math.abs(p50 - v)).toBeLessThanOrEqual(v * LATENCY_HISTOGRAM_RELATIVE_ERROR);
      if (v < 256) expect(p50).toBe(v);
    }
  }
});

test("recordMany equals recording one at a time", () => {
  const a = new LatencyHistogram();
  const b = new LatencyHistogram();
  a.recordMany(1234, 3);
  a.recordMany(99, 0);
  for (let i = 0; i < 3; i++) b.record(1234);
  expect([a.count, a.sum, a.min, a.max, a.percentile(50)]).toEqual([3, 3702, 1234, 1234, 1234]);
  expect(a.percentiles([1, 50, 99])).toEqual(b.percentiles([1, 50, 99]));
});

test("huge values go to the last bucket, are counted, and keep an exact max", () => {
  const h = filled([10, 2 ** 45, 2 ** 50]);
  expect(h.count).toBe(3);
  expect(h.max).toBe(2 ** 50);
  expect(h.sum).toBe(10 + 2 ** 45 + 2 ** 50);
  expect(h.percentile(100)).toBe(2 ** 50);
  // a rank past the range reports the exact max rather than the last bucket's midpoint
  expect(h.percentile(50)).toBe(2 ** 50);
  expect(h.percentile(0)).toBe(10);
  const edge = filled([0, LATENCY_HISTOGRAM_MAX_US, LATENCY_HISTOGRAM_MAX_US, 2 ** 52]);
  expect(edge.percentile(50)).toBe(2 ** 52);
  expect(h.countAbove(1000)).toBe(2);
});

test("merge equals recording both", () => {
  const u = xorshift(7);
  const xs = Array.from({ length: 5_000 }, () => Math.round(-3_000 * Math.log(u())));
  const ys = Array.from({ length: 3_000 }, () => Math.round(50_000 * u()) + 100_000);
  const merged = filled(xs);
  merged.merge(filled(ys));
  const both = filled([...xs, ...ys]);
  const ps = [0, 10, 50, 62.5, 90, 99, 99.99, 100];
  expect(merged.percentiles(ps)).toEqual(both.percentiles(ps));
  expect([merged.count, merged.sum, merged.min, merged.max]).toEqual([both.count, both.sum, both.min, both.max]);
  expect(merged.countAbove(120_000)).toBe(both.countAbove(120_000));
  merged.merge(new LatencyHistogram());
  expect(merged.count).toBe(8_000);
});

test("reset empties, and the histogram records afresh", () => {
  const h = filled([5, 50_000, 7_000_000]);
  h.reset();
  expect([h.count, h.sum, h.min, h.max, h.percentile(50), h.countAbove(0)]).toEqual([0, 0, 0, 0, 0, 0]);
  h.record(42);
  expect([h.count, h.min, h.max, h.percentile(0), h.percentile(100)]).toEqual([1, 42, 42, 42, 42]);
  expect(h.countAbove(41)).toBe(1);
});

test("clone is independent", () => {
  const h = filled([100, 200, 300_000]);
  const c = h.clone();
  h.record(9_999_999);
  expect(c.count).toBe(3);
  expect(c.percentiles([0, 50, 100])).toEqual([100, 200, 300_000]);
  c.merge(c);
  expect(c.count).toBe(6);
  expect(h.count).toBe(4);
});

test("countAbove is exact below 256 µs and errs low by at most one bucket above", () => {
  const values = Array.from({ length: 2_000 }, (_, i) => i * 7);
  const h = filled(values);
  for (const t of [-1, 0, 6, 7, 100, 255, 1_000, 5_000, 5_003, 13_992, 13_993, 20_000]) {
    const exact = values.filter((v) => v > t).length;
    const got = h.countAbove(t);
    if (t < 256) expect(got).toBe(exact);
    expect(got).toBeLessThanOrEqual(exact);
    // the threshold's bucket is under 0.8% of t wide: at most ceil(0.008·t/7) values share it
    expect(exact - got).toBeLessThanOrEqual(Math.ceil((t * 0.008) / 7));
  }
});
