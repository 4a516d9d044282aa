import { describe, expect, test } from "vitest";
import { LatencyAverage } from "../../../src/model/client/latency-average.js";

describe("LatencyAverage", () => {
  test("is NaN before any sample and takes the first sample as is", () => {
    const average = new LatencyAverage({ halfLife: 10 });
    expect(average.value).toBeNaN();
    expect(average.count).toBe(0);
    average.record(1_000);
    expect(average.value).toBe(1_000);
    expect(average.count).toBe(1);
  });

  test("weights each new sample 1 − 2^(−1/h): half for h = 1", () => {
    expect(new LatencyAverage({ halfLife: 10 }).weight).toBeCloseTo(1 - 2 ** -0.1, 15);
    const average = new LatencyAverage({ halfLife: 1 });
    average.record(100);
    average.record(200);
    expect(average.value).toBe(150);
  });

  test("after h samples of a new level, half the old gap remains", () => {
    const average = new LatencyAverage({ halfLife: 20 });
    average.record(1_000);
    for (let i = 0; i < 20; i++) average.record(0);
    expect(average.value).toBeCloseTo(500, 9);
  });

  test("converges to a constant input: the gap halves every h samples", () => {
    const average = new LatencyAverage({ halfLife: 8 });
    average.record(1_000);
    for (let i = 0; i < 80; i++) average.record(5_000);
    expect(Math.abs(average.value - 5_000)).toBeCloseTo(4_000 * 2 ** -10, 6);
  });

  test("rejects a non-positive half-life and negative latencies", () => {
    expect(() => new LatencyAverage({ halfLife: 0 })).toThrow(RangeError);
    expect(() => new LatencyAverage({ halfLife: 1 }).record(-1)).toThrow(RangeError);
  });
});
