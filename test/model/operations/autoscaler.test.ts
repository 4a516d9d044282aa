import { SimulationError } from "../../../src/model/simulation-error.js";
import { describe, expect, test } from "vitest";
import { seconds } from "../../../src/engine/time.js";
import { Autoscaler, type AutoscalerConfig, type ScaleDecision } from "../../../src/model/operations/autoscaler.js";
import { warmupFactor } from "../../../src/model/operations/warmup.js";

const base: AutoscalerConfig = {
  metric: "utilization",
  scaleOutAbove: 0.8,
  scaleInBelow: 0.3,
  detection: seconds(60),
  provisioning: seconds(120),
  warmup: seconds(300),
  cooldown: seconds(300),
  step: 2,
  min: 2,
  max: 10,
};

/** Observes `values` every 10 s from `start`, at a fixed capacity; the decisions with their times. */
function feed(scaler: Autoscaler, values: number[], capacity = 6, start = 0): Array<[number, ScaleDecision]> {
  const log: Array<[number, ScaleDecision]> = [];
  values.forEach((v, i) => {
    const now = start + seconds(10 * i);
    const d = scaler.observe(now, v, capacity);
    if (d) log.push([now, d]);
  });
  return log;
}

describe("Autoscaler", () => {
  test("no decision until the metric has been above the threshold for detection; readyAt = now + provisioning", () => {
    const scaler = new Autoscaler(base);
    expect(feed(scaler, [0.9, 0.9, 0.9, 0.9, 0.9, 0.9])).toEqual([]);
    expect(scaler.observe(seconds(60), 0.9, 6)).toEqual({ kind: "out", units: 2, readyAt: seconds(180) });
    expect(scaler.pending).toBe(2);
    expect(scaler.decisions).toBe(1);
    expect(scaler.lastDecisionAt).toBe(seconds(60));
  });

  test("a spike shorter than detection triggers nothing, and the next run is timed from its own start", () => {
    const scaler = new Autoscaler(base);
    const spike = [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.5]; // above 0 s to 50 s, then back under at 60 s
    expect(feed(scaler, spike)).toEqual([]);
    expect(feed(scaler, Array(7).fill(0.9), 6, seconds(70)).map(([t]) => t)).toEqual([seconds(130)]);
  });

  test("the threshold is strict: a metric exactly at it is not above it", () => {
    expect(feed(new Autoscaler(base), Array(20).fill(0.8))).toEqual([]);
  });

  test("cooldown: a sustained overload decides at 60 s, then once per 300 s", () => {
    const scaler = new Autoscaler({ ...base, max: 100 });
    const times = feed(scaler, Array(80).fill(0.95)).map(([t]) => t);
    expect(times).toEqual([seconds(60), seconds(360), seconds(660)]);
    expect(scaler.decisions).toBe(3);
  });

  test("scales in once the metric has stayed below scaleInBelow for detection, at once", () => {
    const scaler = new Autoscaler(base);
    expect(feed(scaler, Array(7).fill(0.1))).toEqual([[seconds(60), { kind: "in", units: 2, readyAt: seconds(60) }]]);
    expect(scaler.pending).toBe(0);
  });

  test("max clamps a scale-out, counting units still being provisioned", () => {
    const scaler = new Autoscaler({ ...base, detection: 0, cooldown: 0 });
    expect(scaler.observe(0, 0.9, 7)).toEqual({ kind: "out", units: 2, readyAt: seconds(120) });
    expect(scaler.observe(seconds(10), 0.9, 7)).toEqual({ kind: "out", units: 1, readyAt: seconds(130) });
    expect(scaler.observe(seconds(20), 0.9, 7)).toBeUndefined();
    expect(scaler.pending).toBe(3);
    expect(scaler.decisions).toBe(2);
    // The first two units are online at 120 s: the caller's capacity includes them, pending does not.
    expect(scaler.observe(seconds(120), 0.9, 9)).toBeUndefined();
    expect(scaler.pending).toBe(1);
    expect(scaler.observe(seconds(130), 0.9, 10)).toBeUndefined();
    expect(scaler.pending).toBe(0);
  });

  test("min clamps a scale-in", () => {
    const scaler = new Autoscaler({ ...base, detection: 0, cooldown: 0 });
    expect(scaler.observe(0, 0.1, 3)).toEqual({ kind: "in", units: 1, readyAt: 0 });
    expect(scaler.observe(seconds(10), 0.1, 2)).toBeUndefined();
    expect(scaler.decisions).toBe(1);
  });

  test("a clamped non-decision does not start a cooldown", () => {
    const scaler = new Autoscaler({ ...base, detection: 0 });
    expect(scaler.observe(0, 0.9, 10)).toBeUndefined();
    expect(scaler.observe(seconds(10), 0.1, 10)).toEqual({ kind: "in", units: 2, readyAt: seconds(10) });
  });

  test("rejects inverted thresholds, fractional steps and time going back", () => {
    expect(() => new Autoscaler({ ...base, scaleInBelow: 0.8 })).toThrow(RangeError);
    expect(() => new Autoscaler({ ...base, step: 1.5 })).toThrow(RangeError);
    expect(() => new Autoscaler({ ...base, max: 1 })).toThrow(RangeError);
    const scaler = new Autoscaler(base);
    scaler.observe(seconds(10), 0.5, 4);
    expect(() => scaler.observe(seconds(5), 0.5, 4)).toThrow(SimulationError);
  });
});

describe("warmupFactor", () => {
  const onlineAt = seconds(100);
  const warmup = seconds(60);

  test("0 before online, 0.3 at start, linear to 1 at onlineAt + warmup, then 1", () => {
    expect(warmupFactor(seconds(99), onlineAt, warmup)).toBe(0);
    expect(warmupFactor(onlineAt, onlineAt, warmup)).toBe(0.3);
    expect(warmupFactor(seconds(130), onlineAt, warmup)).toBeCloseTo(0.65, 12);
    expect(warmupFactor(seconds(160), onlineAt, warmup)).toBe(1);
    expect(warmupFactor(seconds(1000), onlineAt, warmup)).toBe(1);
  });

  test("the start speed is a parameter; no warmup means full speed at once", () => {
    expect(warmupFactor(onlineAt, onlineAt, warmup, 0.5)).toBe(0.5);
    expect(warmupFactor(seconds(145), onlineAt, warmup, 0)).toBeCloseTo(0.75, 12);
    expect(warmupFactor(onlineAt, onlineAt, 0)).toBe(1);
    expect(() => warmupFactor(onlineAt, onlineAt, warmup, 1.5)).toThrow(RangeError);
  });
});
