import { describe, expect, test } from "vitest";
import { aimdLimit } from "../../../src/model/limit/aimd-limit.js";
import { fixedLimit } from "../../../src/model/limit/fixed-limit.js";
import type { Limit, LimitSample } from "../../../src/model/limit/limit.js";
import { Limiter } from "../../../src/model/limit/limiter.js";

const ok = (now = 0) => ({ rtt: 100, dropped: false, now });

describe("Limiter", () => {
  test("admits up to floor(limit) and refuses beyond, as values", () => {
    const limiter = new Limiter(fixedLimit(2.7));
    expect([limiter.tryAcquire(), limiter.tryAcquire(), limiter.tryAcquire()]).toEqual([true, true, false]);
    limiter.release(ok());
    expect(limiter.tryAcquire()).toBe(true);
    expect([limiter.inflight, limiter.accepted, limiter.rejected, limiter.limit]).toEqual([2, 3, 1, 2.7]);
  });

  test("a limit that drops makes it refuse more", () => {
    const limiter = new Limiter(aimdLimit({ initial: 4, min: 1, max: 10, backoff: 0.5, timeout: 1000 }));
    const admitted = () => [1, 2, 3, 4, 5].filter(() => limiter.tryAcquire()).length;
    expect(admitted()).toBe(4);
    limiter.release({ rtt: 100, dropped: true, now: 10 }); // 4 → 2, 3 still in flight
    limiter.release({ rtt: 5000, dropped: false, now: 20 }); // too slow: 2 → 1
    expect([limiter.limit, limiter.inflight, admitted()]).toEqual([1, 2, 0]);
    expect(limiter.rejected).toBe(6);
  });

  test("feeds the limit the inflight at release, this request included, and the caller's clock", () => {
    const samples: LimitSample[] = [];
    const spy: Limit = { current: 5, onSample: (s) => samples.push(s) };
    const limiter = new Limiter(spy);
    limiter.tryAcquire();
    limiter.tryAcquire();
    limiter.release({ rtt: 700, dropped: false, now: 1000 });
    limiter.release({ rtt: 900, dropped: true, now: 2000 });
    expect(samples).toEqual([
      { rtt: 700, inflight: 2, dropped: false, now: 1000 },
      { rtt: 900, inflight: 1, dropped: true, now: 2000 },
    ]);
  });

  test("abandon frees a permit without a sample; releasing what was never taken is a bug", () => {
    const samples: LimitSample[] = [];
    const limiter = new Limiter({ current: 1, onSample: (s) => samples.push(s) });
    limiter.tryAcquire();
    limiter.abandon();
    expect([limiter.inflight, samples.length]).toEqual([0, 0]);
    expect(() => limiter.release(ok())).toThrow(Error);
    limiter.tryAcquire();
    expect(() => limiter.release({ rtt: Number.NaN, dropped: false, now: 0 })).toThrow(RangeError);
  });
});
