import { assertMicros, type Micros } from "../../engine/time.js";

/** Parameters of {@link OutlierEjector}. */
export interface OutlierEjectorConfig {
  /** How far back (µs) samples count. */
  readonly window: Micros;
  /** Eject a node whose mean latency exceeds this multiple of the median node's (≥ 1). */
  readonly latencyFactor: number;
  /** Eject a node whose share of failed samples exceeds this (in [0, 1]). */
  readonly errorRate: number;
  /** Samples a node needs in the window before it is judged, or counts towards the median (≥ 1). */
  readonly minSamples: number;
  /** Most of the nodes that may be out at once, as a share of them all (in [0, 1]). */
  readonly maxEjectedShare: number;
  /** Slots the window is kept in (whole, ≥ 1; default 10): the window's resolution. */
  readonly slots?: number;
}

/** Per node, the window as a ring of slots, each with the absolute slot index it holds. */
interface NodeWindow {
  readonly slot: Float64Array;
  readonly count: Float64Array;
  readonly latency: Float64Array;
  readonly errors: Float64Array;
}

interface Judged {
  readonly node: number;
  readonly severity: number;
}

/**
 * Outlier ejection in the manner of Envoy's, fed samples with no clock of its own. Per node it
 * streams samples into a sliding window of `slots` slots of ⌈window/slots⌉ µs each (the window at
 * `now` is the slot holding `now` and the slots − 1 before it, so it reaches back between
 * window − ⌈window/slots⌉ and window µs), keeping a count, a latency sum and an error count per
 * slot. A node with at least `minSamples` samples in the window is an outlier when its error share
 * exceeds `errorRate` or its mean latency (failed samples included) exceeds `latencyFactor` × the
 * median of the judged nodes' means (the middle one, or the mean of the two middle ones).
 */
export class OutlierEjector {
  readonly #config: Required<OutlierEjectorConfig>;
  readonly #width: Micros;
  readonly #nodes: Array<NodeWindow | undefined> = [];

  constructor(config: OutlierEjectorConfig) {
    const { window, latencyFactor, errorRate, minSamples, maxEjectedShare, slots = 10 } = config;
    assertMicros(window, "outlier ejector: window");
    if (window < 1) throw new RangeError("outlier ejector: window must be at least 1 µs");
    if (!(Number.isFinite(latencyFactor) && latencyFactor >= 1)) throw new RangeError(`outlier ejector: latencyFactor must be a number >= 1, got ${latencyFactor}`);
    if (!(errorRate >= 0 && errorRate <= 1)) throw new RangeError(`outlier ejector: errorRate must be in [0, 1], got ${errorRate}`);
    if (!Number.isSafeInteger(minSamples) || minSamples < 1) throw new RangeError(`outlier ejector: minSamples must be a whole number >= 1, got ${minSamples}`);
    if (!(maxEjectedShare >= 0 && maxEjectedShare <= 1)) throw new RangeError(`outlier ejector: maxEjectedShare must be in [0, 1], got ${maxEjectedShare}`);
    if (!Number.isSafeInteger(slots) || slots < 1) throw new RangeError(`outlier ejector: slots must be a whole number >= 1, got ${slots}`);
    this.#config = { window, latencyFactor, errorRate, minSamples, maxEjectedShare, slots };
    this.#width = Math.ceil(window / slots);
  }

