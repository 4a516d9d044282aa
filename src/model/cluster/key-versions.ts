import { OpCode } from "../request/codes.js";
import type { Request } from "../request/request.js";

/** Most version slots one namespace holds (4 MiB): a larger key space shares slots. */
export const MAX_VERSION_SLOTS = 1 << 20;

/**
 * Versioned rows for compare-and-set: one version per key of each namespace that has conditional
 * writes, kept as the coordinators see it (a linearisable register per key: reads and writes take
 * effect when their attempt reaches its coordinator). A read records the key's version on its
 * attempt; a write bumps it; a conditional write whose expected version is no longer the key's
 * is refused and changes nothing.
 *
 * Memory is bounded: a namespace of n keys holds min(n, 2^20) 32-bit slots, key k in slot
 * k mod 2^20. Up to 2^20 keys each have their own version (exact). Beyond, keys sharing a slot
 * share a version, so a write to one of them also conflicts with a read–write window on the
 * other: with writes spread over n keys at W per second and a window w, a CAS sees about
 * W·w/2^20 extra conflicts (under 10^-4 at 100 writes in flight per window).
 */
export class KeyVersions {
  /** Per namespace: its slots, or undefined when its writes are not versioned. */
  readonly #slots: Array<Uint32Array | undefined>;

  /** `keyCounts[i]`: the key count of namespace i when its writes are versioned, else undefined. */
  constructor(keyCounts: readonly (number | undefined)[]) {
    this.#slots = keyCounts.map((n) => {
      if (n === undefined) return undefined;
      if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`a versioned namespace needs a whole number of keys >= 1, got ${n}`);
      return new Uint32Array(Math.min(n, MAX_VERSION_SLOTS));
    });
  }

  /** The version of key `key` of namespace `namespace` now (0 before any write). */
  versionOf(namespace: number, key: number): number {
    const slots = this.#slots[namespace];
    return slots === undefined ? 0 : slots[key % slots.length];
  }

  /**
   * An attempt reaches its coordinator: a GET of a versioned key records the version on it; a PUT
   * commits (bumps the version) unless it is conditional on a version that is no longer the key's.
   * Returns true when the write is refused: a conflict.
   */
  conflicts(request: Request): boolean {
    const slots = this.#slots[request.namespace];
    if (slots === undefined) return false;
    const slot = request.key % slots.length;
    if (request.op === OpCode.GET) {
      request.version = slots[slot];
      return false;
    }
    if (request.op !== OpCode.PUT) return false;
    if (request.version >= 0 && request.version !== slots[slot]) return true;
    slots[slot] = slots[slot] + 1; // wraps at 2^32, far beyond any run's writes to one key
    return false;
  }
}
