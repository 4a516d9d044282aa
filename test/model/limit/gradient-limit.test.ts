import { describe, expect, test } from "vitest";
import { gradientLimit } from "../../../src/model/limit/gradient-limit.js";
import type { Limit } from "../../../src/model/limit/limit.js";

const at = (rtt: number, inflight: number, dropped = false) => ({ rtt, inflight, dropped, now: 0 });

/** Feeds `count` samples of `rtt` with the limit in full use; the limit after each. */
function feed(limit: Limit, rtt: number, count: number): number[] {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) limit.onSample(at(rtt, Math.floor(limit.current))), seen.push(limit.current);
  return seen;
}

describe("gradientLimit", () => {
  test("one step by hand: grows by queueSize at a steady rtt, shrinks when the short term jumps", () => {
    // Raw short term, long window 599 (weight 1/300), no smoothing, queue size 4.
    const limit = gradientLimit({ initial: 20, min: 1, max: 100, smoothing: 1, rttTolerance: 1.5, shortWindow: 1, longWindow: 599 });
    limit.onSample(at(1000, 20)); // short = long = 1000: gradient min(1, 1.5) = 1 → 20 + 4
    expect(limit.current).toBe(24);
    limit.onSample(at(3000, 24)); // short 3000, long = (1000 + 3000) / 2 while young: gradient 1.5·2000/3000 = 1 → 28
    expect(limit.current).toBe(28);
    limit.onSample(at(6000, 28)); // long = 2000 + (6000 − 2000)/3 = 3333: gradient 1.5·3333/6000 = 0.833
    expect(limit.current).toBeCloseTo(28 * ((1.5 * (2000 + 4000 / 3)) / 6000) + 4, 9);
  });

  test("with the defaults it grows, shrinks once the rtt rises past tolerance × the long term, then recovers", () => {
    const limit = gradientLimit({ initial: 50, min: 1, max: 1000, smoothing: 0.2, rttTolerance: 1.5 });
    const calm = feed(limit, 1000, 100);
    expect(calm.at(-1)).toBeCloseTo(50 + 100 * 0.2 * 4, 9); // gradient 1: + smoothing × queueSize each sample
    const slow = feed(limit, 2500, 60);
    const peak = Math.max(...slow);
    expect(slow.indexOf(peak)).toBeLessThan(5); // the fast average passes 1.5 × the slow one within a few samples
    expect(slow.at(-1)!).toBeLessThan(0.6 * calm.at(-1)!);
    const after = feed(limit, 1000, 50);
    expect(after.at(-1)!).toBeGreaterThan(slow.at(-1)! + 30); // gradient back to 1: +0.8 a sample
  });

  test("a drop halves the limit (the steepest gradient) and its rtt is not averaged", () => {
    const limit = gradientLimit({ initial: 40, min: 1, max: 100, smoothing: 1, rttTolerance: 1.5, shortWindow: 1 });
    limit.onSample(at(1000, 40)); // → 44
    limit.onSample(at(1, 44, true)); // 44·0.5 + 4
    expect(limit.current).toBe(26);
    limit.onSample(at(1000, 26)); // averages untouched by the drop's 1 µs: gradient 1 → 30
    expect(limit.current).toBe(30);
  });

  test("holds while less than half the limit is in use, and stays within [min, max]", () => {
    const limit = gradientLimit({ initial: 40, min: 30, max: 42, smoothing: 1, rttTolerance: 1.5, shortWindow: 1 });
    limit.onSample(at(1000, 19));
    expect(limit.current).toBe(40);
    limit.onSample(at(1000, 40));
    expect(limit.current).toBe(42);
    limit.onSample(at(1, 42, true));
    expect(limit.current).toBe(30);
  });
});
