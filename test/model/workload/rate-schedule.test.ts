import { describe, expect, test } from "vitest";
import { seconds } from "../../../src/engine/time.js";
import { RateSchedule } from "../../../src/model/workload/rate-schedule.js";

describe("RateSchedule", () => {
  test("without steps or multipliers the rate is the base rate forever", () => {
    const s = new RateSchedule(100, { steps: [], multipliers: [] });
    expect(s.rateAt(0)).toBe(100);
    expect(s.rateAt(seconds(1e6))).toBe(100);
    expect(s.nextChange(0)).toBe(Number.POSITIVE_INFINITY);
  });

  test("steps replace the base from their instant on, whatever order they are given in", () => {
    const s = new RateSchedule(100, {
      steps: [
        { at: seconds(20), rate: 50 },
        { at: seconds(10), rate: 200 },
      ],
      multipliers: [],
    });
    expect(s.rateAt(seconds(10) - 1)).toBe(100);
    expect(s.rateAt(seconds(10))).toBe(200);
    expect(s.rateAt(seconds(19))).toBe(200);
    expect(s.rateAt(seconds(20))).toBe(50);
    expect(s.rateAt(seconds(99))).toBe(50);
  });

  test("a multiplier scales the rate on [from, to); overlapping ones multiply", () => {
    const s = new RateSchedule(100, {
      steps: [],
      multipliers: [
        { from: seconds(5), to: seconds(8), factor: 3 },
        { from: seconds(7), to: seconds(9), factor: 0.5 },
      ],
    });
    expect(s.rateAt(seconds(5) - 1)).toBe(100);
    expect(s.rateAt(seconds(5))).toBe(300);
    expect(s.rateAt(seconds(7))).toBe(150);
    expect(s.rateAt(seconds(8))).toBe(50);
    expect(s.rateAt(seconds(9))).toBe(100);
  });

  test("a multiplier applies to the stepped rate", () => {
    const s = new RateSchedule(100, { steps: [{ at: seconds(1), rate: 40 }], multipliers: [{ from: 0, to: seconds(2), factor: 2 }] });
    expect(s.rateAt(0)).toBe(200);
    expect(s.rateAt(seconds(1))).toBe(80);
    expect(s.rateAt(seconds(2))).toBe(40);
  });

  test("nextChange walks every step and multiplier edge, strictly after t", () => {
    const s = new RateSchedule(100, {
      steps: [{ at: seconds(10), rate: 1 }],
      multipliers: [{ from: seconds(5), to: seconds(10), factor: 2 }],
    });
    expect(s.nextChange(0)).toBe(seconds(5));
    expect(s.nextChange(seconds(5))).toBe(seconds(10));
    expect(s.nextChange(seconds(10))).toBe(Number.POSITIVE_INFINITY);
  });
});
