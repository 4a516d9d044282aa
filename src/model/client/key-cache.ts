import { grown } from "../../engine/grown.js";

const NONE = -1;
/**
 * Entries the arrays start with (or the capacity, if smaller); they double as the cache fills.
 * Small: a world may hold 10,000 clients with a cold near cache each.
 */
const INITIAL_ROOM = 16;

/**
 * A client-side cache of keys, least recently used evicted first, with a capacity in keys.
 *
 * Entries live in typed arrays: each key's slot is linked into a recency list (least recent at
 * the head) and found through an open-addressing hash table of slot numbers. A hit unlinks one
 * slot and links it at the tail: O(1), with no allocation. (A Map deleted from and re-inserted
 * into on every hit gave the same order at several times the cost: two thirds of the
 * cache-cold-start example's CPU, 18.1 s of it against 7.8 s now.) Keys are whole numbers below 2^53.
 */
export class KeyCache {
  readonly capacity: number;
  #room: number;
  #keys: Float64Array;
  #prev: Int32Array;
  #next: Int32Array;
  /** Slots freed by invalidation, reused first. */
  #free: Int32Array;
  #freeCount = 0;
  /** Slots ever handed out (the rest of the arrays is untouched). */
  #used = 0;
  #count = 0;
  #head = NONE;
  #tail = NONE;
  /** Per position, 1 + the slot of the key there, or 0: empty. Linear probing, at most half full. */
  #table: Int32Array;
  #mask: number;
  #hits = 0;
  #misses = 0;

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`cache capacity must be a whole number >= 1, got ${capacity}`);
    this.capacity = capacity;
    this.#room = Math.min(capacity, INITIAL_ROOM);
    this.#keys = new Float64Array(this.#room);
    this.#prev = new Int32Array(this.#room);
    this.#next = new Int32Array(this.#room);
    this.#free = new Int32Array(this.#room);
    this.#table = new Int32Array(tableSize(this.#room));
    this.#mask = this.#table.length - 1;
  }

  /** Whether `key` is cached (and, if so, it becomes the most recently used). Counts a hit or a miss. */
  lookup(key: number): boolean {
    const slot = this.#find(key);
    if (slot !== NONE) {
      this.#touch(slot);
      this.#hits++;
      return true;
    }
    this.#misses++;
    return false;
  }

  /** Caches `key` (after a miss was answered), evicting the least recently used when full. */
  fill(key: number): void {
    const found = this.#find(key);
    if (found !== NONE) {
      this.#touch(found);
      return;
    }
    let slot: number;
    if (this.#count >= this.capacity) {
      slot = this.#head;
      this.#unhash(this.#keys[slot]);
      this.#unlink(slot);
    } else {
      slot = this.#freeCount > 0 ? this.#free[--this.#freeCount] : this.#newSlot();
      this.#count++;
    }
    this.#keys[slot] = key;
    this.#hash(key, slot);
    this.#linkAtTail(slot);
  }

  /** Drops `key` (a write invalidates it). */
  invalidate(key: number): void {
    const slot = this.#unhash(key);
    if (slot === NONE) return;
    this.#unlink(slot);
    this.#free[this.#freeCount++] = slot;
    this.#count--;
  }

  /** Empties the cache (a restart); with `warm`, refills it with these keys (hottest last). */
  restart(warm?: Iterable<number>): void {
    this.#table.fill(0);
    this.#freeCount = 0;
    this.#used = 0;
    this.#count = 0;
    this.#head = NONE;
    this.#tail = NONE;
    if (warm) for (const key of warm) this.fill(key);
  }

  get size(): number {
    return this.#count;
  }

  get hits(): number {
    return this.#hits;
  }

  get misses(): number {
    return this.#misses;
  }

  /** The slot holding `key`, or NONE. */
  #find(key: number): number {
    const at = this.#positionOf(key);
    return at === NONE ? NONE : this.#table[at] - 1;
  }

  /** Where `key`'s entry sits in the table, or NONE. */
  #positionOf(key: number): number {
    const table = this.#table;
    const mask = this.#mask;
    for (let at = hashOf(key) & mask; ; at = (at + 1) & mask) {
      const entry = table[at];
      if (entry === 0) return NONE;
      if (this.#keys[entry - 1] === key) return at;
    }
  }

  #hash(key: number, slot: number): void {
    const table = this.#table;
    const mask = this.#mask;
    let at = hashOf(key) & mask;
    while (table[at] !== 0) at = (at + 1) & mask;
    table[at] = slot + 1;
  }

  /** Takes `key` out of the table and returns its slot (NONE if absent), shifting back the entries after it so no probe sequence is broken. */
  #unhash(key: number): number {
    let hole = this.#positionOf(key);
    if (hole === NONE) return NONE;
    const table = this.#table;
    const mask = this.#mask;
    const slot = table[hole] - 1;
    table[hole] = 0;
    for (let at = (hole + 1) & mask; table[at] !== 0; at = (at + 1) & mask) {
      const home = hashOf(this.#keys[table[at] - 1]) & mask;
      // The entry at `at` may move into the hole unless its home lies cyclically in (hole, at].
      const stays = hole < at ? home > hole && home <= at : home > hole || home <= at;
      if (stays) continue;
      table[hole] = table[at];
      table[at] = 0;
      hole = at;
    }
    return slot;
  }

  #touch(slot: number): void {
    if (slot === this.#tail) return;
    this.#unlink(slot);
    this.#linkAtTail(slot);
  }

  #unlink(slot: number): void {
    const prev = this.#prev[slot];
    const next = this.#next[slot];
    if (prev === NONE) this.#head = next;
    else this.#next[prev] = next;
    if (next === NONE) this.#tail = prev;
    else this.#prev[next] = prev;
  }

  #linkAtTail(slot: number): void {
    this.#prev[slot] = this.#tail;
    this.#next[slot] = NONE;
    if (this.#tail === NONE) this.#head = slot;
    else this.#next[this.#tail] = slot;
    this.#tail = slot;
  }

  /** A slot never used since the last restart, growing the arrays (and rehashing) when they are full. */
  #newSlot(): number {
    if (this.#used === this.#room) this.#grow();
    return this.#used++;
  }

  #grow(): void {
    const room = Math.min(this.capacity, this.#room * 2);
    this.#keys = grown(this.#keys, room);
    this.#prev = grown(this.#prev, room);
    this.#next = grown(this.#next, room);
    this.#free = grown(this.#free, room);
    this.#room = room;
    // Only called with no free slot: every slot in use holds a key.
    this.#table = new Int32Array(tableSize(room));
    this.#mask = this.#table.length - 1;
    for (let slot = 0; slot < this.#used; slot++) this.#hash(this.#keys[slot], slot);
  }
}

/** A power of two at least twice `room`: the table stays at most half full. */
function tableSize(room: number): number {
  let size = 2;
  while (size < 2 * room) size *= 2;
  return size;
}

/** Mixes both halves of a whole number below 2^53 into 32 bits. */
function hashOf(key: number): number {
  const low = key | 0;
  const high = (key / 4294967296) | 0;
  let h = Math.imul(low ^ Math.imul(high, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}
