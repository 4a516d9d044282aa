import type { Micros } from "../../engine/time.js";
import type { ClientRequest } from "../request/request.js";
import { Outcome } from "../request/codes.js";

/** What became of the time-series events sent (the outcome's `timeSeries` section). */
export interface EventCounts {
  /** Events the applications handed to their clients. */
  sent: number;
  /** Events some replica stored (once each: the store deduplicates on event time + id). */
  stored: number;
  /** Never stored, though the client counted them done: acknowledged (or, fire-and-forget, sent). */
  lost: number;
  /** Never stored, and the client was told (an error or a timeout): the application knows. */
  failed: number;
  /** Sent within `settle` of the end of the run (or still in flight) and not stored yet: not judged. */
  unsettled: number;
}

/**
 * Follows every time-series event from the client that sent it to the first replica that
 * stores it. Only events not yet stored are held, so memory is what is in flight plus what was
 * lost. At the end of the run the rest are judged: lost, failed, or too recent to tell.
 */
export class EventLedger {
  readonly #pending = new Map<number, ClientRequest>();
  #sent = 0;
  #stored = 0;

  /** A client sent event `event` (a time-series write). */
  onSent(event: ClientRequest): void {
    this.#sent++;
    this.#pending.set(event.id, event);
  }

  /** A replica stored `event` for the first time. */
  onStored(event: ClientRequest): void {
    if (this.#pending.delete(event.id)) this.#stored++;
  }

  /** The counts at `now`, judging events sent before `now − settle` whose client is done. */
  counts(now: Micros, settle: Micros): EventCounts {
    let lost = 0;
    let failed = 0;
    let unsettled = 0;
    for (const event of this.#pending.values()) {
      if (!event.done || event.start > now - settle) unsettled++;
      else if (event.outcome === Outcome.OK) lost++;
      else failed++;
    }
    return { sent: this.#sent, stored: this.#stored, lost, failed, unsettled };
  }
}
