import type { Micros } from "../../engine/time.js";
import { Outcome } from "./codes.js";

/**
 * A multi-get as the application sees it: `parts.length` reads of different keys sent at once, done
 * when `waitFor` of them have succeeded (its latency is the `waitFor`-th part's) or failed as soon
 * as too many parts failed for that to happen. The metrics count it once, not its parts.
 */
export class FanOutRead<Part = unknown> {
  outcome: Outcome = Outcome.OK;
  done = false;
  /** Parts answered successfully, and parts that failed. */
  ok = 0;
  failed = 0;
  readonly parts: Part[] = [];

  constructor(
    readonly op: number,
    readonly namespace: number,
    readonly client: number,
    /** The ring range of the first part's key. */
    readonly range: number,
    readonly start: Micros,
    /** Parts that must succeed (1 ≤ waitFor ≤ parts). */
    readonly waitFor: number,
  ) {}

  /**
   * A part ended with `outcome`: whether the read is now decided (then `outcome` is set). It
   * succeeds at the `waitFor`-th success and fails once more than parts − waitFor have failed.
   */
  partEnded(outcome: Outcome): boolean {
    if (this.done) return false;
    if (outcome === Outcome.OK) this.ok++;
    else this.failed++;
    if (this.ok >= this.waitFor) this.done = true;
    else if (this.failed > this.parts.length - this.waitFor) {
      this.done = true;
      this.outcome = outcome;
    }
    return this.done;
  }
}
