import { describe, expect, test } from "vitest";
import { HedgeLimiter } from "../../../src/model/client/hedge-limiter.js";

describe("HedgeLimiter", () => {
  test("refuses past capacity, per node, and frees a slot on release", () => {
    const limiter = new HedgeLimiter(3);
    expect(limiter.tryAcquire(1, 2)).toBe(true);
    expect(limiter.tryAcquire(1, 2)).toBe(true);
    expect(limiter.tryAcquire(1, 2)).toBe(false);
    expect(limiter.tryAcquire(2, 2)).toBe(true);
    expect(limiter.outstanding(1)).toBe(2);
    limiter.release(1);
    expect(limiter.outstanding(1)).toBe(1);
    expect(limiter.tryAcquire(1, 2)).toBe(true);
    expect([limiter.acquired, limiter.refused]).toEqual([4, 1]);
  });

  test("follows a capacity that changes between calls", () => {
    const limiter = new HedgeLimiter(1);
    expect(limiter.tryAcquire(0, 3)).toBe(true);
    expect(limiter.tryAcquire(0, 3)).toBe(true);
    expect(limiter.tryAcquire(0, 1)).toBe(false); // the server shrank its allowance below what is out
    limiter.release(0);
    expect(limiter.tryAcquire(0, 1)).toBe(false);
    limiter.release(0);
    expect(limiter.tryAcquire(0, 1)).toBe(true);
    expect(limiter.tryAcquire(0, 0)).toBe(false); // capacity 0: no hedges at all
  });

  test("a release without an outstanding hedge is a bug", () => {
    const limiter = new HedgeLimiter(2);
    expect(() => limiter.release(0)).toThrow(/no hedge outstanding/);
    expect(() => limiter.tryAcquire(2, 1)).toThrow(RangeError);
  });
});
