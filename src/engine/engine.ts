import { EventQueue } from "./event-queue.js";
import { grown } from "./grown.js";
import { assertMicros, type Micros } from "./time.js";

/** What an event does when it fires; `arg` lets callers avoid a closure per event. */
export type Action<T = any> = (arg: T) => void;

/** A handle to a scheduled event: a whole number that cancels it in O(1). 0 is never a handle. */
export type TimerId = number;

/** Event priorities: lower fires first among events at the same instant. */
export const Priority = {
  URGENT: 0,
  HIGH: 64,
  NORMAL: 128,
  LOW: 192,
} as const;

const MAX_PRIORITY = 255;
const SLOT_BITS = 24;
const SLOT_SPACE = 2 ** SLOT_BITS; // at most 16.7 M events pending at once
const SLOT_MASK = SLOT_SPACE - 1;
const MAX_GENERATION = 2 ** 28;

const TWO_TO_MINUS_32 = 2 ** -32;

// A slot's stamp is generation * 4 + state: one load and one compare tell whether a handle
// (generation * SLOT_SPACE + slot) still names a pending event.
const STATE_MASK = 3;
const FREE = 0;
const PENDING = 1;
const CANCELLED = 2;

/** Why `run` returned. */
export type StopReason = "empty" | "horizon" | "budget" | "stopped";

export interface RunOptions {
  /** Stop before any event later than this instant, and leave the clock there (µs). */
  readonly until?: Micros;
  /** Stop after this many events have fired in this call. */
  readonly maxEvents?: number;
}

export interface RunResult {
  readonly reason: StopReason;
  /** Events fired during this call. */
  readonly fired: number;
}

/** Counters over the engine's whole life. */
export interface EngineStats {
  readonly scheduled: number;
  readonly fired: number;
  readonly cancelled: number;
  readonly pending: number;
  readonly peakPending: number;
}

/**
 * The deterministic event loop: a clock in whole µs and a queue of actions ordered by
 * (time, priority, seq). It knows nothing of what the actions mean.
 *
 * Cancel is O(1): an event still in the queue's calendar is unlinked; one already in its near
 * heap stays as a tombstone, dropped when it reaches the top, or all at once when tombstones
 * outnumber the live events.
 */
export class Engine {
  #now: Micros = 0;
  #seq = 0;
  #queue = new EventQueue();
  /** Per slot, its action at 2·slot and its argument at 2·slot + 1: one array, one bounds check. */
  #calls: unknown[] = [];
  #stamp = new Int32Array(1024);
  #free = new Int32Array(1024);
  #freeCount = 0;
  #slotCount = 0;
  #tombstones = 0;
  /** Events scheduled and neither fired nor cancelled. */
  #live = 0;
  #stopRequested = false;
  #running = false;

  #fired = 0;
  #cancelled = 0;
  #peakPending = 0;
  #hash = 0x811c9dc5;

  /** The current simulated time in µs. */
  get now(): Micros {
    return this.#now;
  }

  /** Number of events scheduled and not yet fired or cancelled. */
  get pending(): number {
    return this.#live;
  }

  get stats(): EngineStats {
    return {
      scheduled: this.#seq, // one sequence number per event scheduled
      fired: this.#fired,
      cancelled: this.#cancelled,
      pending: this.pending,
      peakPending: this.#peakPending,
    };
  }

