import { EventHeap } from "./event-heap.js";

const MIN_BUCKETS = 4096;
const MAX_BUCKETS = 1 << 21;
/** Events a bucket should hold when it reaches the front: keeps the near heap shallow. */
const TARGET_PER_BUCKET = 32;
const NONE = -1;
const RETUNE_EVERY_MASK = 8191; // check the heap's size every 8192 pops

/**
 * The pending events, ordered by (time, order): a small heap for the near future in front of a
 * calendar of unsorted buckets, in the manner of ladder queues.
 *
 * - Events earlier than `#nearEnd` live in the heap, which is all that pops touch.
 * - Later events inside the calendar's span are appended to the bucket of their time, O(1).
 * - Events past the span wait in an overflow list.
 * When the heap empties, the next non-empty bucket is poured into it. When the calendar is used
 * up, it is rebuilt from the overflow with a bucket width tuned to the rate at which events were
 * popped over the last lap, so a bucket holds about TARGET_PER_BUCKET events when it is reached.
 * Every operation is O(1) amortized for the hold-like workloads of a simulation, where a plain
 * heap pays O(log n) cache misses at 10^5 to 10^6 pending timers.
 *
 * Entries are identified by their slot (unique while pending); the queue keeps each entry's
 * time, order and list link in per-slot typed arrays.
 */
export class EventQueue {
  #near = new EventHeap(256);
  #nearEnd = 0;

  #buckets = MIN_BUCKETS;
  #bucketHead = new Int32Array(MIN_BUCKETS).fill(NONE);
  #bucketCount = new Int32Array(MIN_BUCKETS);
  #current = -1; // index of the bucket whose span the heap covers; #buckets = calendar used up
  #base = 0; // start time of bucket 0
  #width = 1; // µs per bucket

  #overflowHead = NONE;
  #overflowCount = 0;
  #overflowMin = Number.POSITIVE_INFINITY;

  #time = new Float64Array(1024);
  #order = new Float64Array(1024);
  #next = new Int32Array(1024);

  #size = 0;
  #lapStartTime = 0;
  #lapPops = 0;
  #lastPopTime = 0;
  #checkTime = 0;

  get size(): number {
    return this.#size;
  }

