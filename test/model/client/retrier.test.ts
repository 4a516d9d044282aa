import { describe, expect, test } from "vitest";
import { Engine } from "../../../src/engine/engine.js";
import { ClientStats } from "../../../src/model/client/client-stats.js";
import { Retrier } from "../../../src/model/client/retrier.js";
import { Outcome } from "../../../src/model/request/codes.js";
import { ERROR_CLASSES, NO_CLASS } from "../../../src/model/request/error-class.js";
import type { RetryConfig } from "../../../src/model/config.js";
import { constant, request } from "./client-pieces.js";

// base = 0.5 × target 10 ms = 5 ms, doubling, capped at 12 ms; max 100 ms.
const config: RetryConfig = { maxAttempts: 4, baseFactor: 0.5, cap: 12_000, jitter: "none", retryOn: ["timeout", "throttled", "overloaded", "unavailable"] };
const retrier = (c: Partial<RetryConfig> = {}, engine = new Engine(), stats = new ClientStats()) => new Retrier(engine, { ...config, ...c }, constant(0.5), stats);
/** The delays granted after each failed try, trying while granted. */
function delays(r: Retrier, engine: Engine, outcome: Outcome = Outcome.TIMED_OUT, errorClass = NO_CLASS) {
  const req = request(engine);
  const out: Array<number | undefined> = [];
  for (let d: number | undefined = 0; d !== undefined; ) {
    req.tries++;
    out.push((d = r.delay(req, outcome, errorClass)));
  }
  return out;
}

describe("Retrier", () => {
  test("backs off base, 2 × base, then the cap, until maxAttempts tries", () => {
    const engine = new Engine();
    expect(delays(retrier({}, engine), engine)).toEqual([5_000, 10_000, 12_000, undefined]);
  });

  test("does not retry a server error (FAILED): it would fail again", () => {
    const engine = new Engine();
    expect(delays(retrier({}, engine), engine, Outcome.FAILED)).toEqual([undefined]);
  });

  test("retries the classes in retryOn: a server error (transient) once listed, an attempt timeout no more once left out", () => {
    const engine = new Engine();
    expect(delays(retrier({ retryOn: ["transient"] }, engine), engine, Outcome.FAILED)).toEqual([5_000, 10_000, 12_000, undefined]);
    expect(delays(retrier({ retryOn: ["transient"] }, engine), engine, Outcome.TIMED_OUT)).toEqual([undefined]);
  });

  test("an error fault's class decides, not the outcome it is counted as", () => {
    const engine = new Engine();
    const [throttled, permanent] = [ERROR_CLASSES.indexOf("throttled"), ERROR_CLASSES.indexOf("permanent")];
    expect(delays(retrier({}, engine), engine, Outcome.SHED, throttled)).toEqual([5_000, 10_000, 12_000, undefined]);
    expect(delays(retrier({}, engine), engine, Outcome.FAILED, permanent)).toEqual([undefined]);
    expect(delays(retrier({ retryOn: ["timeout"] }, engine), engine, Outcome.SHED, throttled)).toEqual([undefined]);
  });

  test("does not retry when the backoff would end past the request's deadline", () => {
    const engine = new Engine();
    const r = retrier({}, engine);
    const req = request(engine); // issued at 0, deadline 100 ms
    req.tries = 1;
    engine.schedule(95_000, () => {}); // at 95 ms a 5 ms backoff would end at the deadline
    engine.run();
    expect(r.delay(req, Outcome.SHED)).toBeUndefined();
  });

  test("a budget of ratio 0 and 1 token grants one retry, then refuses and counts it", () => {
    const engine = new Engine();
    const stats = new ClientStats();
    const r = retrier({ budget: { ratio: 0, maxTokens: 1 } }, engine, stats);
    expect(delays(r, engine)).toEqual([5_000, undefined]);
    expect(stats.retriesRefused).toBe(1);
  });

  test("an attempt times out after max / maxAttempts unless set, and never with one attempt", () => {
    const engine = new Engine();
    expect(retrier({}, engine).attemptTimeout(request(engine))).toBe(25_000);
    expect(retrier({ attemptTimeout: 7_000 }, engine).attemptTimeout(request(engine))).toBe(7_000);
    expect(retrier({ maxAttempts: 1 }, engine).attemptTimeout(request(engine))).toBeUndefined();
  });

  test("the last try has its own timeout when set, and is then given up rather than waited for", () => {
    const engine = new Engine();
    const r = retrier({ lastAttemptTimeout: 40_000 }, engine);
    const req = request(engine);
    const timeouts = [1, 2, 3, 4].map((tries) => ((req.tries = tries), [r.attemptTimeout(req), r.givesUp(req)]));
    expect(timeouts).toEqual([[25_000, false], [25_000, false], [25_000, false], [40_000, true]]);
    expect(retrier({}, engine).givesUp(req)).toBe(false); // without it, the last try waits for the deadline
    req.tries = 1;
    expect(retrier({ maxAttempts: 1, lastAttemptTimeout: 40_000 }, engine).attemptTimeout(req)).toBe(40_000);
  });
});
