import type { Micros } from "../../engine/time.js";
import type { HedgeDelaySpec } from "../config.js";

/** Sub-buckets per power of two of the latency histogram: a bucket's upper edge is within 3.2 % above any latency in it. */
const PER_OCTAVE = 32;
/** Octaves from 1 µs: 2^40 µs is 12 days, beyond any request. */
const OCTAVES = 40;
/** Samples between two recomputations of a slot's percentile (it is read at every hedge armed). */
const REFRESH = 32;

/** The bucket of a latency of `us` ≥ 0 µs (0 and 1 µs share bucket 0). */
const bucketOf = (us: number): number => {
  if (us < 1) return 0;
  const octave = Math.min(OCTAVES - 1, Math.floor(Math.log2(us)));
  const sub = Math.min(PER_OCTAVE - 1, Math.floor((us / 2 ** octave - 1) * PER_OCTAVE));
  return octave * PER_OCTAVE + sub;
};
/** The upper edge of bucket `b`, µs: a percentile delay is never below the latencies it stands for (else a fast mode would all be hedged). */
const upperEdge = (b: number): number => 2 ** Math.floor(b / PER_OCTAVE) * (1 + ((b % PER_OCTAVE) + 1) / PER_OCTAVE);

/**
 * The hedge delays other than target − average: a fixed delay, or a percentile of the latencies
 * the client has seen so far per (namespace, op), from a log-linear histogram per slot (allocated
 * at its first sample, recomputed every 32 samples). Until `minSamples` are in, a percentile
 * policy hedges at the target, as target − average does.
 */
export class HedgeDelayPolicy {
  readonly #spec: Exclude<HedgeDelaySpec, "targetMinusAverage">;
  readonly #minSamples: number;
  readonly #counts: (Uint32Array | undefined)[];
  readonly #samples: number[];
  readonly #value: number[];

  constructor(spec: Exclude<HedgeDelaySpec, "targetMinusAverage">, slots: number, minSamples: number) {
    if ("percentile" in spec && !(spec.percentile > 0 && spec.percentile < 100)) throw new RangeError(`hedge percentile must be in (0, 100), got ${spec.percentile}`);
    if ("fixed" in spec && !(Number.isSafeInteger(spec.fixed) && spec.fixed >= 1)) throw new RangeError(`fixed hedge delay must be a whole number of µs >= 1, got ${spec.fixed}`);
    this.#spec = spec;
    this.#minSamples = minSamples;
    this.#counts = new Array<Uint32Array | undefined>(slots).fill(undefined);
    this.#samples = new Array<number>(slots).fill(0);
    this.#value = new Array<number>(slots).fill(0);
  }

  /** The delay (whole µs ≥ 1) before hedging a request of `slot` whose target is `target`. */
  delay(slot: number, target: Micros): Micros {
    const spec = this.#spec;
    if ("fixed" in spec) return spec.fixed;
    if (this.#samples[slot] < Math.max(1, this.#minSamples)) return target;
    return Math.max(1, Math.round(this.#value[slot]));
  }

  /** A request of `slot` succeeded after `latency` µs (only a percentile policy keeps it). */
  record(slot: number, latency: Micros): void {
    const spec = this.#spec;
    if (!("percentile" in spec)) return;
    const counts = (this.#counts[slot] ??= new Uint32Array(OCTAVES * PER_OCTAVE));
    counts[bucketOf(latency)]++;
    const n = ++this.#samples[slot];
    if (n <= REFRESH || n % REFRESH === 0) this.#value[slot] = quantile(counts, n, spec.percentile / 100);
  }
}

/** The upper edge of the bucket holding the ⌈q·n⌉-th smallest of `n` samples. */
export function quantile(counts: Uint32Array, n: number, q: number): number {
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (let b = 0; b < counts.length; b++) {
    seen += counts[b];
    if (seen >= rank) return upperEdge(b);
  }
  return upperEdge(counts.length - 1);
}
