/**
 * A client-side cache of keys, least recently used evicted first, with a capacity in keys.
 * A Map keeps insertion order, so re-inserting a key on every hit makes its first entry the
 * least recently used: O(1) per operation.
 */
export class KeyCache {
  readonly capacity: number;
  #keys = new Map<number, true>();
  #hits = 0;
  #misses = 0;

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`cache capacity must be a whole number >= 1, got ${capacity}`);
    this.capacity = capacity;
  }

  /** Whether `key` is cached (and, if so, it becomes the most recently used). Counts a hit or a miss. */
  lookup(key: number): boolean {
    if (this.#keys.delete(key)) {
      this.#keys.set(key, true);
      this.#hits++;
      return true;
    }
    this.#misses++;
    return false;
  }

  /** Caches `key` (after a miss was answered), evicting the least recently used when full. */
  fill(key: number): void {
    if (this.#keys.delete(key)) {
      this.#keys.set(key, true);
      return;
    }
    if (this.#keys.size >= this.capacity) this.#keys.delete(this.#keys.keys().next().value!);
    this.#keys.set(key, true);
  }

  /** Drops `key` (a write invalidates it). */
  invalidate(key: number): void {
    this.#keys.delete(key);
  }

  /** Empties the cache (a restart); with `warm`, refills it with these keys (hottest last). */
  restart(warm?: Iterable<number>): void {
    this.#keys = new Map();
    if (warm) for (const key of warm) this.fill(key);
  }

  get size(): number {
    return this.#keys.size;
  }

  get hits(): number {
    return this.#hits;
  }

  get misses(): number {
    return this.#misses;
  }
}
