import { describe, expect, test } from "vitest";
import { simulate } from "../../../src/experiment/simulate.js";
import type { ScenarioOutcome } from "../../../src/experiment/outcome/scenario-outcome.js";
import { loadScenarioText } from "../../../src/scenario/load-scenario.js";

/**
 * A first attempt the client's own per-server limit refuses (signals.concurrency: 1 at 5,000
 * requests/s, far past what one request in flight per server allows) used to crash the retrier
 * ("retry attempt must be a whole number >= 1, got 0"): it failed before it counted as a try.
 */
describe("a first attempt refused by the client's own limit", () => {
  test("counts as a try: it is retried with backoff, at most maxAttempts − 1 times, and the run finishes", () => {
    const s = loadScenarioText(`
duration: 2s
seed: 1
cluster:
  regions: [{ name: r1, zones: [a, b, c], nodesPerZone: 1, replicationFactor: 3 }]
  signals: { concurrency: 1 }
workload: { rate: 5000/s, mix: { GET: 100% } }
clients: { perZone: 1, retries: { maxAttempts: 3 } }
`, "client-limited.yaml");
    const o = simulate(s.base.config, s.seed).outcome as ScenarioOutcome;
    expect(o.requests.shed).toBeGreaterThan(0);
    expect(o.client.retries.total).toBeGreaterThan(0);
    expect(o.client.retries.total).toBeLessThanOrEqual(2 * o.requests.total);
  });
});