  push(time: number, order: number, slot: number): void {
    this.#size++;
    if (time < this.#nearEnd) {
      this.#near.push(time, order, slot);
      return;
    }
    if (slot >= this.#time.length) this.#growSlots(slot);
    this.#time[slot] = time;
    this.#order[slot] = order;
    const index = Math.floor((time - this.#base) / this.#width);
    if (index < this.#buckets) {
      this.#next[slot] = this.#bucketHead[index];
      this.#bucketHead[index] = slot;
      this.#bucketCount[index]++;
    } else {
      this.#next[slot] = this.#overflowHead;
      this.#overflowHead = slot;
      this.#overflowCount++;
      if (time < this.#overflowMin) this.#overflowMin = time;
    }
  }

  /** Time of the earliest entry; the caller checks size > 0 first. */
  peekTime(): number {
    if (this.#near.size === 0) this.#refill();
    return this.#near.peekTime();
  }

  /** Packed (priority, seq) of the earliest entry; the caller checks size > 0 first. */
  peekOrder(): number {
    if (this.#near.size === 0) this.#refill();
    return this.#near.peekOrder();
  }

  /** Removes the earliest entry and returns its slot; the caller checks size > 0 first. */
  pop(): number {
    if (this.#near.size === 0) this.#refill();
    // A heap that stays large means buckets too wide for the recent pop rate: retune now.
    if ((++this.#lapPops & RETUNE_EVERY_MASK) === 0) {
      if (this.#near.size > 2048) this.#retune((this.#lastPopTime - this.#checkTime) / (RETUNE_EVERY_MASK + 1));
      this.#checkTime = this.#lastPopTime;
    }
    this.#size--;
    this.#lastPopTime = this.#near.peekTime();
    return this.#near.pop();
  }

  #retune(gap: number): void {
    const width = Math.max(1, Math.ceil(gap * TARGET_PER_BUCKET));
    if (width * 4 > this.#width) return;
    const top = this.#near.peekTime();
    const slots: number[] = [];
    this.#collect(slots);
    this.#rebuild(slots, width);
    // The caller pops next: pour the first bucket so the heap holds the earliest entry again.
    this.#refill();
    if (this.#near.peekTime() !== top) throw new Error("EventQueue.retune lost the earliest entry");
  }

  /** Keeps only the entries whose slot passes `keep`; O(n). */
  filter(keep: (slot: number) => boolean): void {
    const slots: number[] = [];
    this.#collect(slots);
    const kept = slots.filter(keep);
    this.#rebuild(kept, this.#width);
  }

  /** Pours the next non-empty bucket into the heap, rebuilding the calendar when it is used up. */
  #refill(): void {
    for (;;) {
      while (++this.#current < this.#buckets) {
        if (this.#bucketCount[this.#current] > 0) {
          this.#pour(this.#current);
          return;
        }
      }
      if (this.#overflowCount === 0) throw new Error("EventQueue.refill on an empty queue");
      const slots: number[] = [];
      for (let s = this.#overflowHead; s !== NONE; s = this.#next[s]) slots.push(s);
      this.#overflowHead = NONE;
      this.#overflowCount = 0;
      this.#overflowMin = Number.POSITIVE_INFINITY;
      this.#size -= slots.length;
      this.#rebuild(slots, this.#tunedWidth(slots));
      if (this.#near.size > 0) return;
    }
  }

  #pour(index: number): void {
    this.#nearEnd = this.#base + (index + 1) * this.#width;
    const near = this.#near;
    for (let s = this.#bucketHead[index]; s !== NONE; s = this.#next[s]) {
      near.push(this.#time[s], this.#order[s], s);
    }
    this.#bucketHead[index] = NONE;
    this.#bucketCount[index] = 0;
  }

  /**
   * Bucket width from the pop rate of the last lap; at first, from the density of `slots` between
   * their earliest and median times (a median shrugs off a few far-future timers).
   */
  #tunedWidth(slots: number[]): number {
    let gap: number;
    if (this.#lapPops >= 64 && this.#lastPopTime > this.#lapStartTime) {
      gap = (this.#lastPopTime - this.#lapStartTime) / this.#lapPops;
    } else if (slots.length > 1) {
      const stride = Math.max(1, Math.floor(slots.length / 1024));
      const sample: number[] = [];
      for (let i = 0; i < slots.length; i += stride) sample.push(this.#time[slots[i]]);
      sample.sort((a, b) => a - b);
      const median = sample[sample.length >> 1];
      gap = (median - sample[0]) / (slots.length / 2);
    } else {
      gap = this.#width / TARGET_PER_BUCKET;
    }
    return Math.max(1, Math.ceil(gap * TARGET_PER_BUCKET));
  }

  /** Lays `slots` (not counted in size) out afresh: the calendar starts at their earliest time. */
  #rebuild(slots: number[], width: number): void {
    let min = Number.POSITIVE_INFINITY;
    for (const s of slots) if (this.#time[s] < min) min = this.#time[s];
    // Enough buckets that a lap spans about twice the pending events: few are laid out again.
    let buckets = MIN_BUCKETS;
    while (buckets < MAX_BUCKETS && buckets * TARGET_PER_BUCKET < slots.length * 2) buckets *= 2;
    if (buckets !== this.#buckets) {
      this.#buckets = buckets;
      this.#bucketHead = new Int32Array(buckets);
      this.#bucketCount = new Int32Array(buckets);
    }
    this.#bucketHead.fill(NONE);
    this.#bucketCount.fill(0);
    this.#overflowHead = NONE;
    this.#overflowCount = 0;
    this.#overflowMin = Number.POSITIVE_INFINITY;
    this.#width = width;
    this.#base = slots.length > 0 ? min : this.#lastPopTime;
    this.#nearEnd = this.#base;
    this.#current = -1;
    this.#size = 0;
    this.#lapStartTime = this.#lastPopTime;
    this.#lapPops = 0;
    for (const s of slots) this.push(this.#time[s], this.#order[s], s);
    // Leave the heap empty: the next peek or pop pours the first non-empty bucket.
  }

  /** Gathers every pending slot out of the heap, the buckets and the overflow into `out`. */
  #collect(out: number[]): void {
    this.#near.drain((time, order, slot) => {
      if (slot >= this.#time.length) this.#growSlots(slot);
      this.#time[slot] = time;
      this.#order[slot] = order;
      out.push(slot);
    });
    for (let b = 0; b < this.#buckets; b++) {
      for (let s = this.#bucketHead[b]; s !== NONE; s = this.#next[s]) out.push(s);
    }
    for (let s = this.#overflowHead; s !== NONE; s = this.#next[s]) out.push(s);
  }

  #growSlots(slot: number): void {
    let capacity = this.#time.length;
    while (capacity <= slot) capacity *= 2;
    const time = new Float64Array(capacity);
    time.set(this.#time);
    this.#time = time;
    const order = new Float64Array(capacity);
    order.set(this.#order);
    this.#order = order;
    const next = new Int32Array(capacity);
    next.set(this.#next);
    this.#next = next;
  }
}
