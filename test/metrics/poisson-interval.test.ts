import { describe, expect, test } from "vitest";
import { poissonCdf, poissonMeanInterval, poissonRate } from "../../src/metrics/poisson-interval.js";

describe("poissonCdf", () => {
  test("known values", () => {
    // e^−2.5 · (1 + 2.5 + 3.125 + 2.6042) = 0.082085 · 9.229167 = 0.757576
    expect(poissonCdf(3, 2.5)).toBeCloseTo(0.7576, 4);
    expect(poissonCdf(0, 3)).toBeCloseTo(Math.exp(-3), 12);
    expect(poissonCdf(-1, 3)).toBe(0);
    expect(poissonCdf(5, 0)).toBe(1);
  });

  test("no underflow at a large mean (e^−2000 is 0 in doubles)", () => {
    // P(N ≤ λ) for λ = 2000 is 0.5 + about 1/(3·sqrt(2πλ)) + ... = 0.50595.
    expect(poissonCdf(2000, 2000)).toBeCloseTo(0.50595, 4);
    // 1900 is 2.24 standard deviations below: about 1.25 %.
    expect(poissonCdf(1900, 2000)).toBeCloseTo(0.012546, 4);
  });
});

describe("poissonMeanInterval: Garwood exact 95 % (Garwood 1936; Ulm 1990)", () => {
  // Low: χ²(0.025; 2k) / 2, high: χ²(0.975; 2k + 2) / 2.
  test.each([
    [1, 0.025318, 5.571643],
    [2, 0.242209, 7.224688],
    [5, 1.623486, 11.668332],
    [10, 4.795389, 18.390356],
  ])("k = %i → %f – %f", (k, low, high) => {
    const i = poissonMeanInterval(k);
    expect(i.method).toBe("garwood");
    expect(i.low).toBeCloseTo(low, 3);
    expect(i.high).toBeCloseTo(high, 3);
    // The defining tail probabilities: 2.5 % each side.
    expect(poissonCdf(k, i.high)).toBeCloseTo(0.025, 9);
    expect(1 - poissonCdf(k - 1, i.low)).toBeCloseTo(0.025, 9);
  });

  test("k = 0: the one-sided rule of three −ln 0.05 = 2.996, not the two-sided 3.689", () => {
    const i = poissonMeanInterval(0);
    expect(i).toEqual({ low: 0, high: -Math.log(0.05), method: "ruleOfThree" });
    expect(i.high).toBeCloseTo(2.996, 3);
    expect(i.high).not.toBeCloseTo(3.689, 1);
  });

  test("a large count: near k ± 1.96·sqrt(k)", () => {
    const i = poissonMeanInterval(2000);
    expect(Number.isFinite(i.low) && Number.isFinite(i.high)).toBe(true);
    // Normal approximation 2000 ± 87.65; the exact interval leans up by about 1.
    expect(i.low).toBeGreaterThan(1910);
    expect(i.low).toBeLessThan(1916);
    expect(i.high).toBeGreaterThan(2086);
    expect(i.high).toBeLessThan(2092);
  });

  test("a count must be a whole number ≥ 0", () => {
    expect(() => poissonMeanInterval(-1)).toThrow(RangeError);
    expect(() => poissonMeanInterval(1.5)).toThrow(RangeError);
  });
});

describe("poissonRate", () => {
  test("count / exposure, bounds divided by the exposure", () => {
    const r = poissonRate(5, 2);
    expect(r.count).toBe(5);
    expect(r.rate).toBe(2.5);
    expect(r.method).toBe("garwood");
    expect(r.ci95Low).toBeCloseTo(1.623486 / 2, 3);
    expect(r.ci95High).toBeCloseTo(11.668332 / 2, 3);
  });

  test("no event in 10 days: rate 0, upper bound 0.2996 a day", () => {
    expect(poissonRate(0, 10)).toMatchObject({ count: 0, rate: 0, ci95Low: 0, method: "ruleOfThree" });
    expect(poissonRate(0, 10).ci95High).toBeCloseTo(0.2996, 4);
  });

  test("exposure must be greater than 0", () => {
    expect(() => poissonRate(1, 0)).toThrow(RangeError);
    expect(() => poissonRate(1, -1)).toThrow(RangeError);
  });
});

describe("large counts", () => {
  test("beyond 2000 events the approximate bounds still have the exact tail probabilities (2.5% each side, ±0.1%)", () => {
    for (const k of [2001, 10_000]) {
      const { low, high, method } = poissonMeanInterval(k);
      expect(method).toBe("garwood");
      // P(N <= k | high) = 2.5% and P(N >= k | low) = 2.5%, summed exactly.
      expect(poissonCdf(k, high)).toBeCloseTo(0.025, 3);
      expect(1 - poissonCdf(k - 1, low)).toBeCloseTo(0.025, 3);
    }
  });
});
