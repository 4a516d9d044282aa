import type { Micros } from "../../engine/time.js";
import type { ClientRequest } from "../request/request.js";
import type { Request } from "../request/request.js";
import { TokenStore } from "./token-store.js";

/** Applications of writes, as counted by the ledger (the outcome's `writes` section). */
export interface WriteCounts {
  /** Logical writes (PUTs) the applications issued. */
  issued: number;
  /** Applications with a side effect: the first of each write, and every duplicate. */
  applied: number;
  /** Writes applied at least once. */
  distinct: number;
  /** Applications of a write that had already applied: the side effect happened again. */
  duplicates: number;
  /** Re-sent writes the store recognised by their token (or event id) and did not apply again. */
  deduplicated: number;
}

/**
 * Where writes apply. A write attempt (first, hedge or retry) applies when the first replica
 * finishes its work on it, whether or not the client still waits for it. Without a token the
 * store cannot tell a re-sent write from a new one, so every attempt that applies after the
 * first is a duplicate side effect. With a token (or a time-series event id) the key's replica
 * set remembers it for `ttl`, and an attempt of a write it holds does nothing.
 */
export class WriteLedger {
  readonly counts: WriteCounts = { issued: 0, applied: 0, distinct: 0, duplicates: 0, deduplicated: 0 };
  readonly #tokens: TokenStore;
  /** Per namespace: writes carry a token or event id the store deduplicates on. */
  readonly #idempotent: Uint8Array;
  readonly #onFirstApplied: ((write: ClientRequest) => void) | undefined;

  constructor(ttl: Micros, idempotent: Uint8Array, onFirstApplied?: (write: ClientRequest) => void) {
    this.#tokens = new TokenStore(ttl);
    this.#idempotent = idempotent;
    this.#onFirstApplied = onFirstApplied;
  }

  /** Tokens the store holds at most at once (its memory). */
  get tokensPeak(): number {
    return this.#tokens.peak;
  }

  /** A replica finished the work of write attempt `attempt` at `now`. */
  onApplied(attempt: Request, now: Micros): void {
    if (attempt.applied) return; // the other replicas store the same application
    attempt.applied = true;
    const write = attempt.owner;
    const idempotent = this.#idempotent[write.namespace] === 1;
    const c = this.counts;
    if (write.applications > 0) {
      if (idempotent && this.#tokens.holds(write.id, now)) {
        c.deduplicated++;
        return;
      }
      c.duplicates++;
    } else {
      c.distinct++;
      this.#onFirstApplied?.(write);
    }
    write.applications++;
    c.applied++;
    if (idempotent) this.#tokens.remember(write.id, now);
  }
}
