import type { Micros } from "../engine/time.js";
import { clearlyAbove, slowAllowance, type OpSlo } from "./slo.js";

/** Sub-windows per window: about a second each for windows of 10 s to 10 min, at least 10. */
export function subWindows(window: Micros): number {
  return Math.min(600, Math.max(10, Math.ceil(window / 1_000_000)));
}

/**
 * Locates the bad stretch inside a window: per sub-window (about a second) and op, requests,
 * failures and slow successes. An episode's start and end are then read to a sub-window, not
 * rounded out to the window: a 14 s outage reads as 14 s, not 30.
 */
export class BadStretch {
  readonly subs: number;
  readonly #subLength: number;
  readonly #ops: number;
  readonly #total: Float64Array;
  readonly #failed: Float64Array;
  readonly #slow: Float64Array;

  constructor(window: Micros, ops: number) {
    this.subs = subWindows(window);
    this.#subLength = window / this.subs;
    this.#ops = ops;
    this.#total = new Float64Array(this.subs * ops);
    this.#failed = new Float64Array(this.subs * ops);
    this.#slow = new Float64Array(this.subs * ops);
  }

  /** Counts a request that finished `offset` µs into the window. */
  add(offset: Micros, op: number, failed: boolean, slow: boolean): void {
    const sub = Math.min(this.subs - 1, Math.floor(offset / this.#subLength));
    const cell = sub * this.#ops + op;
    this.#total[cell]++;
    if (failed) this.#failed[cell]++;
    else if (slow) this.#slow[cell]++;
  }

  /**
   * The span from the start of the first sub-window to the end of the last in which one of the
   * `violated` ops was clearly bad; the window's own bounds when none was (the violation was
   * spread too thin to place).
   */
  locate(start: Micros, end: Micros, violated: readonly number[], slo: readonly OpSlo[]): { from: Micros; until: Micros } {
    let first = -1;
    let last = -1;
    for (let sub = 0; sub < this.subs; sub++) {
      for (const op of violated) {
        const cell = sub * this.#ops + op;
        const n = this.#total[cell];
        if (n === 0) continue;
        const bad = clearlyAbove(this.#failed[cell], n, slo[op].errorRate) || clearlyAbove(this.#slow[cell], n - this.#failed[cell], slowAllowance(slo[op]));
        if (!bad) continue;
        if (first < 0) first = sub;
        last = sub;
        break;
      }
    }
    if (first < 0) return { from: start, until: end };
    const at = (sub: number) => Math.min(end, start + Math.round(sub * this.#subLength));
    return { from: at(first), until: at(last + 1) };
  }

  reset(): void {
    this.#total.fill(0);
    this.#failed.fill(0);
    this.#slow.fill(0);
  }
}
