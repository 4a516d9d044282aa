import type { Micros } from "../../engine/time.js";
import type { RateSchedule } from "./rate-schedule.js";
import { segmentOf, type TrafficCurve } from "./traffic-curve.js";

/**
 * The arrival clock of one process on a traffic curve: from an instant and an exponential draw E,
 * the instant at which E expected arrivals have accumulated at scale × the curve × the schedule's
 * multipliers. With E ~ Exp(1) that instant is the next arrival of the non-homogeneous Poisson
 * process (a unit-rate process in integrated-rate time), exactly, one draw per arrival.
 *
 * Inside a stretch of constant multiplier the integrated rate is closed form (quadratic on a
 * linear segment, linear on a step): the segment where it reaches the goal is a binary search over
 * the cumulative sums from the cursor, and the instant inside it a root of the quadratic. The
 * cursor keeps the last instant's segment and period, so no arrival walks the curve from its start.
 */
export class CurveClock {
  readonly #curve: TrafficCurve;
  readonly #schedule: RateSchedule;
  /** The segment and the period start (µs) of the last instant looked at. */
  #k = 0;
  #base = 0;

  constructor(curve: TrafficCurve, schedule: RateSchedule) {
    this.#curve = curve;
    this.#schedule = schedule;
  }

  /**
   * The instant (µs, fractional, ≥ from) by which `work` expected arrivals have accumulated from
   * `from` at `scale` × the curve's rate × the multipliers; Infinity when that never happens.
   */
  after(from: Micros, work: number, scale: number): number {
    const curve = this.#curve;
    if (!(scale > 0) || !(curve.total > 0)) return Number.POSITIVE_INFINITY;
    const { times, cumulative, span } = curve;
    const lastSegment = times.length - 2;
    let t = from;
    let left = work;
    for (;;) {
      if (!this.#seek(t)) return Number.POSITIVE_INFINITY;
      const base = this.#base;
      const change = this.#schedule.nextChange(t);
      const periodEnd = base + span;
      const end = Math.min(change, periodEnd);
      const c = scale * this.#schedule.factorAt(t);
      if (c > 0) {
        if (curve.repeat && t === base) {
          // Whole periods at one multiplier: skipped at once, so a slow process on a short curve stays cheap.
          const whole = Math.floor(Math.min(left / (c * curve.total), (change - base) / span));
          if (whole >= 1) {
            left -= whole * c * curve.total;
            t = base + whole * span;
            continue;
          }
        }
        const k = this.#k;
        const start = curve.within(k, t - base);
        const goal = start + left / c;
        const endK = end === periodEnd ? lastSegment : segmentOf(times, end - base, k);
        const atEnd = end === periodEnd ? curve.total : curve.within(endK, end - base);
        if (goal <= atEnd) {
          const j = firstReaching(cumulative, goal, k, endK);
          const at = base + solve(curve, j, goal - cumulative[j]);
          return Math.min(end, Math.max(t, at));
        }
        left -= (atEnd - start) * c;
      }
      if (end === Number.POSITIVE_INFINITY) return end;
      t = end;
    }
  }

  /** Moves the cursor to instant `t`; false past the end of a curve that does not repeat. */
  #seek(t: Micros): boolean {
    const curve = this.#curve;
    const span = curve.span;
    if (!curve.repeat) {
      if (t >= span) return false;
    } else if (t < this.#base || t >= this.#base + span) {
      this.#base = Math.floor(t / span) * span;
      this.#k = 0;
    }
    const tau = t - this.#base;
    const times = curve.times;
    const k = this.#k;
    if (tau < times[k]) this.#k = segmentOf(times, tau, 0);
    else if (tau >= times[k + 1]) this.#k = k + 2 < times.length && tau < times[k + 2] ? k + 1 : segmentOf(times, tau, k + 1);
    return true;
  }
}

/** The first segment j in [lo, hi] whose end reaches `goal` (cumulative[j + 1] ≥ goal); hi if none does. */
function firstReaching(cumulative: Float64Array, goal: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid + 1] >= goal) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The time into the span at which segment j has accumulated `local` expected arrivals from its start. */
function solve(curve: TrafficCurve, j: number, local: number): number {
  if (local <= 0) return curve.times[j];
  const r = curve.rates[j];
  const s = curve.slopes[j];
  // r·x + s·x²/2 = local, in the form that loses no digits whether s is positive or negative.
  return curve.times[j] + (2 * local) / (r + Math.sqrt(Math.max(0, r * r + 2 * s * local)));
}
