/** Parameters of {@link HealthTracker}. */
export interface HealthTrackerOptions {
  /** Client samples (responses from any node) after which old evidence weighs half (> 0). */
  readonly halfLife: number;
}

/**
 * Per node, what one client has recently seen of it, as a penalty ≥ 1 (1 is healthy) that a
 * balancer can multiply into its score. Every response to the client (from any node) ages all
 * records by d = 2^(−1/halfLife); no clock. Per node n it keeps decayed sums of errors E, responses
 * S and latency T, and overall the decayed latency mean L over all nodes. Then
 *
 *   error share  e = E / (S + 1)
 *   latency      ℓ = (T + L) / (S + 1)
 *   penalty      = max(1, ℓ / L) / (1 − e)
 *
 * i.e. relative latency × expected attempts per success. The + 1 is one pseudo-response that is
 * a success at the overall mean latency: a single error from a fresh node gives e = 1/2 (penalty
 * 2), not certainty; e < 1, so the penalty stays finite (at most about 1.44·halfLife + 1); and a
 * node that gets no traffic (as a penalised one may not) drifts back to 1 as its evidence ages,
 * its excess penalty halving every halfLife client responses, so it is tried again. A halfLife of
 * about ten times the node count gives each node some ten responses per half-life.
 */
export class HealthTracker {
  /**
   * Penalty of each node, a live view usable as `PickContext.health`: exact for a node when it
   * has just responded and for every node at each sweep (every ⌈halfLife/8⌉ responses), so in
   * between an idle node's excess penalty is at most 2^(1/8) − 1 ≈ 9 % stale.
   */
  readonly penalties: Float64Array;
  readonly #decay: number;
  readonly #sweepEvery: number;
  readonly #errors: Float64Array;
  readonly #samples: Float64Array;
  readonly #latency: Float64Array;
  /** The response count at which each node's sums were last aged. */
  readonly #asOf: Float64Array;
  #count = 0;
  #allSamples = 0;
  #allLatency = 0;

  constructor(nodeCount: number, { halfLife }: HealthTrackerOptions) {
    if (!Number.isSafeInteger(nodeCount) || nodeCount < 0) {
      throw new RangeError(`health tracker: nodeCount must be a whole number >= 0, got ${nodeCount}`);
    }
    if (!(Number.isFinite(halfLife) && halfLife > 0)) {
      throw new RangeError(`health tracker: halfLife must be a number of samples > 0, got ${halfLife}`);
    }
    this.#decay = 2 ** (-1 / halfLife);
    this.#sweepEvery = Math.max(1, Math.ceil(halfLife / 8));
    this.penalties = new Float64Array(nodeCount).fill(1);
    this.#errors = new Float64Array(nodeCount);
    this.#samples = new Float64Array(nodeCount);
    this.#latency = new Float64Array(nodeCount);
    this.#asOf = new Float64Array(nodeCount);
  }

  /** Records one response from `node`: whether it succeeded, and its latency in µs (≥ 0). */
  record(node: number, ok: boolean, latencyUs: number): void {
    if (!(node >= 0 && node < this.penalties.length) || !Number.isInteger(node)) throw new RangeError(`health tracker: no node ${node}`);
    if (!(Number.isFinite(latencyUs) && latencyUs >= 0)) throw new RangeError(`latency must be a finite number of µs >= 0, got ${latencyUs}`);
    this.#count++;
    this.#allSamples = this.#allSamples * this.#decay + 1;
    this.#allLatency = this.#allLatency * this.#decay + latencyUs;
    this.#age(node);
    if (!ok) this.#errors[node] += 1;
    this.#samples[node] += 1;
    this.#latency[node] += latencyUs;
    if (this.#count % this.#sweepEvery === 0) {
      for (let n = 0; n < this.penalties.length; n++) this.penalty(n);
    } else {
      this.penalty(node);
    }
  }

  /** The current penalty of `node` (≥ 1, 1 when healthy), exact; also refreshes `penalties[node]`. */
  penalty(node: number): number {
    this.#age(node);
    const samples = this.#samples[node];
    const overall = this.#allLatency / this.#allSamples;
    const share = this.#errors[node] / (samples + 1);
    const latency = (this.#latency[node] + overall) / (samples + 1);
    const slowdown = overall > 0 ? Math.max(1, latency / overall) : 1;
    const penalty = slowdown / (1 - share);
    this.penalties[node] = penalty;
    return penalty;
  }

  /** Ages `node`'s sums to the current response count. */
  #age(node: number): void {
    const elapsed = this.#count - this.#asOf[node];
    if (elapsed === 0) return;
    const factor = this.#decay ** elapsed;
    this.#errors[node] *= factor;
    this.#samples[node] *= factor;
    this.#latency[node] *= factor;
    this.#asOf[node] = this.#count;
  }
}
