import type { Source } from "../../engine/random-streams.js";

/** Jitter strategies for retry backoff (names as in the AWS Architecture Blog's "Exponential Backoff And Jitter"). */
export const JITTERS = ["none", "full", "equal", "decorrelated"] as const;

/** One of {@link JITTERS}. */
export type Jitter = (typeof JITTERS)[number];

/** Parameters of {@link retryDelay}. */
export interface BackoffOptions {
  /** Delay before the first retry without jitter, whole µs ≥ 1. */
  readonly base: number;
  /** Largest delay, whole µs ≥ 1 (a cap below base is allowed: it bounds every delay all the same). */
  readonly cap: number;
  /** How the exponential delay is randomised. */
  readonly jitter: Jitter;
}

function checkOptions(attempt: number, { base, cap }: BackoffOptions): void {
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new RangeError(`retry attempt must be a whole number >= 1, got ${attempt}`);
  if (!Number.isSafeInteger(base) || base < 1) throw new RangeError(`backoff base must be a whole number of µs >= 1, got ${base}`);
  if (!Number.isSafeInteger(cap) || cap < 1) throw new RangeError(`backoff cap must be a whole number of µs >= 1, got ${cap}`);
}

/**
 * Delay in whole µs (≥ 1) before retry number `attempt` (1 is the first retry). With
 * e = min(cap, base·2^(attempt−1)): `none` waits e (no draw); `full` uniform in [0, e); `equal`
 * e/2 + uniform in [0, e/2); `decorrelated` min(cap, uniform in [base, 3·previous)), where
 * `previous` is the delay returned for the previous retry and is taken as base for the first.
 * Jittered delays draw once from `source`, and are rounded down, then raised to 1 µs if below.
 */
export function retryDelay(attempt: number, options: BackoffOptions, previous: number, source: Source): number {
  checkOptions(attempt, options);
  const { base, cap, jitter } = options;
  const exponential = Math.min(cap, base * 2 ** (attempt - 1));
  switch (jitter) {
    case "none":
      return exponential;
    case "full":
      return Math.max(1, Math.floor(source() * exponential));
    case "equal":
      return Math.max(1, Math.floor(exponential / 2 + source() * (exponential / 2)));
    case "decorrelated": {
      const last = attempt === 1 ? base : previous;
      if (!(Number.isFinite(last) && last >= 0)) throw new RangeError(`previous retry delay must be a number of µs >= 0, got ${last}`);
      const high = Math.max(base, 3 * last);
      return Math.max(1, Math.min(cap, Math.floor(base + source() * (high - base))));
    }
    default: {
      const unknown: never = jitter;
      throw new RangeError(`unknown jitter ${String(unknown)}`);
    }
  }
}
