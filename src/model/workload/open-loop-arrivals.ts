import type { Action, Engine, TimerId } from "../../engine/engine.js";
import { minusLogOneMinus } from "../../engine/distributions/inline-log.js";
import { ALEA_WORDS, aleaNext } from "../../engine/alea.js";
import type { StreamBlock } from "../../engine/random-streams.js";
import type { Micros } from "../../engine/time.js";
import { CurveClock } from "./curve-clock.js";
import type { RateSchedule } from "./rate-schedule.js";

/**
 * One client's open-loop arrivals: a Poisson process at `share` × the schedule's rate, exact
 * across rate changes, and the namespace each arrival goes to. A retry storm multiplies the load
 * (of one namespace, or all of it) from the instant it starts. On a traffic curve (a rate read
 * from data) each arrival inverts the curve's integrated rate instead (see curve-clock.ts).
 */
export class OpenLoopArrivals {
  readonly #engine: Engine;
  readonly #schedule: RateSchedule;
  readonly #share: number;
  /** The gaps' stream at `#at`, the namespace picks' stream next to it (the client's block). */
  readonly #state: Float64Array;
  readonly #at: number;
  readonly #namespaceShares: readonly number[];
  /** Per namespace, the factor a storm multiplies its load by (1: none). */
  readonly #namespaceFactor: number[];
  #cumulative: number[];
  #loadFactor = 1;
  /** Σ share × storm factor over namespaces: 1 unless a tenant's storm is on. */
  #namespaceLoad = 1;
  #timer: TimerId = 0;
  readonly #arrive: Action;
  readonly #arriveArg: unknown;
  /** This process's clock on the schedule's traffic curve; absent without one. */
  readonly #curveClock: CurveClock | undefined;

  /**
   * `arrive(arriveArg)` runs at each arrival; it must call `next` for the one after. `draws` holds the gaps'
   * stream, then the namespace picks' (see ARRIVAL_STREAMS).
   */
  constructor(engine: Engine, schedule: RateSchedule, share: number, namespaceShares: readonly number[], draws: StreamBlock, arrive: Action, arriveArg?: unknown) {
    this.#engine = engine;
    this.#schedule = schedule;
    this.#share = share;
    this.#state = draws.state;
    this.#at = draws.at;
    this.#namespaceShares = namespaceShares;
    this.#namespaceFactor = namespaceShares.map(() => 1);
    let cumulative = 0;
    this.#cumulative = namespaceShares.map((s) => (cumulative += s));
    this.#arrive = arrive;
    this.#arriveArg = arriveArg;
    this.#curveClock = schedule.curve ? new CurveClock(schedule.curve, schedule) : undefined;
  }

  /** Schedules the next arrival after now (the first, or the one after an arrival). */
  next(): void {
    this.#scheduleFrom(this.#engine.now);
  }

  /** The namespace of the arrival at hand, by the namespaces' shares (storms included). */
  pickNamespace(): number {
    return pickIndex(this.#cumulative, aleaNext(this.#state, this.#at + ALEA_WORDS));
  }

  /**
   * Multiplies the offered load by `factor` (an upstream retry storm), from now on; `1 / factor`
   * ends it. The pending arrival is drawn afresh at the new rate, which is exact for a Poisson process.
   */
  retryStorm(factor: number, namespace?: number): void {
    if (namespace === undefined) {
      this.#loadFactor *= factor;
    } else {
      // One tenant's storm: its share of the load grows, and so does the total.
      this.#namespaceFactor[namespace] *= factor;
      let cumulative = 0;
      this.#cumulative = this.#namespaceShares.map((share, i) => (cumulative += share * this.#namespaceFactor[i]));
      this.#namespaceLoad = cumulative;
    }
    if (this.#timer !== 0 && this.#engine.cancel(this.#timer)) this.#scheduleFrom(this.#engine.now);
  }

  /** Next Poisson arrival after `from`, exact across rate changes (redrawn at each change). */
  #scheduleFrom(from: Micros): void {
    if (this.#curveClock) {
      this.#scheduleOnCurve(from, this.#curveClock);
      return;
    }
    const schedule = this.#schedule;
    let t = from;
    this.#timer = 0;
    for (;;) {
      const rate = schedule.rateAt(t) * this.#share * this.#loadFactor * this.#namespaceLoad;
      const change = schedule.nextChange(t);
      if (rate > 0) {
        const at = t + (minusLogOneMinus(aleaNext(this.#state, this.#at)) / rate) * 1e6;
        if (at < change) {
          // A rate so small that the next arrival lies past the clock's range (285 years): none comes.
          if (!(at <= Number.MAX_SAFE_INTEGER)) return;
          this.#timer = this.#engine.scheduleAt(Math.max(this.#engine.now, Math.round(at)), this.#arrive, this.#arriveArg);
          return;
        }
      }
      if (change === Number.POSITIVE_INFINITY) return;
      t = change;
    }
  }

  /** Next arrival after `from` on the traffic curve: one exponential draw, the integrated rate inverted. */
  #scheduleOnCurve(from: Micros, clock: CurveClock): void {
    this.#timer = 0;
    const at = clock.after(from, minusLogOneMinus(aleaNext(this.#state, this.#at)), this.#share * this.#loadFactor * this.#namespaceLoad);
    if (!(at <= Number.MAX_SAFE_INTEGER)) return;
    this.#timer = this.#engine.scheduleAt(Math.max(this.#engine.now, Math.round(at)), this.#arrive, this.#arriveArg);
  }
}

/** Streams an arrival process draws from, in its block: the gaps', then the namespace picks'. */
export const ARRIVAL_STREAMS = 2;

/** The index of the first cumulative share above `u` (the last one on rounding). */
export function pickIndex(cumulative: readonly number[], u: number): number {
  const last = cumulative.length - 1;
  const x = u * cumulative[last];
  for (let i = 0; i < last; i++) if (x < cumulative[i]) return i;
  return last;
}
