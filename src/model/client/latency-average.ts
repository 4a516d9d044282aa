/** Parameters of {@link LatencyAverage}. */
export interface LatencyAverageOptions {
  /** Samples after which an old sample's weight has halved (> 0). */
  readonly halfLife: number;
}

/**
 * Exponentially weighted moving average of latency samples in µs, decaying by sample count (no
 * clock). With a half-life of h samples each new sample has weight w = 1 − 2^(−1/h), so a sample
 * h samples old weighs half as much as the newest: value ← value + w·(sample − value). The first
 * sample is taken as is, so the average carries no bias towards zero.
 */
export class LatencyAverage {
  /** Weight of each new sample: 1 − 2^(−1/halfLife). */
  readonly weight: number;
  #value = Number.NaN;
  #count = 0;

  constructor({ halfLife }: LatencyAverageOptions) {
    if (!(Number.isFinite(halfLife) && halfLife > 0)) {
      throw new RangeError(`latency average: halfLife must be a number of samples > 0, got ${halfLife}`);
    }
    this.weight = 1 - 2 ** (-1 / halfLife);
  }

  /** Adds one latency sample (µs, finite, ≥ 0). */
  record(us: number): void {
    if (!(Number.isFinite(us) && us >= 0)) throw new RangeError(`latency must be a finite number of µs >= 0, got ${us}`);
    this.#value = this.#count === 0 ? us : this.#value + this.weight * (us - this.#value);
    this.#count++;
  }

  /** The average in µs (fractional); NaN before any sample. */
  get value(): number {
    return this.#value;
  }

  /** Samples recorded so far. */
  get count(): number {
    return this.#count;
  }
}
