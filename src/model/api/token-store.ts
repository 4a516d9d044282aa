import type { Micros } from "../../engine/time.js";

/**
 * What a replica set remembers of the write tokens it has applied, each for `ttl` µs: a token
 * seen again within that time is a re-sent write, answered without applying it twice. Tokens
 * are remembered in the order they were applied (time only grows), so the oldest expire first
 * and memory stays bounded by write rate × ttl.
 */
export class TokenStore {
  readonly #ttl: Micros;
  /** token → when it was applied, in insertion (= time) order. */
  readonly #applied = new Map<number, Micros>();
  #peak = 0;

  constructor(ttl: Micros) {
    if (!Number.isSafeInteger(ttl) || ttl < 1) throw new RangeError(`ttl must be a whole number of µs ≥ 1, got ${ttl}`);
    this.#ttl = ttl;
  }

  /** Whether `token` was applied less than `ttl` before `now`. */
  holds(token: number, now: Micros): boolean {
    const at = this.#applied.get(token);
    return at !== undefined && now - at < this.#ttl;
  }

  /** Remembers that `token` was applied at `now` (calls come in time order), and forgets expired tokens. */
  remember(token: number, now: Micros): void {
    for (const [oldest, at] of this.#applied) {
      if (now - at < this.#ttl) break;
      this.#applied.delete(oldest);
    }
    this.#applied.delete(token); // re-inserted at the back: the order stays the time order
    this.#applied.set(token, now);
    if (this.#applied.size > this.#peak) this.#peak = this.#applied.size;
  }

  /** Tokens held now, and the most ever held at once. */
  get size(): number {
    return this.#applied.size;
  }

  get peak(): number {
    return this.#peak;
  }
}