  /**
   * A rolling 32-bit FNV-style hash of every fired event's (time, priority, seq), as 8 hex digits.
   * Two runs of the same model and seed have the same fingerprint; any divergence changes it.
   */
  get fingerprint(): string {
    return (this.#hash >>> 0).toString(16).padStart(8, "0");
  }

  /** Runs `action(arg)` after `delay` µs. Returns a handle that cancels it in O(1). */
  schedule<T>(delay: Micros, action: Action<T>, arg?: T, priority: number = Priority.NORMAL): TimerId {
    if (!(delay >= 0) || !Number.isSafeInteger(delay)) assertMicros(delay, "delay");
    if ((priority & MAX_PRIORITY) !== priority) throwBadPriority(priority);
    return this.#handle(this.#insert(this.#now + delay, action, arg, priority));
  }

  /**
   * `schedule` at normal priority without its checks, for the model's hot paths (messages,
   * service, attempt timeouts) whose delays are whole µs ≥ 0 by construction (rounded draws,
   * validated settings). A fractional or negative delay here would break determinism silently:
   * anything else goes through `schedule`.
   */
  scheduleUnchecked<T>(delay: Micros, action: Action<T>, arg: T): TimerId {
    return this.#handle(this.#insert(this.#now + delay, action, arg, Priority.NORMAL));
  }

  /**
   * `scheduleUnchecked` for an event that is never cancelled (a message on the wire), so no
   * handle: a handle is a double past 2^31, and returning one allocates it (16 bytes, six
   * messages a request).
   */
  post<T>(delay: Micros, action: Action<T>, arg: T): void {
    this.#insert(this.#now + delay, action, arg, Priority.NORMAL);
  }

  /** Runs `action(arg)` at the absolute instant `time` µs, which must not be in the past. */
  scheduleAt<T>(time: Micros, action: Action<T>, arg?: T, priority: number = Priority.NORMAL): TimerId {
    if (!Number.isSafeInteger(time) || time < this.#now) {
      throw new RangeError(`time must be a whole number of µs no earlier than now (${this.#now}), got ${time}`);
    }
    if ((priority & MAX_PRIORITY) !== priority) throwBadPriority(priority);
    return this.#handle(this.#insert(time, action, arg, priority));
  }

  /** Cancels a pending event. Returns false if it already fired, was cancelled, or never existed. */
  cancel(id: TimerId): boolean {
    const slot = id & SLOT_MASK;
    const stamp = Math.floor(id / SLOT_SPACE) * 4 + PENDING;
    if (slot >= this.#slotCount || this.#stamp[slot] !== stamp) return false;
    this.#cancelled++;
    this.#live--;
    if (this.#queue.remove(slot)) {
      this.#release(slot);
      return true;
    }
    // Already in the near heap: leave a tombstone, dropped when it reaches the top.
    this.#stamp[slot] = stamp - PENDING + CANCELLED;
    this.#calls[2 * slot] = null;
    this.#calls[2 * slot + 1] = undefined;
    this.#tombstones++;
    if (this.#tombstones > 4096 && this.#tombstones * 2 > this.#queue.size) this.#compact();
    return true;
  }

  /** True while the event is scheduled and has neither fired nor been cancelled. */
  isPending(id: TimerId): boolean {
    const slot = id & SLOT_MASK;
    return slot < this.#slotCount && this.#stamp[slot] === Math.floor(id / SLOT_SPACE) * 4 + PENDING;
  }

  /** Asks a running loop to return after the current event. */
  stop(): void {
    this.#stopRequested = true;
  }

  /**
   * Fires events in order until the queue is empty, the next event is later than `until`,
   * `maxEvents` have fired, or `stop()` is called. With `until`, the clock ends at `until`.
   */
  run(options: RunOptions = {}): RunResult {
    if (this.#running) throw new Error("Engine.run is not re-entrant");
    const until = options.until ?? Number.POSITIVE_INFINITY;
    const budget = options.maxEvents ?? Number.POSITIVE_INFINITY;
    if (until !== Number.POSITIVE_INFINITY) assertMicros(until, "until");
    if (until < this.#now) throw new RangeError(`until (${until}) is before now (${this.#now})`);
    this.#running = true;
    this.#stopRequested = false;
    const queue = this.#queue;
    // Not #stamp: it is replaced when slots grow, so it is read afresh for each event.
    const calls = this.#calls;
    let fired = 0;
    let hash = this.#hash;
    let reason: StopReason = "empty";
    try {
      while (queue.size > 0) {
        const time = queue.peekTime();
        if (time > until) {
          reason = "horizon";
          break;
        }
        if (fired >= budget) {
          reason = "budget";
          break;
        }
        const slot = queue.pop();
        const stamp = this.#stamp[slot];
        if ((stamp & STATE_MASK) === CANCELLED) {
          this.#tombstones--;
          this.#stamp[slot] = stamp - CANCELLED;
          this.#free[this.#freeCount++] = slot;
          continue;
        }
        const action = calls[2 * slot] as Action;
        const arg = calls[2 * slot + 1];
        // ToInt32 (x | 0) keeps the low 32 bits of a whole double; × 2^−32 brings in the high ones.
        // The low bits of the order are the sequence number (priority sits above bit 44).
        const order = queue.poppedOrder;
        hash = Math.imul(hash ^ (time | 0), 0x01000193) ^ ((time * TWO_TO_MINUS_32) | 0);
        hash = Math.imul(hash ^ (order | 0), 0x01000193) ^ ((order * TWO_TO_MINUS_32) | 0);
        this.#stamp[slot] = stamp - PENDING;
        calls[2 * slot] = null;
        calls[2 * slot + 1] = undefined;
        this.#free[this.#freeCount++] = slot;
        this.#live--;
        this.#now = time;
        fired++;
        action(arg);
        if (this.#stopRequested) {
          reason = "stopped";
          break;
        }
      }
    } finally {
      this.#fired += fired;
      this.#hash = hash;
      this.#running = false;
    }
    if (reason === "empty" && until !== Number.POSITIVE_INFINITY) reason = "horizon";
    if (reason === "horizon") this.#now = until;
    return { reason, fired };
  }

  /** The handle of the event pending in `slot`: its generation above the slot's index. */
  #handle(slot: number): TimerId {
    return (this.#stamp[slot] >> 2) * SLOT_SPACE + slot;
  }

  /** Queues the event and returns its slot (a small integer: no allocation to return it). */
  #insert(time: Micros, action: Action, arg: unknown, priority: number): number {
    const slot = this.#freeCount > 0 ? this.#free[--this.#freeCount] : this.#newSlot();
    const seq = this.#seq++;
    let stamp = this.#stamp[slot] + 4; // next generation, FREE
    if (stamp >= MAX_GENERATION * 4) stamp = 4;
    this.#stamp[slot] = stamp + PENDING;
    const calls = this.#calls;
    calls[2 * slot] = action;
    calls[2 * slot + 1] = arg;
    this.#queue.pushEvent(time, priority, seq, slot);
    if (++this.#live > this.#peakPending) this.#peakPending = this.#live;
    return slot;
  }

  /** A slot never used before, growing the per-slot tables when they are full. */
  #newSlot(): number {
    const slot = this.#slotCount++;
    if (slot >= SLOT_SPACE) throw new RangeError(`more than ${SLOT_SPACE} events pending at once`);
    if (slot === this.#stamp.length) {
      const capacity = this.#stamp.length * 2;
      this.#stamp = grown(this.#stamp, capacity);
      this.#free = grown(this.#free, capacity);
    }
    this.#calls.push(null, undefined);
    return slot;
  }

  #release(slot: number): void {
    this.#stamp[slot] &= ~STATE_MASK;
    this.#calls[2 * slot] = null;
    this.#calls[2 * slot + 1] = undefined;
    this.#free[this.#freeCount++] = slot;
  }

  #compact(): void {
    const stamp = this.#stamp;
    this.#queue.filter((slot) => {
      if ((stamp[slot] & STATE_MASK) !== CANCELLED) return true;
      this.#release(slot);
      return false;
    });
    this.#tombstones = 0;
  }
}

function throwBadPriority(priority: number): never {
  throw new RangeError(`priority must be a whole number from 0 to ${MAX_PRIORITY}, got ${priority}`);
}
