import { describe, expect, test } from "vitest";
import { aimdLimit } from "../../../src/model/limit/aimd-limit.js";

const at = (rtt: number, inflight: number, dropped = false) => ({ rtt, inflight, dropped, now: 0 });
const config = { initial: 10, min: 1, max: 12, backoff: 0.5, timeout: 1000 };

describe("aimdLimit", () => {
  test("grows by one per busy sample, up to max", () => {
    const limit = aimdLimit(config);
    const seen = [10, 11, 12].map((inflight) => (limit.onSample(at(100, inflight)), limit.current));
    expect(seen).toEqual([11, 12, 12]);
  });

  test("holds while less than half the limit is in use", () => {
    const limit = aimdLimit(config);
    limit.onSample(at(100, 4)); // 4·2 < 10
    expect(limit.current).toBe(10);
  });

  test("backs off ×0.5 on a drop and on an rtt above the timeout, down to min", () => {
    const limit = aimdLimit(config);
    const seen = [at(100, 10, true), at(1001, 5), at(1000, 5), at(2000, 2, true), at(5000, 1)].map((s) => (limit.onSample(s), limit.current));
    // drop: 10 → 5; 1001 µs > timeout: 5 → 2; 1000 µs is not above it and 5·2 ≥ 2: → 3; drop: 3 → 1; slow: floor(0.5) → min 1.
    expect(seen).toEqual([5, 2, 3, 1, 1]);
  });

  test("refuses a backoff outside (0, 1) and bounds out of order", () => {
    expect(() => aimdLimit({ ...config, backoff: 1 })).toThrow(RangeError);
    expect(() => aimdLimit({ ...config, min: 0 })).toThrow(RangeError);
    expect(() => aimdLimit({ ...config, initial: 20 })).toThrow(RangeError);
  });
});
