import { describe, expect, test } from "vitest";
import { seconds } from "../../../src/engine/time.js";
import { simulate } from "../../../src/experiment/simulate.js";
import type { FaultEvent, RetryConfig } from "../../../src/model/config.js";
import type { ServerErrorClass } from "../../../src/model/request/error-class.js";
import type { SimulationConfig } from "../../../src/scenario/simulation-config.js";
import { tinySimulation } from "../tiny-world.js";

// tinySimulation: 3 nodes, requests of about 4 ms, a 100 ms deadline (signals.max). Backoff 1 ms,
// then 2 ms: far from the deadline, so only the attempt count stops retries.
const retries = (c: Partial<RetryConfig>): RetryConfig => ({ maxAttempts: 3, baseFactor: 0.1, cap: 4_000, jitter: "none", retryOn: ["transient"], ...c });
function withRetries(sim: SimulationConfig, r: RetryConfig): SimulationConfig {
  return { ...sim, world: { ...sim.world, client: { ...sim.world.client, retries: r } } };
}
const errors = (probability: number, errorClass: ServerErrorClass = "transient"): FaultEvent => ({
  kind: "attemptErrors",
  at: 0,
  target: { all: true },
  probability,
  errorClass,
});

describe("retries of server errors, against the closed form", () => {
  // Each attempt fails independently with f = 0.3; k = 3 tries. Success = 1 − f^k = 0.973;
  // attempts per request = (1 − f^k) / (1 − f) = 1.39. About 20 000 requests: the binomial sd of
  // the success share is √(p(1 − p)/n) ≈ 0.0011, and the sd of the mean attempt count
  // √(Var A / n) ≈ 0.0046 (A = 1, 2, 3 with probabilities 0.7, 0.21, 0.09: Var A = 0.4179).
  const f = 0.3;
  const k = 3;
  const run = (r: RetryConfig) => simulate(withRetries(tinySimulation({ rate: 1000, duration: seconds(20), timeline: [errors(f)] }), r), 1).outcome;

  test("retrying transient errors: success 1 − f^k and load (1 − f^k)/(1 − f), within 4 sd", () => {
    const o = run(retries({}));
    const n = o.requests.total;
    const success = 1 - f ** k;
    const load = (1 - f ** k) / (1 - f);
    const varA = (1 - f) * 1 + f * (1 - f) * 4 + f * f * 9 - load * load;
    expect(n).toBeGreaterThan(19_000);
    expect(Math.abs(o.requests.ok / n - success)).toBeLessThan(4 * Math.sqrt((success * (1 - success)) / n));
    expect(Math.abs((o.client.load.firstAttempts + o.client.load.retries) / o.client.load.firstAttempts - load)).toBeLessThan(4 * Math.sqrt(varA / n));
    expect(o.requests.failed).toBe(n - o.requests.ok); // a transient error is counted as failed
  });

  test("with the default retryOn a transient error is not retried: success 1 − f, one attempt each", () => {
    const o = run(retries({ retryOn: ["timeout", "throttled", "overloaded", "unavailable"] }));
    const n = o.requests.total;
    expect(o.client.load.retries).toBe(0);
    expect(Math.abs(o.requests.ok / n - (1 - f))).toBeLessThan(4 * Math.sqrt((f * (1 - f)) / n));
  });
});

describe("the last attempt's own timeout", () => {
  // Node a crashes at 5 s and is detected only after 60 s: attempts sent to it go unanswered.
  const crash: FaultEvent = { kind: "nodeCrash", at: seconds(5), target: { node: "a/0" } };
  const sim = tinySimulation({ duration: seconds(10), timeline: [crash], cluster: { failureDetection: seconds(60) } });

  test("one try with a 20 ms last-attempt timeout: requests to the dead node time out at 20 ms, not at the 100 ms deadline", () => {
    const waiting = simulate(withRetries(sim, retries({ maxAttempts: 1 })), 1).outcome;
    const giving = simulate(withRetries(sim, retries({ maxAttempts: 1, lastAttemptTimeout: 20_000 })), 1).outcome;
    expect(waiting.requests.timedOut).toBeGreaterThan(100);
    // Same seed, same requests to node a; those of the run's last 100 ms end only with the shorter timeout.
    expect(giving.requests.timedOut - waiting.requests.timedOut).toBeGreaterThanOrEqual(0);
    expect(giving.requests.timedOut - waiting.requests.timedOut).toBeLessThan(20);
    expect(waiting.latencyMs.all!.max).toBe(100);
    expect(giving.latencyMs.all!.max).toBe(20);
  });
});
