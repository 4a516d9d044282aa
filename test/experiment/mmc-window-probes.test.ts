import { describe, expect, test } from "vitest";
import { simulate, type SimulationResult } from "../../src/experiment/simulate.js";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";

/**
 * The per-window server columns against the M/M/c queue: one node of `c` slots in pool mode
 * (no replicas, no coordinator hop), exponential service of mean 1 ms, Poisson arrivals at
 * λ = ρ·c per ms, a queue that never sheds, network hops of 0 µs, no timeouts. Erlang C gives
 * the probability that an arrival waits, C(c, a) with a = λ/μ = ρc, and the time-average queue
 * length Lq = C·ρ/(1 − ρ); utilisation is ρ.
 *
 * Tolerances: over six seeds of these 120 s runs (4 windows of 30 s after a 10 s warm-up) the
 * standard deviations were about 0.4% (utilisation), 0.5% (P(wait)) and 2.5% (Lq: a queue's
 * time average converges slowly near saturation); each bound is about 3 of them.
 */
function run(c: number, rho: number, seed: number): SimulationResult {
  const text = `
duration: 130s
warmUp: 10s
seed: ${seed}
cluster:
  mode: pool
  regions: [{ name: r, zones: [z], nodesPerZone: 1 }]
  node:
    concurrency: ${c}
    queueLimit: 1000000
    cpu: { GET: { dist: exponential, mean: 1ms } }
    diskReads: { GET: 0 }
  network: { sameZone: 0, crossZone: 0, crossRegion: 0, bandwidth: 1000GB/s }
  signals: { max: 1h }
workload:
  rate: ${rho * c * 1000}/s
  mix: { GET: 100% }
clients: { perZone: 1 }
slo: { window: 30s }
`;
  const s = loadScenarioText(text, `mmc-${c}.yaml`);
  return simulate(s.base.config, s.seed);
}

/** Erlang C: the probability that an arrival to an M/M/c queue with offered load `a` = λ/μ waits. */
function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1; // Σ_{k<c} a^k / k!
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) * (1 / (1 - a / c)); // a^c / c! · 1/(1 − ρ)
  return top / (sum + top);
}

/** The run's column `name`, averaged over its windows (all of equal length here). */
function column(result: SimulationResult, name: string): number {
  const i = result.probeNames.indexOf(name);
  return result.windows.reduce((a, w) => a + w.probes[i], 0) / result.windows.length;
}

describe("Erlang C", () => {
  test("known values: M/M/1 waits with probability ρ; C(2, 1) = 1/3; C(4, 3.2) = 0.5964", () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(4, 3.2)).toBeCloseTo(0.5964, 4);
  });
});

describe("per-window queue length, probability of waiting and utilisation against M/M/c", () => {
  test.each([
    [1, 0.7, 11],
    [4, 0.8, 12],
  ])("M/M/%i at ρ = %f (seed %i): utilisation ρ within 1.5%, P(wait) = Erlang C within 2%, Lq within 8%", (c, rho, seed) => {
    const result = run(c, rho, seed);
    expect(result.windows.map((w) => (w.end - w.start) / 1e6)).toEqual([30, 30, 30, 30]);
    const pWait = erlangC(c, rho * c);
    const lq = (pWait * rho) / (1 - rho);
    const measured = { utilization: column(result, "utilization"), pWait: column(result, "p_wait"), lq: column(result, "queue_length") };
    // Measured with these seeds: M/M/1 0.7002, 0.7011 (0.7), 1.640 (1.633); M/M/4 0.8013, 0.6000 (0.5964), 2.490 (2.386).
    expect(Math.abs(measured.utilization - rho) / rho).toBeLessThan(0.015);
    expect(Math.abs(measured.pWait - pWait) / pWait).toBeLessThan(0.02);
    expect(Math.abs(measured.lq - lq) / lq).toBeLessThan(0.08);
  });
});
