import { describe, expect, test } from "vitest";
import { EntityCounts, type OpJudge } from "../../src/metrics/entity-counts.js";
import { clearlyAbove, entityBrokeSlo, judgeOp, requestsToJudge, slowAllowance, type OpSlo } from "../../src/metrics/slo.js";

const GET = 0;
const PUT = 1;

describe("requestsToJudge", () => {
  test("the scenario's minRequests, at least 1", () => {
    expect(requestsToJudge(20)).toBe(20);
    expect(requestsToJudge(1)).toBe(1);
    expect(requestsToJudge(0)).toBe(1);
  });

  test("slowAllowance is 1 − p/100", () => {
    expect(slowAllowance({ percentile: 50, latency: 1, errorRate: 0 })).toBe(0.5);
    expect(slowAllowance({ percentile: 99, latency: 1, errorRate: 0 })).toBeCloseTo(0.01, 12);
  });
});

describe("clearlyAbove and entityBrokeSlo", () => {
  test("clearlyAbove: more than n·p + 3·sqrt(n·p·(1 − p)) + 1", () => {
    // n 100, p 1 %: 1 + 3·0.995 + 1 = 4.985 → 5 is above, 4 is not.
    expect(clearlyAbove(5, 100, 0.01)).toBe(true);
    expect(clearlyAbove(4, 100, 0.01)).toBe(false);
    // p 0: more than 1 (a single failure is chance).
    expect(clearlyAbove(1, 10, 0)).toBe(false);
    expect(clearlyAbove(2, 10, 0)).toBe(true);
    // n 10, p 10 %: 1 + 3·0.949 + 1 = 4.85 → 5 above; 4 (40 %, four times the allowance) not.
    expect(clearlyAbove(5, 10, 0.1)).toBe(true);
    expect(clearlyAbove(4, 10, 0.1)).toBe(false);
  });

  test("entityBrokeSlo: failures, or slow successes judged on the successes, clearly above; too few never", () => {
    const slo: OpSlo = { percentile: 90, latency: 1000, errorRate: 0.5 };
    // 100 requests, 50 failed: 50 is not above 50 + 15 + 1. Of the 50 successes, slow is judged
    // against 5 + 3·2.121 + 1 = 12.36: 13 breaks it, 12 does not.
    expect(entityBrokeSlo(slo, 10, 100, 50, 12)).toBe(false);
    expect(entityBrokeSlo(slo, 10, 100, 50, 13)).toBe(true);
    // 67 of 100 failed: above 66.
    expect(entityBrokeSlo(slo, 10, 100, 67, 0)).toBe(true);
    expect(entityBrokeSlo(slo, 101, 100, 100, 0)).toBe(false);
    expect(entityBrokeSlo(slo, 0, 0, 0, 0)).toBe(false);
  });
});

describe("judgeOp", () => {
  const slo: OpSlo = { percentile: 99, latency: 1000, errorRate: 0.1 };
  test("errors above the allowance; exactly at it is fine", () => {
    expect(judgeOp(slo, 100, 100, 10, 0)).toBeUndefined(); // 10 % = allowance
    expect(judgeOp(slo, 100, 100, 11, 0)).toBe("errors");
    expect(judgeOp(slo, 100, 100, 11, 50)).toBe("errors"); // errors are named first
  });

  test("latency judged on the successes: slow / (requests − failed) > 1 − p/100", () => {
    // 100 requests, 10 failed, 1 slow of 90 successes: 1.1 % > 1 %. Of all 100 it would be 1 %, fine.
    expect(judgeOp(slo, 100, 100, 10, 1)).toBe("latency");
    // 200 requests, none failed, 2 slow: exactly 1 %, fine; 3 slow: 1.5 %.
    expect(judgeOp(slo, 100, 200, 0, 2)).toBeUndefined();
    expect(judgeOp(slo, 100, 200, 0, 3)).toBe("latency");
    // p50: 5 slow of 10 is the allowance; 6 breaks it.
    const p50 = { percentile: 50, latency: 1000, errorRate: 0 };
    expect(judgeOp(p50, 2, 10, 0, 5)).toBeUndefined();
    expect(judgeOp(p50, 2, 10, 0, 6)).toBe("latency");
  });

  test("too few requests, or none, are not judged", () => {
    expect(judgeOp(slo, 100, 99, 99, 0)).toBeUndefined();
    expect(judgeOp(slo, 0, 0, 0, 0)).toBeUndefined();
  });

  test("every request failed: errors, and no division by zero successes", () => {
    expect(judgeOp({ percentile: 50, latency: 1, errorRate: 0.5 }, 2, 4, 4, 0)).toBe("errors");
  });

  // BUG (src/metrics/slo.ts, slowAllowance): 1 − 90/100 is 0.09999999999999998 in binary, so one
  // slow answer in 10 successes (exactly the 10 % a p90 target allows; the nearest-rank p90 of 10
  // is the 9th value, within target) is judged a latency violation. Same for p80 (2 in 10).
  // p99, p95, p99.9 round the other way and are fine. Flip to `test` once fixed.
  test("a p90 target with exactly 10 % slow successes is not broken", () => {
    expect(judgeOp({ percentile: 90, latency: 1000, errorRate: 0.1 }, 10, 10, 0, 1)).toBeUndefined();
  });
});

