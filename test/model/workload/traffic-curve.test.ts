import { describe, expect, test } from "vitest";
import { Engine } from "../../../src/engine/engine.js";
import { RandomStreams, streamFor } from "../../../src/engine/random-streams.js";
import { seconds } from "../../../src/engine/time.js";
import type { RateScheduleConfig, TrafficCurveConfig } from "../../../src/model/config.js";
import { CurveClock } from "../../../src/model/workload/curve-clock.js";
import { OpenLoopArrivals } from "../../../src/model/workload/open-loop-arrivals.js";
import { RateSchedule } from "../../../src/model/workload/rate-schedule.js";
import { TrafficCurve } from "../../../src/model/workload/traffic-curve.js";

const curve = (times: number[], rates: number[], interpolate: "linear" | "step" = "linear", repeat = false): TrafficCurveConfig => ({
  times: times.map(seconds),
  rates,
  interpolate,
  repeat,
});
const schedule = (c: TrafficCurveConfig, multipliers: RateScheduleConfig["multipliers"] = []) => new RateSchedule(0, { steps: [], multipliers, curve: c });

describe("TrafficCurve", () => {
  test("rates between knots: a straight line, or the earlier knot's rate held", () => {
    const linear = new TrafficCurve(curve([0, 10, 30], [100, 300, 0]));
    expect(linear.rateAt(seconds(5))).toBeCloseTo(200, 9);
    expect(linear.rateAt(seconds(20))).toBeCloseTo(150, 9);
    expect(linear.rateAt(seconds(30))).toBe(0); // past the end, no repeat
    const step = new TrafficCurve(curve([0, 10, 30], [100, 300, 0], "step"));
    expect(step.rateAt(seconds(9.9))).toBe(100);
    expect(step.rateAt(seconds(10))).toBe(300);
  });

  test("the integral is the trapezoids' areas (linear) or the rectangles' (step)", () => {
    const linear = new TrafficCurve(curve([0, 10, 30], [100, 300, 0]));
    expect(linear.integral(0, seconds(30))).toBeCloseTo(2000 + 3000, 6);
    // From 5 s (200/s) to 20 s (150/s): 5 s rising to 300 (1250) + 10 s falling to 150 (2250).
    expect(linear.integral(seconds(5), seconds(20))).toBeCloseTo(1250 + 2250, 6);
    const step = new TrafficCurve(curve([0, 10, 30], [100, 300, 0], "step"));
    expect(step.integral(0, seconds(30))).toBeCloseTo(1000 + 6000, 6);
  });

  test("a repeating curve starts over after its last knot; a plain one is 0 there", () => {
    const once = new TrafficCurve(curve([0, 10], [100, 100]));
    const again = new TrafficCurve(curve([0, 10], [100, 300], "linear", true));
    expect(once.integral(0, seconds(25))).toBeCloseTo(1000, 6);
    // Two whole periods of 2000, then 5 s from 100 rising to 200: 750.
    expect(again.integral(0, seconds(25))).toBeCloseTo(4750, 6);
    expect(again.rateAt(seconds(25))).toBeCloseTo(200, 9);
  });

  test("bad knots are refused", () => {
    expect(() => new TrafficCurve(curve([0], [1]))).toThrow(RangeError);
    expect(() => new TrafficCurve(curve([0, 10, 10], [1, 2, 3]))).toThrow(/increase/);
    expect(() => new TrafficCurve(curve([0, 10], [1, -2]))).toThrow(/>= 0/);
  });
});

describe("CurveClock: the integrated rate inverted", () => {
  test("on a ramp from 0 to R over T the k-th unit of work is done at sqrt(2·T·k / R)", () => {
    // Λ(t) = R t² / (2T), in arrivals with t in seconds: R = 100/s, T = 60 s.
    const clock = new CurveClock(new TrafficCurve(curve([0, 60], [0, 100])), schedule(curve([0, 60], [0, 100])));
    for (const k of [0.001, 1, 17.5, 2999.9]) expect(clock.after(0, k, 1) / 1e6).toBeCloseTo(Math.sqrt((2 * 60 * k) / 100), 6);
    // More than the whole ramp holds (3000): never.
    expect(clock.after(0, 3001, 1)).toBe(Number.POSITIVE_INFINITY);
  });

  test("on a falling line the root is the earlier one: 100/s falling to 0 over 10 s, half the area at (1 − 1/√2) · 10 s", () => {
    const c = curve([0, 10], [100, 0]);
    const clock = new CurveClock(new TrafficCurve(c), schedule(c));
    expect(clock.after(0, 250, 1) / 1e6).toBeCloseTo(10 * (1 - Math.SQRT1_2), 6);
  });

  test("from any instant, across segments, periods and multipliers, the work done is what was asked", () => {
    const c = curve([0, 7, 8, 20, 21, 40], [50, 500, 0, 0, 80, 10], "linear", true);
    const s = schedule(c, [{ from: seconds(33), to: seconds(95), factor: 2.5 }, { from: seconds(60), to: seconds(61), factor: 0 }]);
    const clock = new CurveClock(s.curve!, s);
    const u = streamFor(3, "clock-test");
    let from = 0;
    for (let i = 0; i < 2000; i++) {
      const work = -Math.log(1 - u()) * 200 + 1e-3;
      const scale = 0.25 + u();
      const at = clock.after(from, work, scale);
      expect(at).toBeGreaterThanOrEqual(from);
      expect(s.offered(from, at) * scale).toBeCloseTo(work, 6);
      // Mostly forward, sometimes back (a storm restarts the draw from an earlier instant).
      from = u() < 0.9 ? at : Math.max(0, at - seconds(30) * u());
    }
  });

  test("a step curve with a zero stretch: no arrival falls in it", () => {
    const c = curve([0, 10, 20, 30], [100, 0, 100, 100], "step");
    const clock = new CurveClock(new TrafficCurve(c), schedule(c));
    // 1000 arrivals' worth is used up at 10 s; the next bit of work waits for 20 s.
    expect(clock.after(0, 1000.5, 1) / 1e6).toBeCloseTo(20.005, 6);
  });
});

