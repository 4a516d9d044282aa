import { describe, expect, test } from "vitest";
import { vegasLimit } from "../../../src/model/limit/vegas-limit.js";

const at = (rtt: number, inflight: number, dropped = false) => ({ rtt, inflight, dropped, now: 0 });
const log10 = Math.log10;

/** Fixed thresholds and unit steps so each rule can be read off: alpha 4, beta 8, threshold 1. */
const plain = {
  initial: 20,
  min: 1,
  max: 1000,
  probeMultiplier: Infinity,
  alpha: () => 4,
  beta: () => 8,
  threshold: () => 1,
  increase: (l: number) => l + 1,
  decrease: (l: number) => l - 1,
};

describe("vegasLimit", () => {
  test("the first sample only sets rtt_noload", () => {
    const limit = vegasLimit(plain);
    limit.onSample(at(1000, 20));
    expect(limit.current).toBe(20);
  });

  // With rtt_noload 1000 µs and limit 20, queue = 20 × (1 − 1000 / rtt).
  test.each([
    [1000, 28, "queue 0 ≤ threshold 1: up by beta"],
    [1100, 21, "queue 1.8 < alpha 4: increase"],
    [1300, 20, "queue 4.6 within [alpha, beta]: hold"],
    [2000, 19, "queue 10 > beta 8: decrease"],
  ])("rtt %i µs → limit %i (%s)", (rtt, expected) => {
    const limit = vegasLimit(plain);
    limit.onSample(at(1000, 20));
    limit.onSample(at(rtt, 20));
    expect(limit.current).toBe(expected);
  });

  test("with the default log10 rules it grows while rtt ≈ rtt_noload and shrinks when rtt doubles", () => {
    const limit = vegasLimit({ initial: 20, min: 1, max: 1000 });
    limit.onSample(at(1000, 20));
    limit.onSample(at(1000, 20)); // queue 0 ≤ log10 20: + 6·log10 20
    const grown = 20 + 6 * log10(20);
    expect(limit.current).toBeCloseTo(grown, 9);
    limit.onSample(at(1010, 27)); // queue = 27.8 × (1 − 1000/1010) = 0.28 ≤ log10 27.8: + 6·log10 27.8
    const again = grown + 6 * log10(grown);
    expect(limit.current).toBeCloseTo(again, 9);
    limit.onSample(at(2000, 36)); // queue = 36.5 / 2 = 18.3 > 6·log10 36.5 = 9.4: − log10 36.5
    expect(limit.current).toBeCloseTo(again - log10(again), 9);
  });

  test("a drop decreases, and its rtt does not become rtt_noload", () => {
    const limit = vegasLimit(plain);
    limit.onSample(at(1000, 20));
    limit.onSample(at(1, 20, true));
    expect(limit.current).toBe(19);
    limit.onSample(at(1000, 19)); // rtt_noload still 1000: queue 0 → up by beta
    expect(limit.current).toBe(27);
  });

  test("holds while less than half the limit is in use", () => {
    const limit = vegasLimit(plain);
    limit.onSample(at(1000, 20));
    limit.onSample(at(5000, 9));
    expect(limit.current).toBe(20);
  });

  test("every probeMultiplier × limit samples the rtt of the next becomes rtt_noload", () => {
    const run = (probeMultiplier: number) => {
      const limit = vegasLimit({ ...plain, initial: 10, probeMultiplier });
      const seen: number[] = [];
      limit.onSample(at(1000, 10)); // rtt_noload 1000
      // rtt 2000 with limit 10: queue 5, within [4, 8]: hold; the 10th sample is the probe.
      for (let i = 2; i <= 11; i++) limit.onSample(at(2000, 10)), seen.push(limit.current);
      return seen;
    };
    expect(run(1)).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 18]); // after the probe queue is 0: up by beta
    expect(run(Infinity)).toEqual(Array(10).fill(10));
  });

  test("with rttWindow the limit waits for a full window and compares averages", () => {
    const limit = vegasLimit({ ...plain, rttWindow: 3 });
    limit.onSample(at(100, 20)); // a lucky first sample is not the baseline
    limit.onSample(at(1900, 20));
    expect(limit.current).toBe(20);
    limit.onSample(at(1000, 20)); // average of 3: 1000 = rtt_noload
    limit.onSample(at(1000, 20)); // average 1000: queue 0 → up by beta
    expect(limit.current).toBe(28);
  });
});