describe("EntityCounts", () => {
  /** GET: p90 / 10 % errors (10 requests judge it); PUT: p90 / no error allowed (10 too). */
  const judges: OpJudge[] = [
    { slo: { percentile: 90, latency: 1000, errorRate: 0.1 }, need: 10 },
    { slo: { percentile: 90, latency: 1000, errorRate: 0 }, need: 10 },
  ];
  const fill = (c: EntityCounts, entity: number, op: number, total: number, failed = 0, slow = 0) => {
    for (let k = 0; k < total; k++) c.add(entity, op, k < failed, k >= failed && k < failed + slow);
  };

  test("counts per (entity, op); a failure is never also slow; addEntity, addAll, reset", () => {
    const a = new EntityCounts(2, 2);
    a.add(0, GET, true, true);
    a.add(0, PUT, false, true);
    a.add(1, PUT, false, false);
    // cells: (0,GET) (0,PUT) (1,GET) (1,PUT)
    expect([...a.total]).toEqual([1, 1, 0, 1]);
    expect([...a.failed]).toEqual([1, 0, 0, 0]);
    expect([...a.slow]).toEqual([0, 1, 0, 0]);
    const b = new EntityCounts(2, 2);
    b.addAll(a);
    b.addAll(a);
    expect([...b.total]).toEqual([2, 2, 0, 2]);
    b.addEntity(1, a, 0); // entity 0 of a into entity 1 of b
    expect([...b.total]).toEqual([2, 2, 1, 3]);
    expect([...b.failed]).toEqual([2, 0, 1, 0]);
    b.reset();
    expect([...b.total, ...b.failed, ...b.slow]).toEqual(new Array(12).fill(0));
  });

  test("an op with no traffic never sets a threshold: PUT allows no error, but GET-only ranges are judged on GET", () => {
    const c = new EntityCounts(2, 2);
    // 2 GET failures in 20: 10 %, at GET's allowance; no PUT at all. Were PUT's zero allowance
    // applied, 2 failures would be clearly above it.
    fill(c, 0, GET, 20, 2);
    fill(c, 1, GET, 20, 2);
    fill(c, 1, PUT, 10, 2); // range 1's own PUTs: 2 failures in 10, clearly above 0
    expect(c.touched(judges)).toEqual({ touched: 1, of: 2, traffic: 30 / 50 });
  });

  test("an entity with too few requests of an op is not judged on it", () => {
    const c = new EntityCounts(3, 2);
    fill(c, 0, GET, 9, 9); // 9 GETs, all failed: fewer than 10
    fill(c, 0, PUT, 10); // 10 fine PUTs do not make the GETs judged
    fill(c, 1, GET, 10, 10); // 10 GETs, all failed
    fill(c, 2, PUT, 10, 0, 10); // 10 PUTs, all slow
    expect(c.touched(judges)).toEqual({ touched: 2, of: 3, traffic: 20 / 39 });
  });

  test("traffic weighting: the touched range carries 90 % of the requests though it is 1 of 4", () => {
    const c = new EntityCounts(4, 2);
    fill(c, 0, GET, 270, 135);
    for (let r = 1; r < 4; r++) fill(c, r, GET, 10);
    const t = c.touched(judges);
    expect([t.touched, t.of]).toEqual([1, 4]);
    expect(t.traffic).toBeCloseTo(0.9, 12);
  });

  test("`counted` limits the denominator; no requests, traffic 0", () => {
    const c = new EntityCounts(4, 2);
    fill(c, 0, GET, 10, 10);
    expect(c.touched(judges, (e) => e < 2)).toEqual({ touched: 1, of: 2, traffic: 1 });
    expect(new EntityCounts(3, 2).touched(judges)).toEqual({ touched: 0, of: 3, traffic: 0 });
  });
});
