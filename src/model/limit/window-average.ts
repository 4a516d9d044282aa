/**
 * Exponential average of samples over about `window` of them (weight 2/(window + 1); window 1
 * keeps the last sample). Until `window` samples have come it is close to their plain mean (weight
 * 1/count while that is larger), so the first samples carry no bias towards zero.
 */
export class WindowAverage {
  /** The average now; 0 before any sample. */
  value = 0;
  #count = 0;
  readonly #weight: number;

  constructor(window: number) {
    if (!(window >= 1 && Number.isFinite(window))) throw new RangeError(`window average: window must be finite and >= 1 samples, got ${window}`);
    this.#weight = 2 / (window + 1);
  }

  /** Samples added so far. */
  get count(): number {
    return this.#count;
  }

  /** Adds one sample and returns the new average. */
  add(sample: number): number {
    const weight = Math.max(this.#weight, 1 / ++this.#count);
    this.value += weight * (sample - this.value);
    return this.value;
  }
}
