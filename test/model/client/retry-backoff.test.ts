import { describe, expect, test } from "vitest";
import { streamFor, type Source } from "../../../src/engine/random-streams.js";
import { JITTERS, retryDelay, type BackoffOptions } from "../../../src/model/client/retry-backoff.js";

const N = 100_000;
const noDraws: Source = () => {
  throw new Error("drew from the source");
};

/** Mean of N delays for `attempt`, each also checked to lie in [low, high). */
function meanWithin(options: BackoffOptions, attempt: number, low: number, high: number, name: string): number {
  const source = streamFor(11, name);
  let sum = 0;
  for (let i = 0; i < N; i++) {
    const delay = retryDelay(attempt, options, 0, source);
    if (!(delay >= low && delay < high && Number.isInteger(delay))) throw new Error(`delay ${delay} outside [${low}, ${high})`);
    sum += delay;
  }
  return sum / N;
}

describe("retryDelay", () => {
  test("lists the jitters", () => {
    expect(JITTERS).toEqual(["none", "full", "equal", "decorrelated"]);
  });

  test("none doubles from base and stops at cap, without drawing", () => {
    const options: BackoffOptions = { base: 1_000, cap: 10_000, jitter: "none" };
    expect([1, 2, 3, 4, 5, 6, 2_000].map((a) => retryDelay(a, options, 0, noDraws))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000,
    ]);
  });

  // Attempt 4 with base 1 ms: e = 8 ms. A uniform of width w has standard deviation w/√12, so the
  // mean of N = 10^5 draws has standard error w/√12/√N; the tolerance is five of those.
  const e = 8_000;
  const fiveSigma = (width: number) => (5 * width) / Math.sqrt(12) / Math.sqrt(N);

  test(`full stays in [1, e) with mean e/2 (N = ${N}, 5σ = ${fiveSigma(e).toFixed(0)} µs)`, () => {
    const mean = meanWithin({ base: 1_000, cap: 1_000_000, jitter: "full" }, 4, 1, e, "full");
    expect(Math.abs(mean - e / 2)).toBeLessThan(fiveSigma(e));
  });

  test(`equal stays in [e/2, e) with mean 3e/4 (N = ${N}, 5σ = ${fiveSigma(e / 2).toFixed(0)} µs)`, () => {
    const mean = meanWithin({ base: 1_000, cap: 1_000_000, jitter: "equal" }, 4, e / 2, e, "equal");
    expect(Math.abs(mean - (3 * e) / 4)).toBeLessThan(fiveSigma(e / 2));
  });

  test("full and equal are capped too", () => {
    const source = streamFor(11, "capped");
    for (let i = 0; i < 1_000; i++) {
      expect(retryDelay(30, { base: 1_000, cap: 5_000, jitter: "full" }, 0, source)).toBeLessThan(5_000);
      expect(retryDelay(30, { base: 1_000, cap: 5_000, jitter: "equal" }, 0, source)).toBeGreaterThanOrEqual(2_500);
    }
  });

  test("decorrelated draws in [base, min(cap, 3·previous)), with previous = base for the first retry", () => {
    const options: BackoffOptions = { base: 1_000, cap: 50_000, jitter: "decorrelated" };
    const source = streamFor(11, "decorrelated");
    let sawCap = false;
    for (let chain = 0; chain < 200; chain++) {
      let previous = -1; // ignored on the first retry
      for (let attempt = 1; attempt <= 12; attempt++) {
        const delay = retryDelay(attempt, options, previous, source);
        const high = 3 * (attempt === 1 ? options.base : previous);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(options.base);
        expect(delay === options.cap || delay < Math.min(options.cap, high)).toBe(true);
        sawCap ||= delay === options.cap;
        previous = delay;
      }
    }
    expect(sawCap).toBe(true);
  });

  test("a cap below base bounds every delay", () => {
    const source = streamFor(11, "low-cap");
    expect(retryDelay(1, { base: 10, cap: 5, jitter: "none" }, 0, noDraws)).toBe(5);
    for (const jitter of JITTERS) expect(retryDelay(2, { base: 10, cap: 5, jitter }, 10, source)).toBeLessThanOrEqual(5);
    expect(retryDelay(2, { base: 10, cap: 5, jitter: "decorrelated" }, 10, source)).toBe(5);
  });

  test("rejects attempt 0, a zero cap and a fractional base", () => {
    expect(() => retryDelay(0, { base: 1, cap: 1, jitter: "none" }, 0, noDraws)).toThrow(RangeError);
    expect(() => retryDelay(1, { base: 10, cap: 0, jitter: "none" }, 0, noDraws)).toThrow(RangeError);
    expect(() => retryDelay(1, { base: 1.5, cap: 5, jitter: "none" }, 0, noDraws)).toThrow(RangeError);
  });
});
