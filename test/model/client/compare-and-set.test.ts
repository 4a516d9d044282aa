import { describe, expect, test } from "vitest";
import { RandomStreams } from "../../../src/engine/random-streams.js";
import { ClientStats } from "../../../src/model/client/client-stats.js";
import { CompareAndSet } from "../../../src/model/client/compare-and-set.js";
import type { NamespaceConfig } from "../../../src/model/config.js";
import { AttemptKind, OpCode, Outcome } from "../../../src/model/request/codes.js";
import { CONFLICT, ERROR_CLASSES, classMask, errorClassOf, outcomeOfClass } from "../../../src/model/request/error-class.js";
import { ClientRequest, Request } from "../../../src/model/request/request.js";

const namespace = (name: string, share?: number): NamespaceConfig => ({
  name,
  share: 0.5,
  mix: { GET: 0, PUT: 1, SCAN: 0 },
  valueSize: { dist: "constant", value: 1 },
  keys: { count: 1, popularity: "uniform", zipfExponent: 0 },
  ...(share === undefined ? {} : { cas: { share } }),
});

describe("the conflict class", () => {
  test("is the last class, counted as failed, retried only when retryOn names it", () => {
    expect(ERROR_CLASSES[CONFLICT]).toBe("conflict");
    expect(outcomeOfClass(CONFLICT)).toBe(Outcome.FAILED);
    expect(errorClassOf(Outcome.FAILED, CONFLICT)).toBe(CONFLICT);
    expect((classMask(["timeout", "throttled", "overloaded", "unavailable"]) >> CONFLICT) & 1).toBe(0);
    expect((classMask(["conflict"]) >> CONFLICT) & 1).toBe(1);
  });
});

describe("CompareAndSet", () => {
  test("a share of 1 makes every PUT a CAS without a draw; GETs never are; no share, none", () => {
    const streams = new RandomStreams(1);
    const stats = new ClientStats();
    const cas = new CompareAndSet([namespace("a", 1), namespace("b")], streams, "client/x", stats);
    expect([cas.marks(0, OpCode.PUT), cas.marks(0, OpCode.GET), cas.marks(1, OpCode.PUT)]).toEqual([true, false, false]);
    expect(streams.names).toEqual([]);
    expect(stats.casRequests).toBe(1);
  });

  test("a share of 30% marks 30% of PUTs (±4 sd of 10 000), from its own stream", () => {
    const streams = new RandomStreams(2);
    const cas = new CompareAndSet([namespace("a", 0.3)], streams, "client/x", new ClientStats());
    let marked = 0;
    for (let i = 0; i < 10_000; i++) if (cas.marks(0, OpCode.PUT)) marked++;
    expect(Math.abs(marked / 10_000 - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / 10_000));
    expect(streams.names).toEqual(["client/x/a/cas"]);
  });

  test("a try is a version read, then a conditional write; answers count conflicts and successes", () => {
    const stats = new ClientStats();
    const cas = new CompareAndSet([namespace("a", 1)], new RandomStreams(1), "c", stats);
    expect([cas.attemptOp(AttemptKind.FIRST), cas.attemptOp(AttemptKind.CAS_WRITE), cas.attemptOp(AttemptKind.RETRY)]).toEqual([OpCode.GET, OpCode.PUT, OpCode.GET]);
    const owner = new ClientRequest(0, OpCode.PUT, 0, 0, 0, 1, 0, 0, { target: 1, max: 10, concurrency: 1, hedges: 1 });
    const answer = (op: number, reply: Outcome, errorClass = -1) => {
      const a = new Request(1, op, 0, 0, 0, 1, 0, 0, AttemptKind.FIRST, owner);
      a.reply = reply;
      a.errorClass = errorClass;
      return cas.answered(a);
    };
    expect(answer(OpCode.GET, Outcome.OK)).toBe(true); // the write must follow
    expect(answer(OpCode.GET, Outcome.TIMED_OUT)).toBe(false);
    expect(answer(OpCode.PUT, Outcome.FAILED, CONFLICT)).toBe(false);
    expect(answer(OpCode.PUT, Outcome.OK)).toBe(false);
    expect([stats.casTries, stats.casWrites, stats.casConflicts, stats.casSucceeded]).toEqual([2, 1, 1, 1]);
  });
});
