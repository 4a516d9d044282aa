import { describe, expect, test } from "vitest";
import { ms, seconds } from "../../../src/engine/time.js";
import { GcDeathSpiralDetector } from "../../../src/model/operations/gc-death-spiral.js";

/**
 * Runs cycles of `cycle` µs, each a run then a pause of share `share(k)` of the cycle (k counts
 * cycles), until the detector trips or `until` µs; the time it tripped, or undefined.
 */
function drive(gc: GcDeathSpiralDetector, cycle: number, share: (k: number) => number, until: number): number | undefined {
  let now = 0;
  for (let k = 0; now < until && !gc.tripped(); k++) {
    const pause = Math.round(cycle * share(k));
    now += cycle - pause;
    gc.onRun(now, cycle - pause);
    now += pause;
    gc.onPause(now, pause);
  }
  return gc.trippedAt;
}

describe("GcDeathSpiralDetector", () => {
  test("healthy GC (10% paused) never trips with weight 1, over an hour", () => {
    const gc = new GcDeathSpiralDetector({ threshold: seconds(1), runtimeWeight: 1 });
    expect(drive(gc, ms(100), () => 0.1, seconds(3600))).toBeUndefined();
    expect(gc.debt).toBe(ms(10));
  });

  test("a constant paused share p trips after threshold / (p − (1 − p)·w), up to the sawtooth of one cycle", () => {
    const cases = [
      { p: 0.9, w: 1, threshold: seconds(1) },
      { p: 0.9, w: 5, threshold: seconds(30) }, // jvmquake's defaults
      { p: 0.6, w: 1, threshold: seconds(10) },
      { p: 0.95, w: 5, threshold: seconds(30) },
    ];
    for (const { p, w, threshold } of cases) {
      const gc = new GcDeathSpiralDetector({ threshold, runtimeWeight: w });
      const rate = p - (1 - p) * w;
      const expected = threshold / rate;
      const cycle = ms(10);
      const tripped = drive(gc, cycle, () => p, seconds(3600));
      expect(tripped, `p=${p} w=${w}`).toBeDefined();
      // Checked at the end of each pause, the debt peaks up to one run's repayment, (1 − p)·w·cycle,
      // above the straight line rate × t, and the verdict comes at most a cycle late.
      expect(tripped, `p=${p} w=${w}`).toBeGreaterThanOrEqual(expected - ((1 - p) * w * cycle) / rate - cycle);
      expect(tripped, `p=${p} w=${w}`).toBeLessThanOrEqual(expected + cycle);
    }
  });

  test("the boundary is a running share of 1/(1 + w): with w = 5, 80% paused never trips, 85% does", () => {
    const calm = new GcDeathSpiralDetector({ threshold: seconds(30), runtimeWeight: 5 });
    expect(drive(calm, ms(100), () => 0.8, seconds(3600))).toBeUndefined();
    const spiral = new GcDeathSpiralDetector({ threshold: seconds(30), runtimeWeight: 5 });
    const rate = 0.85 - 0.15 * 5; // 0.1: 300 s to reach 30 s of debt
    const tripped = drive(spiral, ms(10), () => 0.85, seconds(3600));
    expect(tripped).toBeGreaterThanOrEqual(seconds(30) / rate - (0.15 * 5 * ms(10)) / rate - ms(10));
    expect(tripped).toBeLessThanOrEqual(seconds(30) / rate + ms(10));
  });

  test("a spiral (pauses growing from 10% to 90% of the time over 60 s) trips when the closed form says", () => {
    const gc = new GcDeathSpiralDetector({ threshold: seconds(5), runtimeWeight: 1 });
    const cycles = 600; // 100 ms each
    const share = (k: number) => Math.min(0.9, 0.1 + (0.8 * k) / cycles);
    const tripped = drive(gc, ms(100), share, seconds(3600));
    // With p(t) = 0.1 + 0.8·t/60 (t in s) and w = 1 the debt grows at 2p − 1 = 1.6·(t − 30)/60 from
    // t = 30 s (p = w/(1+w) = 1/2), so it is (t − 30)²/75 s and reaches 5 s at t = 30 + √375 ≈ 49.36 s.
    // Allow a cycle plus the sawtooth of one run's repayment on either side.
    expect(tripped).toBeDefined();
    expect(Math.abs(tripped! - seconds(30 + Math.sqrt(375)))).toBeLessThanOrEqual(ms(250));
  });

  test("one pause longer than the threshold trips at its end; reset clears debt and trip", () => {
    const gc = new GcDeathSpiralDetector({ threshold: seconds(1), runtimeWeight: 5 });
    gc.onRun(seconds(10), seconds(10));
    expect(gc.debt).toBe(0);
    gc.onPause(seconds(12), seconds(2));
    expect(gc.tripped()).toBe(true);
    expect(gc.trippedAt).toBe(seconds(12));
    gc.onRun(seconds(22), seconds(10));
    expect(gc.tripped()).toBe(true); // latched until reset: the process is to be restarted
    gc.reset();
    expect([gc.tripped(), gc.debt, gc.trippedAt]).toEqual([false, 0, undefined]);
  });

  test("a debt exactly at the threshold does not trip", () => {
    const gc = new GcDeathSpiralDetector({ threshold: seconds(1), runtimeWeight: 1 });
    gc.onPause(seconds(1), seconds(1));
    expect(gc.tripped()).toBe(false);
    gc.onPause(seconds(1) + 1, 1);
    expect(gc.trippedAt).toBe(seconds(1) + 1);
  });

  test("rejects a negative weight and fractional µs", () => {
    expect(() => new GcDeathSpiralDetector({ threshold: seconds(1), runtimeWeight: -1 })).toThrow(RangeError);
    expect(() => new GcDeathSpiralDetector({ threshold: 0.5, runtimeWeight: 1 })).toThrow(RangeError);
    expect(() => new GcDeathSpiralDetector({ threshold: 1, runtimeWeight: 1 }).onPause(10, 1.5)).toThrow(RangeError);
  });
});
