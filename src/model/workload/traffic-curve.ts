import type { Micros } from "../../engine/time.js";
import type { TrafficCurveConfig } from "../config.js";

/**
 * A rate over time read from data: knots (µs from the start of the run, requests per second),
 * joined by straight lines (`linear`) or held until the next knot (`step`). Past the last knot
 * the curve starts over (`repeat`, period = the last knot's time) or is 0.
 *
 * Internally rates are per µs and each segment carries its slope and the expected arrivals
 * before it (`cumulative`), so the integral of the rate between two instants is closed form
 * and an arrival process can invert it (see curve-clock.ts).
 */
export class TrafficCurve {
  /** Knot times, µs, strictly increasing, the first 0. */
  readonly times: Float64Array;
  /** Rate at each knot's start, per µs. */
  readonly rates: Float64Array;
  /** Per segment k (from knot k to k + 1): the rate's slope, per µs² (0 for step). */
  readonly slopes: Float64Array;
  /** Expected arrivals from 0 to knot k (rate 1 × the curve). */
  readonly cumulative: Float64Array;
  readonly repeat: boolean;
  /** The last knot's time: the curve's length, and its period when it repeats. */
  readonly span: Micros;

  constructor(config: TrafficCurveConfig) {
    const n = config.times.length;
    if (n < 2 || config.rates.length !== n) throw new RangeError(`a traffic curve needs at least 2 knots and one rate per knot, got ${n} times and ${config.rates.length} rates`);
    if (config.times[0] !== 0) throw new RangeError(`a traffic curve starts at 0, got ${config.times[0]}`);
    this.times = Float64Array.from(config.times);
    this.rates = Float64Array.from(config.rates, (r) => r / 1e6);
    this.slopes = new Float64Array(n);
    this.cumulative = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      if (!(this.rates[k] >= 0) || !Number.isFinite(this.rates[k])) throw new RangeError(`rates must be finite and >= 0, got ${config.rates[k]} at knot ${k}`);
      if (k === 0) continue;
      const length = this.times[k] - this.times[k - 1];
      if (!(length > 0)) throw new RangeError(`knot times must increase, got ${this.times[k - 1]} then ${this.times[k]}`);
      const slope = config.interpolate === "linear" ? (this.rates[k] - this.rates[k - 1]) / length : 0;
      this.slopes[k - 1] = slope;
      this.cumulative[k] = this.cumulative[k - 1] + length * (this.rates[k - 1] + 0.5 * slope * length);
    }
    this.repeat = config.repeat;
    this.span = this.times[n - 1];
  }

  /** Expected arrivals over one whole span. */
  get total(): number {
    return this.cumulative[this.cumulative.length - 1];
  }

  /** Requests per second at instant `t` (0 past the end unless it repeats). */
  rateAt(t: Micros): number {
    const place = this.#place(t);
    if (!place) return 0;
    const { k, tau } = place;
    return (this.rates[k] + this.slopes[k] * (tau - this.times[k])) * 1e6;
  }

  /** Expected arrivals in [a, b) at the curve's rate: ∫ rate dt, closed form. */
  integral(a: Micros, b: Micros): number {
    return this.#before(b) - this.#before(a);
  }

  /** Expected arrivals from knot k's time to `tau` µs into the span (tau in segment k). */
  within(k: number, tau: number): number {
    const d = tau - this.times[k];
    return this.cumulative[k] + d * (this.rates[k] + 0.5 * this.slopes[k] * d);
  }

  /** Expected arrivals in [0, t). */
  #before(t: Micros): number {
    if (t <= 0) return 0;
    const periods = this.repeat ? Math.floor(t / this.span) : 0;
    if (!this.repeat && t >= this.span) return this.total;
    const place = this.#place(t)!;
    return periods * this.total + this.within(place.k, place.tau);
  }

  /** The segment holding `t` and the time into the span; undefined past the end of a curve that does not repeat. */
  #place(t: Micros): { k: number; tau: number } | undefined {
    if (t < 0 || (!this.repeat && t >= this.span)) return undefined;
    const tau = this.repeat ? t - Math.floor(t / this.span) * this.span : t;
    return { k: segmentOf(this.times, tau, 0), tau };
  }
}

/** The segment k ≥ `from` with times[k] ≤ tau < times[k + 1] (the last segment for tau at or past the end): a binary search. */
export function segmentOf(times: Float64Array, tau: number, from: number): number {
  let lo = from;
  let hi = times.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= tau) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
