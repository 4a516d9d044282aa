import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { seconds } from "../../../src/engine/time.js";
import { RateSchedule } from "../../../src/model/workload/rate-schedule.js";

describe("RateSchedule", () => {
  test("answers any sequence of questions, in any order, as the definition does (the span it remembers never goes stale)", () => {
    const instant = fc.integer({ min: 0, max: 1000 });
    const config = fc.record({
      steps: fc.array(fc.record({ at: instant, rate: fc.integer({ min: 0, max: 500 }) }), { maxLength: 6 }),
      multipliers: fc.array(
        fc.record({ from: instant, span: fc.integer({ min: 1, max: 400 }), factor: fc.double({ min: 0.1, max: 8, noNaN: true }) }).map(({ from, span, factor }) => ({ from, to: from + span, factor })),
        { maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(config, fc.array(fc.integer({ min: 0, max: 1500 }), { maxLength: 60 }), (cfg, questions) => {
        const schedule = new RateSchedule(100, cfg);
        const steps = [...cfg.steps].sort((a, b) => a.at - b.at);
        const changes = [...new Set([...cfg.steps.map((x) => x.at), ...cfg.multipliers.flatMap((m) => [m.from, m.to])])].sort((a, b) => a - b);
        for (const t of questions) {
          let rate = 100;
          for (const step of steps) if (step.at <= t) rate = step.rate;
          for (const m of cfg.multipliers) if (m.from <= t && t < m.to) rate *= m.factor;
          expect(schedule.rateAt(t)).toBe(rate);
          expect(schedule.nextChange(t)).toBe(changes.find((c) => c > t) ?? Number.POSITIVE_INFINITY);
        }
      }),
      { seed: 18, numRuns: 300 },
    );
  });

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
