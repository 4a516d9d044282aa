import { describe, expect, test } from "vitest";
import { HealthTracker } from "../../../../src/model/client/balancer/health-tracker.js";

const MS = 1_000;

describe("HealthTracker", () => {
  test("is 1 for every node before any response", () => {
    const tracker = new HealthTracker(3, { halfLife: 10 });
    expect([...tracker.penalties]).toEqual([1, 1, 1]);
    expect(tracker.penalty(2)).toBe(1);
  });

  test("one error from a fresh node gives error share 1/2, penalty 2; a success brings it to 1.25", () => {
    // halfLife 1: d = 1/2. After the error E = 1, S = 1, e = 1/(1 + 1). After a success
    // E = 1/2, S = 1/2 + 1, e = (1/2)/(3/2 + 1) = 1/5, penalty 1/(1 − 1/5) = 1.25.
    const tracker = new HealthTracker(2, { halfLife: 1 });
    tracker.record(0, false, MS);
    expect(tracker.penalty(0)).toBeCloseTo(2, 12);
    expect(tracker.penalties[0]).toBeCloseTo(2, 12); // the live view follows
    tracker.record(0, true, MS);
    expect(tracker.penalty(0)).toBeCloseTo(1.25, 12);
    expect(tracker.penalty(1)).toBe(1);
  });

  test("grows with a run of errors and recovers after successes", () => {
    const tracker = new HealthTracker(2, { halfLife: 20 });
    let previous = 1;
    for (let i = 0; i < 20; i++) {
      tracker.record(0, false, MS);
      expect(tracker.penalty(0)).toBeGreaterThan(previous);
      previous = tracker.penalty(0);
    }
    expect(previous).toBeGreaterThan(10);
    for (let i = 0; i < 400; i++) tracker.record(0, true, MS);
    expect(tracker.penalty(0)).toBeLessThan(1.01);
  });

  test("a node that gets no traffic drifts back to healthy as other responses arrive", () => {
    const tracker = new HealthTracker(2, { halfLife: 10 });
    for (let i = 0; i < 30; i++) tracker.record(0, false, MS);
    const sick = tracker.penalty(0);
    // Its excess penalty is E (errors outweigh successes, e = E/(E + 1)): it halves every half-life.
    for (let i = 0; i < 10; i++) tracker.record(1, true, MS);
    expect(tracker.penalty(0) - 1).toBeCloseTo((sick - 1) / 2, 9);
    for (let i = 0; i < 200; i++) tracker.record(1, true, MS);
    expect(tracker.penalties[0]).toBeLessThan(1.001); // the live view, refreshed by sweeps
  });

  test("penalises latency above the client's overall average, not below it", () => {
    // Nodes 0 and 1 alternate at 3 ms and 1 ms: the overall mean is 2 ms, so node 0 is 1.5× slow
    // (slightly less, since the pseudo-response at the mean weighs 1 against ~72 decayed samples).
    const tracker = new HealthTracker(2, { halfLife: 100 });
    for (let i = 0; i < 2_000; i++) {
      tracker.record(0, true, 3 * MS);
      tracker.record(1, true, 1 * MS);
    }
    expect(tracker.penalty(0)).toBeCloseTo(1.5, 1);
    expect(tracker.penalty(0)).toBeLessThan(1.5);
    expect(tracker.penalty(1)).toBe(1);
  });

  test("rejects an unknown node and a negative latency", () => {
    const tracker = new HealthTracker(2, { halfLife: 10 });
    expect(() => tracker.record(2, true, MS)).toThrow(RangeError);
    expect(() => tracker.record(0, true, -1)).toThrow(RangeError);
    expect(() => new HealthTracker(2, { halfLife: 0 })).toThrow(RangeError);
  });
});
