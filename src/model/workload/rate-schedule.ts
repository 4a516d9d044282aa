import { MICROS_PER_S, type Micros } from "../../engine/time.js";
import type { RateScheduleConfig } from "../config.js";
import { TrafficCurve } from "./traffic-curve.js";

/**
 * Offered load over time: a base rate replaced by steps and scaled by multipliers, so it is
 * piecewise constant. `rateAt` and `nextChange` let arrival processes draw exact Poisson
 * arrivals across changes (memorylessness: redraw from each change point). With a curve (a rate
 * read from data) the curve replaces the base rate and the steps; the multipliers still apply.
 */
export class RateSchedule {
  readonly #base: number;
  readonly #steps: RateScheduleConfig["steps"];
  readonly #multipliers: RateScheduleConfig["multipliers"];
  readonly #changes: Micros[];
  /** The rate read from data, if any; arrivals then follow it (see curve-clock.ts). */
  readonly curve: TrafficCurve | undefined;
  /**
   * The span between two changes [#spanFrom, #spanTo) that the last question fell in, and its
   * rate (without a curve): every client asks about the current span at every arrival, and the
   * scans over the steps, multipliers and changes grew with the schedule.
   */
  #spanFrom = 0;
  #spanTo = -1;
  #spanRate = 0;

  constructor(base: number, config: RateScheduleConfig) {
    this.#base = base;
    this.#steps = [...config.steps].sort((a, b) => a.at - b.at);
    this.#multipliers = config.multipliers;
    const points = new Set<Micros>();
    for (const s of config.steps) points.add(s.at);
    for (const m of config.multipliers) {
      points.add(m.from);
      points.add(m.to);
    }
    this.#changes = [...points].sort((a, b) => a - b);
    this.curve = config.curve ? new TrafficCurve(config.curve) : undefined;
  }

  /** Requests per second at instant `t`. */
  rateAt(t: Micros): number {
    if (this.curve) return this.curve.rateAt(t) * this.factorAt(t);
    if (!(t >= this.#spanFrom && t < this.#spanTo)) this.#findSpan(t);
    return this.#spanRate;
  }

  /** The first instant after `t` where the rate may change, or Infinity (a curve's own knots aside). */
  nextChange(t: Micros): Micros {
    if (!(t >= this.#spanFrom && t < this.#spanTo)) this.#findSpan(t);
    return this.#spanTo;
  }

  #findSpan(t: Micros): void {
    const changes = this.#changes;
    let i = 0;
    while (i < changes.length && changes[i] <= t) i++;
    this.#spanFrom = i > 0 ? changes[i - 1] : Number.NEGATIVE_INFINITY;
    this.#spanTo = i < changes.length ? changes[i] : Number.POSITIVE_INFINITY;
    if (!this.curve) this.#spanRate = this.#rateFromSteps(t);
  }

  /** The base rate, replaced by the latest step at or before `t`, scaled by the multipliers in force. */
  #rateFromSteps(t: Micros): number {
    let rate = this.#base;
    for (const step of this.#steps) {
      if (step.at > t) break;
      rate = step.rate;
    }
    for (const m of this.#multipliers) if (m.from <= t && t < m.to) rate *= m.factor;
    return rate;
  }

  /** The product of the multipliers in force at instant `t` (1: none). */
  factorAt(t: Micros): number {
    let factor = 1;
    for (const m of this.#multipliers) if (m.from <= t && t < m.to) factor *= m.factor;
    return factor;
  }

  /** Expected requests offered in [from, to): the rate integrated, exactly. */
  offered(from: Micros, to: Micros): number {
    let requests = 0;
    for (let t = from; t < to; ) {
      const next = Math.min(this.nextChange(t), to);
      requests += this.curve ? this.curve.integral(t, next) * this.factorAt(t) : (this.rateAt(t) * (next - t)) / MICROS_PER_S;
      t = next;
    }
    return requests;
  }
}
