import { makeSampler } from "../../engine/sampler.js";
import type { RandomStreams } from "../../engine/random-streams.js";
import type { Micros } from "../../engine/time.js";
import { OPS, type FidelityConfig, type NodeConfig } from "../config.js";

/** How many draws estimate each service distribution's first two moments (once per run). */
const MOMENT_DRAWS = 200_000;
/** Per zone: rates of sampled arrivals, and of their CPU, disk, CPU², CPU·disk and disk² demand. */
const RATES = 6;

/** The load a node carries now, background and sample together (see `FluidLoad.at`). */
export interface NodeLoad {
  /** Offered work in slots: arrival rate × mean service time. */
  offered: number;
  /** Mean service time, µs. */
  meanService: number;
  /** Squared coefficient of variation of service time. */
  scv: number;
}

/**
 * Hybrid fidelity's background traffic. Only a sampled share `s` of the requests is simulated one
 * by one; the rest is carried as fluid load on the same servers. Each zone estimates the rate at
 * which sampled work reaches its live nodes (an exponentially weighted rate over `window`, bias
 * corrected at the start), with the first two moments of that work's service demand; divided by
 * `s` and by the zone's live nodes, that is every node's total offered load. Retries, hedges,
 * evacuations and a lost zone's traffic moving elsewhere all reach the fluid this way, because
 * they reach the sample first. Pure arithmetic on event times: no events of its own.
 */
export class FluidLoad {
  readonly sample: number;
  readonly #tau: Micros;
  readonly #rates: Float64Array;
  readonly #since: Float64Array;
  readonly #up: Int32Array;
  /** Per op: E[C], E[C²], E[D], E[D²] of CPU time C and the healthy disk time D of its accesses. */
  readonly #moments: Float64Array;
  /** Each piece of work in service slows the others by this share (see `NodeConfig.contention`). */
  readonly contention: number;
  /** Node-time the fluid has accounted, and of it the time offered load was at 90% of the slots or more, µs. */
  accountedTime = 0;
  nearSaturationTime = 0;

  constructor(config: FidelityConfig, node: NodeConfig, zoneNodes: readonly number[], streams: RandomStreams) {
    this.sample = config.sample;
    this.#tau = config.window;
    this.#rates = new Float64Array(zoneNodes.length * RATES);
    this.#since = new Float64Array(zoneNodes.length);
    this.#up = Int32Array.from(zoneNodes);
    this.contention = node.contention;
    this.#moments = serviceMoments(node, streams);
  }

  /** `dt` of one node's time accounted, near saturation or not: where the fluid is weakest (README). */
  account(dt: Micros, near: boolean): void {
    this.accountedTime += dt;
    if (near) this.nearSaturationTime += dt;
  }

  /** A node of `zone` went down or came back: the zone's sampled work is spread over its live nodes. */
  nodeDown(zone: number): void {
    this.#up[zone]--;
  }

  nodeUp(zone: number): void {
    this.#up[zone]++;
  }

  /** A sampled piece of work of `op` reached a live node of `zone` at `now`. */
  arrived(zone: number, op: number, now: Micros): void {
    const base = zone * RATES;
    this.#decay(zone, now);
    const m = this.#moments;
    const o = op * 4;
    const r = this.#rates;
    const w = 1 / this.#tau;
    r[base] += w;
    r[base + 1] += m[o] * w;
    r[base + 2] += m[o + 2] * w;
    r[base + 3] += m[o + 1] * w;
    r[base + 4] += m[o] * m[o + 2] * w;
    r[base + 5] += m[o + 3] * w;
  }

  /**
   * The total load on one live node of `zone` now, background and sample, with its disk `factor`,
   * before contention and warm-up stretch its service (see `NodeFluid`): zero offered while
   * nothing has been seen yet. `out` is filled and returned.
   */
  at(zone: number, now: Micros, factor: number, out: NodeLoad): NodeLoad {
    this.#decay(zone, now);
    const base = zone * RATES;
    const r = this.#rates;
    // Bias correction: the weights of an exponential average that started at 0 sum to 1 − e^(−t/τ).
    // Not below one half: a correction by more would magnify the first few arrivals' noise, and
    // an estimate far too high at the start can tip a system that has retry storms in it.
    const seen = Math.max(0.5, 1 - Math.exp(-now / this.#tau));
    const count = r[base];
    const per = seen > 0 && this.#up[zone] > 0 ? 1 / (seen * this.sample * this.#up[zone]) : 0;
    if (!(count > 0) || per === 0) {
      out.offered = 0;
      out.meanService = 0;
      out.scv = 1;
      return out;
    }
    const mean = (r[base + 1] + factor * r[base + 2]) / count;
    const second = (r[base + 3] + 2 * factor * r[base + 4] + factor * factor * r[base + 5]) / count;
    out.offered = count * per * mean;
    out.meanService = mean;
    out.scv = mean > 0 ? Math.max(0, second / (mean * mean) - 1) : 1;
    return out;
  }

  #decay(zone: number, now: Micros): void {
    const dt = now - this.#since[zone];
    if (dt <= 0) return;
    this.#since[zone] = now;
    const f = Math.exp(-dt / this.#tau);
    const base = zone * RATES;
    for (let i = 0; i < RATES; i++) this.#rates[base + i] *= f;
  }
}

/** First two moments of each op's CPU time and healthy disk time, estimated once from a stream of their own. */
function serviceMoments(node: NodeConfig, streams: RandomStreams): Float64Array {
  const moments = new Float64Array(OPS.length * 4);
  const disk = makeSampler(node.disk, streams.stream("fidelity/moments/disk"));
  let d1 = 0;
  let d2 = 0;
  for (let i = 0; i < MOMENT_DRAWS; i++) {
    const x = disk();
    d1 += x;
    d2 += x * x;
  }
  d1 /= MOMENT_DRAWS;
  const dVar = Math.max(0, d2 / MOMENT_DRAWS - d1 * d1);
  OPS.forEach((op, o) => {
    const cpu = makeSampler(node.cpu[op], streams.stream(`fidelity/moments/cpu/${op}`));
    let c1 = 0;
    let c2 = 0;
    for (let i = 0; i < MOMENT_DRAWS; i++) {
      const x = cpu();
      c1 += x;
      c2 += x * x;
    }
    const reads = node.diskReads[op];
    moments[o * 4] = c1 / MOMENT_DRAWS;
    moments[o * 4 + 1] = c2 / MOMENT_DRAWS;
    moments[o * 4 + 2] = reads * d1;
    // A sum of `reads` independent accesses: variance adds.
    moments[o * 4 + 3] = reads * dVar + reads * reads * d1 * d1;
  });
  return moments;
}

/**
 * Erlang's C formula: the probability that an arrival to an M/M/c queue with `offered` load
 * (arrival rate × mean service, in servers) waits, for offered < c; 1 at or above c.
 */
export function erlangC(c: number, offered: number): number {
  if (offered >= c) return 1;
  if (offered <= 0) return 0;
  // Erlang B by its recurrence B(k) = a B(k−1) / (k + a B(k−1)), which never overflows.
  let b = 1;
  for (let k = 1; k <= c; k++) b = (offered * b) / (k + offered * b);
  const rho = offered / c;
  return b / (1 - rho * (1 - b));
}
