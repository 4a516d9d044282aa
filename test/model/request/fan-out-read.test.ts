import { describe, expect, test } from "vitest";
import { Outcome } from "../../../src/model/request/codes.js";
import { FanOutRead } from "../../../src/model/request/fan-out-read.js";

/** A read of `parts` parts waiting for `waitFor`. */
function read(parts: number, waitFor: number): FanOutRead<number> {
  const r = new FanOutRead<number>(0, 0, 0, 0, 0, waitFor);
  for (let i = 0; i < parts; i++) r.parts.push(i);
  return r;
}

describe("FanOutRead", () => {
  test("waiting for all: done at the last success", () => {
    const r = read(3, 3);
    expect([Outcome.OK, Outcome.OK, Outcome.OK].map((o) => r.partEnded(o))).toEqual([false, false, true]);
    expect([r.outcome, r.ok]).toEqual([Outcome.OK, 3]);
  });

  test("waiting for all: the first failure fails it, with that failure's outcome", () => {
    const r = read(3, 3);
    expect([r.partEnded(Outcome.OK), r.partEnded(Outcome.TIMED_OUT)]).toEqual([false, true]);
    expect(r.outcome).toBe(Outcome.TIMED_OUT);
  });

  test("2 of 4: done at the second success, one failure tolerated, later parts ignored", () => {
    const r = read(4, 2);
    expect([Outcome.SHED, Outcome.OK, Outcome.OK, Outcome.OK].map((o) => r.partEnded(o))).toEqual([false, false, true, false]);
    expect([r.outcome, r.ok, r.failed]).toEqual([Outcome.OK, 2, 1]);
  });

  test("2 of 4: the third failure makes 2 successes impossible", () => {
    const r = read(4, 2);
    expect([Outcome.FAILED, Outcome.OK, Outcome.SHED, Outcome.UNAVAILABLE].map((o) => r.partEnded(o))).toEqual([false, false, false, true]);
    expect(r.outcome).toBe(Outcome.UNAVAILABLE);
  });
});
