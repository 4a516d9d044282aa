import { describe, expect, test } from "vitest";
import { differencesFromBaseline, pairedDifference } from "../../src/experiment/paired-differences.js";

describe("paired differences over common random numbers", () => {
  // Replication i of both variants saw the same seed: a large shared swing (10..40) and a small
  // effect of the variant (+1 or +2). Differences: 1, 2, 1, 2 → mean 1.5, deviations ±0.5,
  // sum of squares 1, sample variance 1/3, sd 0.57735, standard error 0.57735 / √4 = 0.288675;
  // t(0.975, 3) = 3.182 → half-width 0.918564, interval 0.581436 to 2.418564.
  const baseline = [10, 20, 30, 40];
  const variant = [11, 22, 31, 42];

  test("mean difference and its Student-t interval from the per-replication differences", () => {
    const d = pairedDifference(baseline, variant);
    expect(d.n).toBe(4);
    expect(d.mean).toBe(1.5);
    expect(d.ci95Low).toBeCloseTo(0.581436, 5);
    expect(d.ci95High).toBeCloseTo(2.418564, 5);
  });

  test("the paired interval is far narrower than the unpaired one of the same numbers", () => {
    // Unpaired: variances 500/3 (baseline: deviations ±15, ±5) and 521/3 (variant: ±15.5, ±4.5),
    // half-width 3.182 × √((500/3 + 521/3) / 4) = 3.182 × 9.22406 = 29.351 — it spans 0.
    const unpairedHalf = 29.351;
    const d = pairedDifference(baseline, variant);
    const pairedHalf = (d.ci95High - d.ci95Low) / 2;
    expect(pairedHalf).toBeCloseTo(0.918564, 5);
    expect(pairedHalf).toBeLessThan(unpairedHalf / 30);
    expect(d.ci95Low).toBeGreaterThan(0);
  });

  test("pairs by index over the replications both have, skipping pairs without a value", () => {
    // Pairs (1,4), (2,NaN) skipped, (3,9); the baseline's 4th has no partner. Differences 3, 6:
    // mean 4.5, sd 2.12132, se 1.5, t(0.975, 1) = 12.706 → 4.5 ± 19.059.
    const d = pairedDifference([1, 2, 3, 4], [4, NaN, 9]);
    expect(d.n).toBe(2);
    expect(d.mean).toBe(4.5);
    expect(d.ci95Low).toBeCloseTo(-14.559, 3);
    expect(d.ci95High).toBeCloseTo(23.559, 3);
  });

  test("one pair has a difference but no interval; none has neither", () => {
    const one = pairedDifference([5], [7]);
    expect(one).toMatchObject({ mean: 2, n: 1 });
    expect(one.ci95Low).toBeNaN();
    expect(one.ci95High).toBeNaN();
    const none = pairedDifference([NaN, 1], [3]);
    expect(none.n).toBe(0);
    expect(none.mean).toBeNaN();
  });

  test("every variant after the first against the first, per figure", () => {
    const out = differencesFromBaseline(
      ["a", "b"],
      [
        { name: "base", figures: [[1, 10], [2, 20]] },
        { name: "x", figures: [[1, 11], [2, 21]] },
        { name: "y", figures: [[3, 10], [5, 20]] },
      ],
    );
    expect(Object.keys(out)).toEqual(["x", "y"]);
    expect(out.x.a).toEqual({ mean: 0, ci95Low: 0, ci95High: 0, n: 2 });
    expect(out.x.b).toEqual({ mean: 1, ci95Low: 1, ci95High: 1, n: 2 });
    // y − base on a: 2, 3 → mean 2.5, sd 0.707107, se 0.5, 12.706 × 0.5 = 6.353.
    expect(out.y.a.mean).toBe(2.5);
    expect(out.y.a.ci95Low).toBeCloseTo(-3.853, 3);
    expect(out.y.a.ci95High).toBeCloseTo(8.853, 3);
    expect(differencesFromBaseline(["a"], [{ name: "only", figures: [[1]] }])).toEqual({});
  });
});
