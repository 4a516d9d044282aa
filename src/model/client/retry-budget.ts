/** Parameters of {@link RetryBudget}. */
export interface RetryBudgetOptions {
  /** Tokens earned per request (≥ 0; resolution 10^−6): the long-run share of requests that may be retried. */
  readonly ratio: number;
  /** Bucket size in tokens (≥ 1): the burst of retries allowed after a quiet spell. */
  readonly maxTokens: number;
}

/** Tokens are counted in millionths so that earning `ratio` many times adds up exactly. */
const SCALE = 1_000_000;

/**
 * A token bucket for retries, starting full: each request earns `ratio` tokens (up to
 * `maxTokens`), each retry spends one, and a retry with less than one token is refused (a value,
 * not an exception). However long an outage lasts, retries granted ≤ ratio × requests + maxTokens,
 * so the offered load stays ≤ (1 + ratio) × first attempts plus a bounded burst, instead of the
 * (1 + retries per request)× of a retry storm. Unlike Finagle's budget there is no
 * `minRetriesPerSec` floor: that needs a clock, and this policy is fed events only.
 */
export class RetryBudget {
  readonly #earn: number;
  readonly #max: number;
  #tokens: number;
  #granted = 0;
  #refused = 0;

  constructor({ ratio, maxTokens }: RetryBudgetOptions) {
    if (!(Number.isFinite(ratio) && ratio >= 0)) throw new RangeError(`retry budget: ratio must be a number >= 0, got ${ratio}`);
    if (!(Number.isFinite(maxTokens) && maxTokens >= 1)) {
      throw new RangeError(`retry budget: maxTokens must be a number >= 1, got ${maxTokens}`);
    }
    this.#earn = Math.round(ratio * SCALE);
    this.#max = Math.round(maxTokens * SCALE);
    this.#tokens = this.#max;
  }

  /** Records one request (a first attempt), earning `ratio` tokens. */
  onRequest(): void {
    this.#tokens = Math.min(this.#max, this.#tokens + this.#earn);
  }

  /** Spends one token for a retry if there is one; whether the retry may go ahead. */
  tryRetry(): boolean {
    if (this.#tokens >= SCALE) {
      this.#tokens -= SCALE;
      this.#granted++;
      return true;
    }
    this.#refused++;
    return false;
  }

  /** Tokens in the bucket now (fractional). */
  get tokens(): number {
    return this.#tokens / SCALE;
  }

  /** Retries granted so far. */
  get granted(): number {
    return this.#granted;
  }

  /** Retries refused so far. */
  get refused(): number {
    return this.#refused;
  }
}
