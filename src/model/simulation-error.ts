import type { Micros } from "../engine/time.js";

/**
 * An invariant of the model broke mid-run (a bug, never the user's input): it names the entity
 * whose state was wrong, and, once it leaves the run, the simulated time and the seed that
 * reproduce it.
 */
export class SimulationError extends Error {
  override readonly name = "SimulationError";
  /** Simulated time when it broke, µs (set by the run it escapes from when the thrower has no clock). */
  now: Micros | undefined;
  /** The run's root seed (set by the run it escapes from). */
  seed: number | undefined;

  constructor(
    message: string,
    /** What broke, e.g. "node us-east-1a/2" or "hedge limiter of client us-east-1a/0". */
    readonly entity: string,
    now?: Micros,
  ) {
    super(`${entity}: ${message}`);
    this.now = now;
  }

  /** Fills in the time and seed of the run the error escaped from, and says them in the message. */
  locate(now: Micros, seed: number): this {
    this.now ??= now;
    this.seed ??= seed;
    this.message += ` (at ${this.now} µs of simulated time, seed ${this.seed})`;
    return this;
  }
}

/** Runs `run`, locating a SimulationError it throws at `now()` in the run of `seed`. */
export function locatingErrors<T>(seed: number, now: () => Micros, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof SimulationError && error.seed === undefined) error.locate(now(), seed);
    throw error;
  }
}
