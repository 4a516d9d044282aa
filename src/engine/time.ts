/**
 * Simulated time is a whole number of microseconds since the start of a run.
 * Integers keep event ordering exact; a double holds them exactly up to 2^53 µs (285 years).
 */
export type Micros = number;

export const MICROS_PER_MS = 1_000;
export const MICROS_PER_S = 1_000_000;
export const MICROS_PER_MIN = 60 * MICROS_PER_S;
export const MICROS_PER_HOUR = 60 * MICROS_PER_MIN;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

/** Whole µs for `n` milliseconds (rounded to the nearest µs). */
export function ms(n: number): Micros {
  return Math.round(n * MICROS_PER_MS);
}

/** Whole µs for `n` seconds (rounded to the nearest µs). */
export function seconds(n: number): Micros {
  return Math.round(n * MICROS_PER_S);
}

/** Milliseconds as a float, for reports. */
export function toMs(t: Micros): number {
  return t / MICROS_PER_MS;
}

/** Seconds as a float, for reports. */
export function toSeconds(t: Micros): number {
  return t / MICROS_PER_S;
}

/** Throws unless `t` is a whole, non-negative number of µs. */
export function assertMicros(t: number, what: string): void {
  if (!Number.isSafeInteger(t) || t < 0) {
    throw new RangeError(`${what} must be a whole, non-negative number of µs, got ${t}`);
  }
}