/** Arrivals of one process at `share` of the curve until `until` s, counted per `bin` s. */
function counts(c: TrafficCurveConfig, until: number, bin: number, seed: number, share = 1, multipliers: RateScheduleConfig["multipliers"] = []) {
  const engine = new Engine();
  const draws = new RandomStreams(seed).block(["gaps", "namespaces"]);
  const bins = new Array(Math.ceil(until / bin)).fill(0);
  const arrivals: OpenLoopArrivals = new OpenLoopArrivals(engine, schedule(c, multipliers), share, [1], draws, () => {
    bins[Math.floor(engine.now / seconds(bin))]++;
    arrivals.next();
  });
  arrivals.next();
  engine.run({ until: seconds(until) - 1 });
  return bins;
}

describe("OpenLoopArrivals on a traffic curve", () => {
  // Poisson counts: each bound is ±4.5 σ (a false alarm about once in 150 000 per bound).
  const within = (count: number, mean: number) => expect(Math.abs(count - mean), `${count} vs ${mean}`).toBeLessThanOrEqual(4.5 * Math.sqrt(mean));

  test("counts per 10 s follow the integral of a piecewise-linear curve", () => {
    const c = curve([0, 60, 120, 180, 300, 600], [200, 2000, 500, 500, 3000, 100]);
    const s = new TrafficCurve(c);
    const bins = counts(c, 600, 10, 11);
    bins.forEach((n, i) => within(n, s.integral(seconds(10 * i), seconds(10 * i + 10))));
    within(bins.reduce((a, b) => a + b, 0), s.integral(0, seconds(600)));
    // The dispersion of Poisson counts: Σ (n − μ)² / μ over 60 bins is χ² with 60 degrees of freedom (mean 60, sd 11).
    const chi2 = bins.reduce((a, n, i) => a + (n - s.integral(seconds(10 * i), seconds(10 * i + 10))) ** 2 / s.integral(seconds(10 * i), seconds(10 * i + 10)), 0);
    expect(chi2).toBeGreaterThan(60 - 4.5 * 11);
    expect(chi2).toBeLessThan(60 + 4.5 * 11);
  });

  test("a step curve, a quarter share, a repeat and a multiplier", () => {
    const c = curve([0, 30, 60, 90], [4000, 400, 2000, 0], "step", true);
    const m = [{ from: seconds(150), to: seconds(200), factor: 3 }];
    const s = schedule(c, m);
    const bins = counts(c, 270, 10, 12, 0.25, m);
    bins.forEach((n, i) => within(n, 0.25 * s.offered(seconds(10 * i), seconds(10 * i + 10))));
  });

  test("a ×3 retry storm multiplies the curve from its instant: 10 s rising 100 → 1100/s, ×3 from 5 s", () => {
    const c = curve([0, 10], [100, 1100]);
    const engine = new Engine();
    let count = 0;
    const draws = new RandomStreams(8).block(["gaps", "namespaces"]);
    const arrivals: OpenLoopArrivals = new OpenLoopArrivals(engine, schedule(c), 1, [1], draws, () => (count++, arrivals.next()));
    arrivals.next();
    engine.scheduleAt(seconds(5), () => arrivals.retryStorm(3));
    engine.run({ until: seconds(10) - 1 });
    // 0–5 s: (100 + 600) / 2 × 5 = 1750; 5–10 s: 3 × (600 + 1100) / 2 × 5 = 12 750.
    within(count, 1750 + 12_750);
  });

  test("the same seed gives the same arrivals", () => {
    const c = curve([0, 10, 20], [100, 900, 50]);
    expect(counts(c, 20, 0.1, 5)).toEqual(counts(c, 20, 0.1, 5));
    expect(counts(c, 20, 0.1, 5)).not.toEqual(counts(c, 20, 0.1, 6));
  });
});
