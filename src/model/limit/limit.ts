/** One finished request, as a concurrency limit sees it. */
export interface LimitSample {
  /** Service plus queue time of the request at the server, µs (≥ 0). */
  readonly rtt: number;
  /** Requests in flight when it finished, itself included. */
  readonly inflight: number;
  /** Whether it was lost: shed, timed out or failed for want of capacity. */
  readonly dropped: boolean;
  /** When it finished, µs of simulated time. */
  readonly now: number;
}

/**
 * A concurrency-limit algorithm: a pure state machine fed one sample per finished request, with
 * no clock and no randomness of its own. `current` is a number of requests (may be fractional;
 * admission floors it) and stays within the algorithm's [min, max], min ≥ 1.
 */
export interface Limit {
  /** The limit now, in requests in flight (≥ 1, may be fractional). */
  readonly current: number;
  /** Updates the limit from one finished request; must not keep `sample`. */
  onSample(sample: LimitSample): void;
}

/** Throws a RangeError unless 1 ≤ min ≤ initial ≤ max, all finite. */
export function checkLimitBounds(what: string, initial: number, min: number, max: number): void {
  if (!(Number.isFinite(min) && Number.isFinite(max) && min >= 1 && min <= initial && initial <= max)) {
    throw new RangeError(`${what}: need 1 <= min <= initial <= max, all finite, got min ${min}, initial ${initial}, max ${max}`);
  }
}
