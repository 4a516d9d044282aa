import type { Micros } from "../../engine/time.js";
import type { RateScheduleConfig } from "../config.js";

/**
 * Offered load over time: a base rate replaced by steps and scaled by multipliers, so it is
 * piecewise constant. `rateAt` and `nextChange` let arrival processes draw exact Poisson
 * arrivals across changes (memorylessness: redraw from each change point).
 */
export class RateSchedule {
  readonly #base: number;
  readonly #steps: RateScheduleConfig["steps"];
  readonly #multipliers: RateScheduleConfig["multipliers"];
  readonly #changes: Micros[];

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
  }

  /** Requests per second at instant `t`. */
  rateAt(t: Micros): number {
    let rate = this.#base;
    for (const step of this.#steps) {
      if (step.at > t) break;
      rate = step.rate;
    }
    for (const m of this.#multipliers) if (m.from <= t && t < m.to) rate *= m.factor;
    return rate;
  }

  /** The first instant after `t` where the rate may change, or Infinity. */
  nextChange(t: Micros): Micros {
    for (const c of this.#changes) if (c > t) return c;
    return Number.POSITIVE_INFINITY;
  }
}
