import { checkLimitBounds, type Limit } from "./limit.js";

/** Parameters of {@link aimdLimit}. */
export interface AimdConfig {
  /** Starting limit, requests (min ≤ initial ≤ max). */
  readonly initial: number;
  /** Floor, requests (≥ 1). */
  readonly min: number;
  /** Ceiling, requests (finite). */
  readonly max: number;
  /** Factor applied on a drop or a slow sample, in (0, 1), e.g. 0.9. */
  readonly backoff: number;
  /** A sample slower than this (µs, > 0) counts as a drop. */
  readonly timeout: number;
}

/**
 * Additive increase, multiplicative decrease: +1 per good sample while the limit is in use
 * (inflight·2 ≥ limit, so an idle server does not inflate it), ×backoff (floored to whole
 * requests) on a drop or an rtt above `timeout`; always clamped to [min, max].
 */
export function aimdLimit({ initial, min, max, backoff, timeout }: AimdConfig): Limit {
  checkLimitBounds("aimd limit", initial, min, max);
  if (!(backoff > 0 && backoff < 1)) throw new RangeError(`aimd limit: backoff must be in (0, 1), got ${backoff}`);
  if (!(timeout > 0)) throw new RangeError(`aimd limit: timeout must be > 0 µs, got ${timeout}`);
  let current = initial;
  return {
    get current() {
      return current;
    },
    onSample({ rtt, inflight, dropped }) {
      if (dropped || rtt > timeout) current = Math.floor(current * backoff);
      else if (inflight * 2 >= current) current += 1;
      current = Math.min(max, Math.max(min, current));
    },
  };
}
