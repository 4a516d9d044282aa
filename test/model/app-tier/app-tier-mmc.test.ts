import { describe, expect, test } from "vitest";
import { simulate } from "../../../src/experiment/simulate.js";
import { loadScenarioText } from "../../../src/scenario/load-scenario.js";

/**
 * The app tier against M/M/c: one app server of c = 4 slots, exponential service of mean
 * 1/μ = 10 ms, Poisson arrivals at λ = ρ·c·μ, a queue that never sheds; the store behind it is
 * a pool node answering in 10 µs over 0 µs links. Erlang C gives P(wait) = C(c, a) with
 * a = λ/μ, the mean wait Wq = C/(cμ − λ) and utilisation ρ; the client-observed mean latency is
 * Wq + 1/μ + the store's 10 µs.
 *
 * Tolerances: over seeds 1–6 of these 300 s runs the standard deviations were about 0.006
 * (P(wait)), 0.003 (utilisation), 5% (Wq) and 2.3% (mean latency, at ρ = 0.8); each bound is
 * about 3 of them or more.
 */
function run(rho: number, seed: number) {
  const text = `
duration: 300s
seed: ${seed}
cluster:
  mode: pool
  regions: [{ name: r, zones: [z], nodesPerZone: 1 }]
  node: { concurrency: 1000, queueLimit: 1000, cpu: { GET: 10us }, diskReads: { GET: 0 } }
  network: { sameZone: 0, crossZone: 0, crossRegion: 0, bandwidth: 1000GB/s }
  signals: { max: 1h }
workload:
  rate: ${rho * 4 * 100}/s
  mix: { GET: 100% }
clients: { perZone: 1 }
appTier:
  perZone: 1
  concurrency: 4
  service: { dist: exponential, mean: 10ms }
  queueLimit: 1000000
slo: { window: 30s }
`;
  const s = loadScenarioText(text, "app-tier-mmc.yaml");
  return simulate(s.base.config, s.seed).outcome;
}

function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) * (1 / (1 - a / c));
  return top / (sum + top);
}

describe("the app tier is an M/M/c queue in front of the store", () => {
  for (const rho of [0.5, 0.8]) {
    test(`c = 4, ρ = ${rho}: P(wait), mean wait, utilisation and mean latency as Erlang C`, () => {
      const c = 4;
      const mu = 0.1; // per ms
      const lambda = rho * c * mu;
      const C = erlangC(c, lambda / mu);
      const wq = C / (c * mu - lambda);
      const o = run(rho, 11);
      expect(Math.abs(o.appTier!.waitedShare - C)).toBeLessThan(0.03);
      expect(Math.abs(o.appTier!.utilization - rho)).toBeLessThan(0.02);
      expect(Math.abs(o.appTier!.meanWaitMs - wq) / wq).toBeLessThan(0.15);
      expect(Math.abs(o.latencyMs.all!.mean - (wq + 10.01)) / (wq + 10.01)).toBeLessThan(0.07);
      expect(o.appTier!.shed).toBe(0);
    });
  }
});
