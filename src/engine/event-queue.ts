import { EventHeap } from "./event-heap.js";
import { grown } from "./grown.js";

const MIN_BUCKETS = 4096;
const MAX_BUCKETS = 1 << 21;
/**
 * Events a bucket should hold when it reaches the front: keeps the near heap shallow. Against 16,
 * by CPU time (bench:compare, hold model in one process both orders): the cluster slice 1.024×
 * and 1.059× (20 and 16 rounds), hold(10^3) 1.04–1.14×, hold(10^5), hold(10^6), 768 nodes and the
 * fleet unchanged; 4 gave 1.037× and 8 1.008×. (When M/M/1 ran on the calendar, 6 cost it 5%; it
 * now runs on the plain heap, which this does not touch.)
 */
const TARGET_PER_BUCKET = 6;
const LAP_SPAN = 8;
const NONE = -1;
/** Where a slot is, besides a bucket index >= 0. */
const IN_HEAP = -2;
const IN_OVERFLOW = -3;
const RETUNE_EVERY_MASK = 8191; // check the heap's size every 8192 pops
/**
 * With fewer pending events than TO_HEAP the queue is a plain heap (everything "near"); once the
 * heap holds more than TO_CALENDAR it becomes a calendar, and it goes back to a heap when a
 * rebuild finds fewer than TO_HEAP. The gap is the hysteresis that keeps it from flapping.
 * Measured by CPU time against the calendar alone (hold model): 1.06× at 4 pending, 1.02× at
 * 24, M/M/1 1.02×; but 0.70× at 1,000 pending, where the calendar's O(1) beats the heap's
 * log n, hence the low thresholds.
 */
const TO_HEAP = 16;
const TO_CALENDAR = 64;
/** An event's order packs its priority above its sequence number: priority * 2^44 + seq. */
const ORDER_SCALE = 2 ** 44;

/**
 * The pending events, ordered by (time, order): a small heap for the near future in front of a
 * calendar of unsorted buckets, in the manner of ladder queues.
 *
 * - Events earlier than `#nearEnd` live in the heap, which is all that pops touch.
 * - Later events inside the calendar's span go into the bucket of their time, O(1).
 * - Events past the span wait in an overflow list.
 * When the heap empties, the next non-empty bucket is poured into it. When the calendar is used
 * up, it is rebuilt from the overflow with a bucket width tuned to the rate at which events were
 * popped over the last lap, so a bucket holds about TARGET_PER_BUCKET events when it is reached.
 * Every operation is O(1) amortized for the hold-like workloads of a simulation, where a plain
 * heap pays O(log n) cache misses at 10^5 to 10^6 pending timers.
 *
 * Buckets and the overflow are doubly linked through per-slot arrays, so an event still in the
 * calendar (most cancelled timers: timeouts and hedges lie far ahead) is removed in O(1);
 * only events already in the heap must be left behind as tombstones by the caller.
 */
export class EventQueue {
  #near = new EventHeap(256);
  /** Events before this time go into the heap: +Infinity while the queue is a plain heap. */
  #nearEnd = Number.POSITIVE_INFINITY;
  #heapOnly = true;

  #buckets = MIN_BUCKETS;
  #bucketHead = new Int32Array(MIN_BUCKETS).fill(NONE);
  #bucketCount = new Int32Array(MIN_BUCKETS);
  #current = -1; // index of the bucket whose span the heap covers; #buckets = calendar used up
  #base = 0; // start time of bucket 0
  #width = 1; // µs per bucket
  #overflowHead = NONE;
  #overflowCount = 0;

  #time = new Float64Array(1024);
  #order = new Float64Array(1024);
  #next = new Int32Array(1024);
  #prev = new Int32Array(1024);
  #where = new Int32Array(1024);

  #size = 0;
  /** Time and packed order of the entry the last `pop` removed. */
  poppedTime = 0;
  poppedOrder = 0;
  #lapStartTime = 0;
  #lapPops = 0;
  #lastPopTime = 0;
  #checkTime = 0;

  get size(): number {
    return this.#size;
  }

  /**
   * Pushes an event ordered by (time, priority, seq). The order is packed here, not by the
   * caller: a packed order is a double past 2^31, which V8 boxes (allocates) when it is passed
   * to a call it does not inline; priority and seq are small integers, passed unboxed.
   */
  pushEvent(time: number, priority: number, seq: number, slot: number): void {
    this.push(time, priority * ORDER_SCALE + seq, slot);
  }

