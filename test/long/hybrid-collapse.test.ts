import { describe, expect, test } from "vitest";
import { simulate } from "../../src/experiment/simulate.js";
import type { ScenarioOutcome } from "../../src/experiment/outcome/scenario-outcome.js";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";

/**
 * Hybrid fidelity in an overload collapse: retry-storm's unprotected variant (no limiter, naive
 * retries, contention 10% per piece in service, an autoscaler with a 1-minute warm-up) with the
 * random balancer (hybrid fidelity refuses balancers that weigh a client's own requests in flight).
 * The storm (2.5× for 4 minutes) fills every queue; every attempt then times out and is retried
 * four times, and the collapse outlives the storm until capacity has tripled and warmed up.
 *
 * Full per-request runs on seeds 23, 6, 7: availability 0.2204, 0.2229, 0.2256; the collapse ends
 * at 518, 509, 506 s. Hybrid at 10% on the same seeds: 0.2346, 0.2321, 0.2285; 513, 510, 517 s.
 * The collapse and its end agree within about a window; availability is within 0.015, not the
 * 0.0005 of quieter cases (where the collapse begins, the fluid follows the sample's rates with a
 * lag of about its window). Client-observed p50 is no measure here: with half the requests shed
 * at once and a quarter timed out, it falls on the edge between the two (7 ms full, 54 ms hybrid,
 * from 56% shed against 48%); the successes' latency is compared instead. About 25 s of CPU.
 */
const SCENARIO = `
seed: 23
duration: 10m
cluster:
  regions:
    - { name: us-east-1, zones: [us-east-1a, us-east-1b, us-east-1c], nodesPerZone: 1, replicationFactor: 3 }
  consistency: { read: LOCAL_QUORUM, write: LOCAL_QUORUM }
  node:
    concurrency: 4
    queueLimit: 1024
    contention: 0.1
    gc: { interval: { dist: exponential, mean: 5s }, pause: { dist: uniform, min: 20ms, max: 40ms } }
  signals: { target: 10ms, max: 200ms }
  autoscaling: { scaleOutAbove: 70%, scaleInBelow: 20%, detection: 30s, provisioning: 2m, warmup: 1m, cooldown: 3m, step: 4, min: 4, max: 16 }
workload: { rate: 1650/s, mix: { GET: 90%, PUT: 10% } }
clients:
  perZone: 1
  balancer: random
  retries: { maxAttempts: 4, baseFactor: 0.01, cap: 1ms, jitter: none }
faults:
  timeline:
    - { at: 2m, for: 4m, kind: retryStorm, all: true, factor: 2.5 }
slo:
  GET: { p99: 25ms, errorRate: 1% }
  PUT: { p99: 25ms, errorRate: 1% }
`;

function outcome(sample?: number): ScenarioOutcome {
  const s = loadScenarioText(sample === undefined ? SCENARIO : `${SCENARIO}\nfidelity: { sample: ${sample} }\n`, "collapse.yaml");
  return simulate(s.base.config, s.seed).outcome as ScenarioOutcome;
}

/** The collapse: the one episode longer than a minute. */
const collapse = (o: ScenarioOutcome) => o.episodes.list.filter((e) => e.durationS > 60);

describe("hybrid fidelity in an overload collapse", () => {
  test("the same collapse, starting and ending within one window, availability within 0.02, the successes' p50 within 5%", () => {
    const full = outcome();
    const hybrid = outcome(0.1);
    expect(collapse(full)).toHaveLength(1);
    expect(collapse(hybrid)).toHaveLength(1);
    const [f] = collapse(full);
    const [h] = collapse(hybrid);
    expect(Math.abs(h.startS - f.startS)).toBeLessThanOrEqual(10);
    expect(Math.abs(h.endS - f.endS)).toBeLessThanOrEqual(10);
    expect(Math.abs(hybrid.availability - full.availability)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(hybrid.successLatencyMs.all!.p50 - full.successLatencyMs.all!.p50)).toBeLessThanOrEqual(0.05 * full.successLatencyMs.all!.p50);
  });
});
