import type { Action, Engine } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";

/** One copy on a server (a replica work): the attempt it serves. */
export interface TiedCopy<A> {
  readonly round: { readonly request: A };
}

/** The client that sent a tie's copies (attempts `A`): told what became of the copies that lost. */
export interface TieHost<A> {
  /** `attempt`'s copy never started: its server dropped it on its twin's cancel. */
  tiedCancelled(attempt: A): void;
  /** `attempt`'s copy started although its twin had started first (the cancel was still on its way). */
  tiedDuplicated(attempt: A): void;
}

/**
 * Tied requests (Dean & Barroso, "The Tail at Scale"): copies of one request on several servers,
 * each knowing of the others. The first copy to start service sends a cancel to the others; it
 * reaches them `cancelDelay` µs later, and a server takes a copy still queued off its queue (a
 * copy that arrives after the cancel is dropped at once). A copy that started before its cancel
 * arrived is served too: duplicated work. Cancels go through each server's own `cancel` action
 * (so a paused or crashed server handles them as any message).
 */
export class Tie<A> {
  readonly #engine: Engine;
  readonly #cancelDelay: Micros;
  readonly #host: TieHost<A>;
  #winner: TiedCopy<A> | undefined = undefined;
  #wonAt = 0;
  /** Copies that reached a server before any started, with their server's cancel action. */
  #copies: TiedCopy<A>[] = [];
  /** Each copy's server's cancel (an `Action<C>` for the copy's own type `C`). */
  #cancels: Action[] = [];

  constructor(engine: Engine, cancelDelay: Micros, host: TieHost<A>) {
    if (!(Number.isSafeInteger(cancelDelay) && cancelDelay >= 0)) throw new RangeError(`tie cancel delay must be a whole number of µs >= 0, got ${cancelDelay}`);
    this.#engine = engine;
    this.#cancelDelay = cancelDelay;
    this.#host = host;
  }

  /** A copy reached its server, whose `cancel` takes it off the queue; false: the cancel got there first, drop it. */
  arrive<C extends TiedCopy<A>>(work: C, cancel: Action<C>): boolean {
    if (this.#winner === undefined) {
      this.#copies.push(work);
      this.#cancels.push(cancel);
      return true;
    }
    const reach = this.#wonAt + this.#cancelDelay;
    const now = this.#engine.now;
    if (now >= reach) {
      this.#host.tiedCancelled(work.round.request);
      return false;
    }
    this.#engine.schedule(reach - now, cancel, work);
    return true;
  }

  /** A server took `work` off its queue on the cancel. */
  cancelled(work: TiedCopy<A>): void {
    this.#host.tiedCancelled(work.round.request);
  }

  /** A copy starts service now: the first sends the cancel to the others; a later one is duplicated work. */
  start(work: TiedCopy<A>): void {
    if (this.#winner !== undefined) {
      if (this.#winner !== work) this.#host.tiedDuplicated(work.round.request);
      return;
    }
    this.#winner = work;
    this.#wonAt = this.#engine.now;
    const copies = this.#copies;
    const cancels = this.#cancels;
    this.#copies = [];
    this.#cancels = [];
    for (let i = 0; i < copies.length; i++) {
      if (copies[i] === work) continue;
      const cancel = cancels[i];
      if (this.#cancelDelay === 0) cancel(copies[i]);
      else this.#engine.schedule(this.#cancelDelay, cancel, copies[i]);
    }
  }
}
