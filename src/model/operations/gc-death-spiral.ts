import { SimulationError } from "../simulation-error.js";
import { assertMicros, type Micros } from "../../engine/time.js";

/** Parameters of {@link GcDeathSpiralDetector}. */
export interface GcDeathSpiralConfig {
  /** Debt in µs of pause beyond which the process is declared in a death spiral (≥ 0). */
  readonly threshold: Micros;
  /** µs of pause that 1 µs of run time repays (≥ 0; jvmquake's default is 5). */
  readonly runtimeWeight: number;
}

/**
 * A garbage-collection death-spiral detector after the idea of Netflix's jvmquake: pause time is
 * added to a debt, run time repays `runtimeWeight` µs of it per µs (the debt never goes below 0),
 * and once the debt exceeds `threshold` the detector trips and stays tripped until `reset`: the
 * process should be killed and restarted rather than left limping. With a constant paused share
 * p of wall time the debt changes by p − (1 − p)·w per µs, so a process that runs less than
 * 1/(1 + w) of its time (is paused more than w/(1 + w) of it) accrues debt without bound and
 * trips after about threshold / (p − (1 − p)·w) µs, while one that runs more never trips unless a
 * single pause exceeds the threshold. jvmquake's defaults (30 s, w = 5) allow up to 5/6 paused.
 */
export class GcDeathSpiralDetector {
  readonly #threshold: Micros;
  readonly #weight: number;
  #debt = 0;
  #trippedAt: Micros | undefined;
  #lastAt = 0;

  constructor({ threshold, runtimeWeight }: GcDeathSpiralConfig) {
    assertMicros(threshold, "gc death spiral: threshold");
    if (!(Number.isFinite(runtimeWeight) && runtimeWeight >= 0)) {
      throw new RangeError(`gc death spiral: runtimeWeight must be a number >= 0, got ${runtimeWeight}`);
    }
    this.#threshold = threshold;
    this.#weight = runtimeWeight;
  }

  /** Records a pause of `pauseUs` µs that ended at `now` (as jvmquake judges at the end of each collection). */
  onPause(now: Micros, pauseUs: Micros): void {
    this.#advance(now, pauseUs, "pause");
    this.#debt += pauseUs;
    if (this.#trippedAt === undefined && this.#debt > this.#threshold) this.#trippedAt = now;
  }

  /** Records `runUs` µs of running (not paused) that ended at `now`, repaying runUs × runtimeWeight. */
  onRun(now: Micros, runUs: Micros): void {
    this.#advance(now, runUs, "run");
    this.#debt = Math.max(0, this.#debt - runUs * this.#weight);
  }

  /** Whether the debt has exceeded the threshold since the last reset (the process should restart). */
  tripped(): boolean {
    return this.#trippedAt !== undefined;
  }

  /** When it tripped (the end of the pause that pushed the debt over), or undefined. */
  get trippedAt(): Micros | undefined {
    return this.#trippedAt;
  }

  /** The current debt in µs of pause (≥ 0). */
  get debt(): number {
    return this.#debt;
  }

  /** Clears the debt and the trip, as for a restarted process. */
  reset(): void {
    this.#debt = 0;
    this.#trippedAt = undefined;
  }

  #advance(now: Micros, length: Micros, what: string): void {
    assertMicros(now, "gc death spiral: now");
    assertMicros(length, `gc death spiral: ${what} length`);
    if (now < this.#lastAt) throw new SimulationError(`time went back from ${this.#lastAt} to ${now}`, "gc death spiral detector", now);
    this.#lastAt = now;
  }
}
