import { SimulationError } from "../simulation-error.js";
import type { Limit } from "./limit.js";

/** What the caller reports when a request admitted by a {@link Limiter} finishes. */
export interface ReleaseSample {
  /** Service plus queue time at the server, µs (finite, ≥ 0). */
  readonly rtt: number;
  /** Whether the request was lost (shed, timed out, failed for want of capacity). */
  readonly dropped: boolean;
  /** When it finished, µs of simulated time. */
  readonly now: number;
}

/**
 * Admission against a {@link Limit}: a request is admitted while fewer than floor(limit.current)
 * are in flight; refusal is the value `false`, never an exception. Each release feeds the limit
 * one sample. A limit below 1 would admit nothing and so never hear a sample to recover on,
 * which is why every limit here keeps min ≥ 1.
 */
export class Limiter {
  readonly #limit: Limit;
  #inflight = 0;
  #accepted = 0;
  #rejected = 0;

  constructor(limit: Limit) {
    this.#limit = limit;
  }

  /**
   * Takes a permit if fewer than floor(share × limit) requests are in flight; whether it did.
   * `share` in (0, 1] is the part of the limit the caller's class of work may fill (priority
   * shedding); an idle limiter admits any class, so none is locked out when the limit is small.
   */
  tryAcquire(share = 1): boolean {
    if (this.#inflight < Math.floor(share * this.#limit.current) || this.#inflight === 0) {
      this.#inflight++;
      this.#accepted++;
      return true;
    }
    this.#rejected++;
    return false;
  }

  /**
   * Returns a permit and feeds the limit the request's outcome, with `inflight` = the requests in
   * flight at release, this one included.
   */
  release({ rtt, dropped, now }: ReleaseSample): void {
    if (!(Number.isFinite(rtt) && rtt >= 0)) throw new RangeError(`limiter: rtt must be a finite number of µs >= 0, got ${rtt}`);
    const inflight = this.#take();
    this.#limit.onSample({ rtt, inflight, dropped, now });
  }

  /** Returns a permit without feeding the limit: the request was cancelled and says nothing about load. */
  abandon(): void {
    this.#take();
  }

  /** Requests in flight: permits taken and not yet returned. */
  get inflight(): number {
    return this.#inflight;
  }

  /** The limit now, in requests (may be fractional; admission floors it). */
  get limit(): number {
    return this.#limit.current;
  }

  /** Permits granted so far. */
  get accepted(): number {
    return this.#accepted;
  }

  /** Permits refused so far. */
  get rejected(): number {
    return this.#rejected;
  }

  /** Decrements inflight, returning the count before; a release with none in flight is a bug. */
  #take(): number {
    if (this.#inflight <= 0) throw new SimulationError("release with no permit in flight", "limiter");
    return this.#inflight--;
  }
}
