import type { Action, Engine } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import type { ReplicaWork } from "./replica-work.js";
import type { Request } from "./request.js";

/** The client that sent a tie's copies: told what became of the copies that lost. */
export interface TieHost {
  /** `attempt`'s copy never started: its server dropped it on its twin's cancel. */
  tiedCancelled(attempt: Request): void;
  /** `attempt`'s copy started although its twin had started first (the cancel was still on its way). */
  tiedDuplicated(attempt: Request): void;
}

/**
 * Tied requests (Dean & Barroso, "The Tail at Scale"): copies of one request on several servers,
 * each knowing of the others. The first copy to start service sends a cancel to the others; it
 * reaches them `cancelDelay` µs later, and a server takes a copy still queued off its queue (a
 * copy that arrives after the cancel is dropped at once). A copy that started before its cancel
 * arrived is served too: duplicated work. Cancels go through each server's own `cancel` action
 * (so a paused or crashed server handles them as any message).
 */
export class Tie {
  readonly #engine: Engine;
  readonly #cancelDelay: Micros;
  readonly #host: TieHost;
  #winner: ReplicaWork | undefined = undefined;
  #wonAt = 0;
  /** Copies that reached a server before any started, with their server's cancel action. */
  #copies: ReplicaWork[] = [];
  #cancels: Action<ReplicaWork>[] = [];

  constructor(engine: Engine, cancelDelay: Micros, host: TieHost) {
    if (!(Number.isSafeInteger(cancelDelay) && cancelDelay >= 0)) throw new RangeError(`tie cancel delay must be a whole number of µs >= 0, got ${cancelDelay}`);
    this.#engine = engine;
    this.#cancelDelay = cancelDelay;
    this.#host = host;
  }

  /** A copy reached its server, whose `cancel` takes it off the queue; false: the cancel got there first, drop it. */
  arrive(work: ReplicaWork, cancel: Action<ReplicaWork>): boolean {
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
  cancelled(work: ReplicaWork): void {
    this.#host.tiedCancelled(work.round.request);
  }

  /** A copy starts service now: the first sends the cancel to the others; a later one is duplicated work. */
  start(work: ReplicaWork): void {
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
      if (this.#cancelDelay === 0) cancels[i](copies[i]);
      else this.#engine.schedule(this.#cancelDelay, cancels[i], copies[i]);
    }
  }
}