  push(time: number, order: number, slot: number): void {
    this.#size++;
    if (slot >= this.#where.length) this.#growSlots(slot);
    if (time < this.#nearEnd) {
      this.#where[slot] = IN_HEAP;
      this.#near.push(time, order, slot);
      if (this.#heapOnly && this.#near.size > TO_CALENDAR) this.#toCalendar();
      return;
    }
    this.#time[slot] = time;
    this.#order[slot] = order;
    const index = Math.floor((time - this.#base) / this.#width);
    if (index < this.#buckets) {
      this.#link(slot, this.#bucketHead[index]);
      this.#bucketHead[index] = slot;
      this.#bucketCount[index]++;
      this.#where[slot] = index;
    } else {
      this.#link(slot, this.#overflowHead);
      this.#overflowHead = slot;
      this.#overflowCount++;
      this.#where[slot] = IN_OVERFLOW;
    }
  }

  #link(slot: number, head: number): void {
    this.#next[slot] = head;
    this.#prev[slot] = NONE;
    if (head !== NONE) this.#prev[head] = slot;
  }

  /**
   * Takes `slot` out in O(1) if it is still in the calendar and returns true; returns false
   * when it is in the heap (the caller leaves a tombstone there).
   */
  remove(slot: number): boolean {
    const where = this.#where[slot];
    if (where === IN_HEAP) return false;
    const next = this.#next[slot];
    const prev = this.#prev[slot];
    if (next !== NONE) this.#prev[next] = prev;
    if (prev !== NONE) this.#next[prev] = next;
    else if (where === IN_OVERFLOW) this.#overflowHead = next;
    else this.#bucketHead[where] = next;
    if (where === IN_OVERFLOW) this.#overflowCount--;
    else this.#bucketCount[where]--;
    this.#size--;
    return true;
  }

  /** Time of the earliest entry; the caller checks size > 0 first. */
  peekTime(): number {
    if (this.#near.size === 0) this.#refill();
    return this.#near.peekTime();
  }

  /**
   * Removes the earliest entry and returns its slot; the caller checks size > 0 first. Its time
   * and packed order are left in `poppedTime` and `poppedOrder`.
   */
  pop(): number {
    const near = this.#near;
    if (near.size === 0) this.#refill();
    // A heap that stays large means buckets too wide for the recent pop rate: retune now.
    if ((++this.#lapPops & RETUNE_EVERY_MASK) === 0) {
      if (near.size > 2048) this.#retune((this.#lastPopTime - this.#checkTime) / (RETUNE_EVERY_MASK + 1));
      else if (!this.#heapOnly && this.#size < TO_HEAP) this.#relayout(this.#width);
      this.#checkTime = this.#lastPopTime;
    }
    this.#size--;
    const slot = near.pop();
    this.poppedTime = this.#lastPopTime = near.poppedTime;
    this.poppedOrder = near.poppedOrder;
    return slot;
  }

  /** Keeps only the entries whose slot passes `keep`; O(n). */
  filter(keep: (slot: number) => boolean): void {
    const slots: number[] = [];
    this.#collect(slots);
    this.#rebuild(slots.filter(keep), this.#width);
  }

  /** Entries in the near heap, which every pop touches; for tests. */
  get nearSize(): number {
    return this.#near.size;
  }

  /** True while the queue is a plain heap (few events pending); for tests and benches. */
  get isPlainHeap(): boolean {
    return this.#heapOnly;
  }

  /** Lays every pending entry out afresh: as a heap if few, else as a calendar of this width. */
  #relayout(width: number): void {
    const slots: number[] = [];
    this.#collect(slots);
    this.#rebuild(slots, width);
  }

  /**
   * The heap grew past TO_CALENDAR: its entries, and all pushed until the next pop, wait in the
   * overflow, which that pop lays out as a calendar. Laid out now, the calendar's width would
   * suit these few entries, and a burst scheduled before any pop (1,000 timers at the start of
   * the hold model) would crowd its buckets for a whole lap: 0.7× the hold model's speed there.
   */
  #toCalendar(): void {
    const slots: number[] = [];
    this.#collect(slots);
    this.#heapOnly = false;
    this.#emptyCalendar();
    this.#current = this.#buckets; // used up: the next refill rebuilds from the overflow
    this.#nearEnd = Number.NEGATIVE_INFINITY;
    this.#base = Number.NEGATIVE_INFINITY; // every bucket index is past the calendar
    this.#pushAgain(slots);
  }

  #retune(gap: number): void {
    const width = Math.max(1, Math.ceil(gap * TARGET_PER_BUCKET));
    if (width * 4 > this.#width) return;
    const top = this.#near.peekTime();
    const slots: number[] = [];
    this.#collect(slots);
    this.#rebuild(slots, width);
    // The caller pops next: pour the first bucket so the heap holds the earliest entry again.
    if (this.#near.size === 0) this.#refill();
    if (this.#near.peekTime() !== top) throw new Error("EventQueue.retune lost the earliest entry");
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
      this.#rebuild(slots, this.#tunedWidth(slots));
      if (this.#near.size > 0) return;
    }
  }

  #pour(index: number): void {
    this.#nearEnd = this.#base + (index + 1) * this.#width;
    const near = this.#near;
    for (let s = this.#bucketHead[index]; s !== NONE; s = this.#next[s]) {
      this.#where[s] = IN_HEAP;
      near.push(this.#time[s], this.#order[s], s);
    }
    this.#bucketHead[index] = NONE;
    this.#bucketCount[index] = 0;
  }

  /**
   * Bucket width from the pop rate of the last lap. A lap with few pops means buckets far too
   * narrow (or a nearly empty queue): then from the density of `slots` between now and their
   * median time (a median shrugs off a few far-future timers), and at least four times wider.
   */
  #tunedWidth(slots: number[]): number {
    let gap: number;
    if (this.#lapPops >= 64 && this.#lastPopTime > this.#lapStartTime) {
      gap = (this.#lastPopTime - this.#lapStartTime) / this.#lapPops;
    } else {
      const stride = Math.max(1, Math.floor(slots.length / 1024));
      const sample: number[] = [];
      for (let i = 0; i < slots.length; i += stride) sample.push(this.#time[slots[i]]);
      sample.sort((a, b) => a - b);
      const median = sample.length > 0 ? sample[sample.length >> 1] : this.#lastPopTime;
      gap = Math.max((median - this.#lastPopTime) / Math.ceil(slots.length / 2), (this.#width * 4) / TARGET_PER_BUCKET);
    }
    return Math.max(1, Math.ceil(gap * TARGET_PER_BUCKET));
  }

  /**
   * Lays `slots` out afresh (every pending entry, none of them in the heap): in a plain heap if
   * there are fewer than TO_HEAP, else in a calendar that starts at their earliest time.
   */
  #rebuild(slots: number[], width: number): void {
    if (slots.length < TO_HEAP) {
      this.#heapOnly = true;
      this.#nearEnd = Number.POSITIVE_INFINITY;
      this.#size = 0;
      this.#lapStartTime = this.#lastPopTime;
      this.#lapPops = 0;
      this.#pushAgain(slots);
      return;
    }
    this.#heapOnly = false;
    this.#layOut(slots, width);
  }

  #layOut(slots: number[], width: number): void {
    let min = Number.POSITIVE_INFINITY;
    for (const s of slots) if (this.#time[s] < min) min = this.#time[s];
    // Enough buckets that a lap spans about LAP_SPAN times the pending events: in a steady state
    // few events are scheduled past the lap and laid out again.
    let buckets = MIN_BUCKETS;
    while (buckets < MAX_BUCKETS && buckets * TARGET_PER_BUCKET < slots.length * LAP_SPAN) buckets *= 2;
    if (buckets !== this.#buckets) {
      this.#buckets = buckets;
      this.#bucketHead = new Int32Array(buckets);
      this.#bucketCount = new Int32Array(buckets);
    }
    this.#emptyCalendar();
    this.#width = width;
    this.#base = slots.length > 0 ? min : this.#lastPopTime;
    this.#nearEnd = this.#base;
    this.#current = -1;
    this.#lapStartTime = this.#lastPopTime;
    this.#lapPops = 0;
    this.#pushAgain(slots);
    // Leave the heap empty: the next peek or pop pours the first non-empty bucket.
  }

  /** Every bucket and the overflow emptied and nothing counted: the start of a layout. */
  #emptyCalendar(): void {
    this.#bucketHead.fill(NONE);
    this.#bucketCount.fill(0);
    this.#overflowHead = NONE;
    this.#overflowCount = 0;
    this.#size = 0;
  }

  /** Pushes `slots` again, each with the time and order it holds (after `#collect`). */
  #pushAgain(slots: number[]): void {
    for (const s of slots) this.push(this.#time[s], this.#order[s], s);
  }

  /** Gathers every pending slot out of the heap, the buckets and the overflow into `out`. */
  #collect(out: number[]): void {
    this.#near.drain((time, order, slot) => {
      this.#time[slot] = time;
      this.#order[slot] = order;
      out.push(slot);
    });
    // A plain heap leaves the calendar's links as they were: nothing there is pending.
    if (this.#heapOnly) return;
    for (let b = 0; b < this.#buckets; b++) {
      for (let s = this.#bucketHead[b]; s !== NONE; s = this.#next[s]) out.push(s);
    }
    for (let s = this.#overflowHead; s !== NONE; s = this.#next[s]) out.push(s);
  }

  #growSlots(slot: number): void {
    let capacity = this.#where.length;
    while (capacity <= slot) capacity *= 2;
    this.#time = grown(this.#time, capacity);
    this.#order = grown(this.#order, capacity);
    this.#next = grown(this.#next, capacity);
    this.#prev = grown(this.#prev, capacity);
    this.#where = grown(this.#where, capacity);
  }
}
