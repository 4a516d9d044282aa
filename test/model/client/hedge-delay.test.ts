import { describe, expect, test } from "vitest";
import { ms } from "../../../src/engine/time.js";
import { hedgeDelay } from "../../../src/model/client/hedge-delay.js";
import { LatencyAverage } from "../../../src/model/client/latency-average.js";

/** An average of `samples` copies of `us`. */
function averageOf(us: number, samples = 20): LatencyAverage {
  const average = new LatencyAverage({ halfLife: 10 });
  for (let i = 0; i < samples; i++) average.record(us);
  return average;
}

describe("hedgeDelay", () => {
  test("is the target minus the average: GET 10 ms − 1 ms, PUT 10 ms − 1.5 ms, SCAN 100 ms − 23 ms", () => {
    expect(hedgeDelay(ms(10), averageOf(ms(1)), 10)).toBe(ms(9));
    expect(hedgeDelay(ms(10), averageOf(ms(1.5)), 10)).toBe(ms(8.5));
    expect(hedgeDelay(ms(100), averageOf(ms(23)), 10)).toBe(ms(77));
  });

  test("does not hedge a client already at or above its target", () => {
    expect(hedgeDelay(ms(10), averageOf(ms(12)), 10)).toBeUndefined();
    expect(hedgeDelay(ms(10), averageOf(ms(10)), 10)).toBeUndefined();
  });

  test("waits the whole target while fewer than minSamples latencies are in", () => {
    expect(hedgeDelay(ms(10), new LatencyAverage({ halfLife: 10 }), 10)).toBe(ms(10));
    expect(hedgeDelay(ms(10), averageOf(ms(1), 9), 10)).toBe(ms(10));
    expect(hedgeDelay(ms(10), averageOf(ms(1), 10), 10)).toBe(ms(9));
  });

  test("is whole µs and at least 1", () => {
    expect(hedgeDelay(10_000, averageOf(9_999.7), 1)).toBe(1);
    expect(hedgeDelay(10_000, averageOf(1_000.4), 1)).toBe(9_000);
  });

  test("rejects a fractional target and a negative minSamples", () => {
    expect(() => hedgeDelay(10.5, averageOf(1), 1)).toThrow(RangeError);
    expect(() => hedgeDelay(10, averageOf(1), -1)).toThrow(RangeError);
  });
});