  /**
   * Records one response from `node` at `now` µs: its latency in µs and whether it succeeded.
   * Samples may come out of order; one a full window older than a sample already recorded for the
   * same node is dropped.
   */
  record(node: number, now: Micros, latencyUs: number, ok: boolean): void {
    if (!Number.isSafeInteger(node) || node < 0) throw new RangeError(`outlier ejector: node must be a whole number >= 0, got ${node}`);
    if (!(Number.isFinite(latencyUs) && latencyUs >= 0)) throw new RangeError(`outlier ejector: latency must be a finite number of µs >= 0, got ${latencyUs}`);
    assertMicros(now, "outlier ejector: now");
    const w = (this.#nodes[node] ??= newWindow(this.#config.slots));
    const slot = Math.floor(now / this.#width);
    const at = slot % this.#config.slots;
    if (w.slot[at] > slot) return; // the node's window has already moved past this late sample
    if (w.slot[at] !== slot) {
      w.slot[at] = slot;
      w.count[at] = w.latency[at] = w.errors[at] = 0;
    }
    w.count[at]++;
    w.latency[at] += latencyUs;
    if (!ok) w.errors[at]++;
  }

  /**
   * Nodes among `healthyNodes` (distinct, not ejected) to eject at `now`, worst first: ranked by
   * how many times over its limit a node is (the larger of error share / errorRate and mean latency
   * / (latencyFactor × median)), ties by lower node index. At most ⌊maxEjectedShare × totalNodes⌋
   * nodes may be out at once, counting the totalNodes − healthyNodes.length already out
   * (`totalNodes` defaults to healthyNodes.length, which caps only this call).
   */
  evaluate(now: Micros, healthyNodes: readonly number[], totalNodes = healthyNodes.length): number[] {
    assertMicros(now, "outlier ejector: now");
    if (!Number.isSafeInteger(totalNodes) || totalNodes < healthyNodes.length) {
      throw new RangeError(`outlier ejector: totalNodes must be a whole number >= ${healthyNodes.length} healthy nodes, got ${totalNodes}`);
    }
    // The epsilon keeps e.g. 0.29 × 100 = 28.999999999999996 from rounding down to 28.
    const budget = Math.floor(this.#config.maxEjectedShare * totalNodes + 1e-9) - (totalNodes - healthyNodes.length);
    if (budget <= 0) return [];
    const stats = this.#judgeable(now, healthyNodes);
    if (stats.length === 0) return [];
    const limit = this.#config.latencyFactor * median(stats.map((s) => s.mean));
    const outliers: Judged[] = [];
    for (const { node, mean, errorShare } of stats) {
      const { errorRate } = this.#config;
      if (errorShare <= errorRate && mean <= limit) continue;
      outliers.push({ node, severity: Math.max(ratio(errorShare, errorRate), ratio(mean, limit)) });
    }
    outliers.sort((a, b) => b.severity - a.severity || a.node - b.node);
    return outliers.slice(0, budget).map((o) => o.node);
  }

  /** Drops everything recorded for `node` (say when it is restarted or let back in). */
  forget(node: number): void {
    this.#nodes[node] = undefined;
  }

  /** Window totals of the nodes in `nodes` with at least minSamples samples, in the order given. */
  #judgeable(now: Micros, nodes: readonly number[]): Array<{ node: number; mean: number; errorShare: number }> {
    const current = Math.floor(now / this.#width);
    const oldest = current - this.#config.slots + 1;
    const out: Array<{ node: number; mean: number; errorShare: number }> = [];
    for (const node of nodes) {
      if (!Number.isSafeInteger(node) || node < 0) throw new RangeError(`outlier ejector: node must be a whole number >= 0, got ${node}`);
      const w = this.#nodes[node];
      if (!w) continue;
      let count = 0;
      let latency = 0;
      let errors = 0;
      for (let i = 0; i < this.#config.slots; i++) {
        if (w.slot[i] < oldest || w.slot[i] > current) continue;
        count += w.count[i];
        latency += w.latency[i];
        errors += w.errors[i];
      }
      if (count >= this.#config.minSamples) out.push({ node, mean: latency / count, errorShare: errors / count });
    }
    return out;
  }
}

function newWindow(slots: number): NodeWindow {
  return {
    slot: new Float64Array(slots).fill(-1),
    count: new Float64Array(slots),
    latency: new Float64Array(slots),
    errors: new Float64Array(slots),
  };
}

/** The median of a non-empty list: the middle value, or the mean of the two middle ones. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** How many times over `limit` a value is (Infinity for a positive value over a zero limit). */
function ratio(value: number, limit: number): number {
  return limit > 0 ? value / limit : value > 0 ? Infinity : 0;
}
