import type { Engine } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import { Occupancy, type OccupancyTotals } from "../server/occupancy.js";

/**
 * One region's application servers as one pool behind a balancer: `servers × concurrency` slots
 * and one FIFO queue of at most `servers × queueLimit` (more is shed). Each request holds a slot
 * for its drawn service time and then goes on (`done`): with exponential service it is M/M/c.
 * Servers come and go (autoscaling): work in service finishes; queued work starts as slots free.
 */
export class AppPool<T extends { readonly start: Micros }> {
  readonly region: number;
  #servers: number;
  readonly #concurrency: number;
  readonly #queueLimit: number;
  readonly #engine: Engine;
  readonly #service: () => number;
  readonly #done: (item: T) => void;
  #busy = 0;
  #queue: Array<T | undefined> = [];
  #head = 0;
  readonly #occupancy = new Occupancy();
  /** Requests admitted and shed; µs spent waiting for a slot, summed over those that started. */
  admitted = 0;
  shed = 0;
  waitTime = 0;

  constructor(engine: Engine, region: number, servers: number, concurrency: number, queueLimit: number, service: () => number, done: (item: T) => void) {
    if (!Number.isSafeInteger(servers) || servers < 0) throw new RangeError(`app pool: servers must be a whole number >= 0, got ${servers}`);
    if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new RangeError(`app pool: concurrency must be a whole number >= 1, got ${concurrency}`);
    this.#engine = engine;
    this.region = region;
    this.#servers = servers;
    this.#concurrency = concurrency;
    this.#queueLimit = queueLimit;
    this.#service = service;
    this.#done = done;
  }

  get servers(): number {
    return this.#servers;
  }

  get capacity(): number {
    return this.#servers * this.#concurrency;
  }

  get queued(): number {
    return this.#queue.length - this.#head;
  }

  /** Integrals up to now: slot-time used, queue-time, capacity-time; starts, and starts that waited. */
  get stats(): OccupancyTotals {
    return this.#occupancy.totals(this.#engine.now, this.#busy, this.queued, this.capacity);
  }

  /** Takes `item` in: served now, queued, or (false) shed because the queue is full. */
  admit(item: T): boolean {
    if (this.#busy < this.capacity) {
      this.admitted++;
      this.#start(item);
      return true;
    }
    if (this.queued >= this.#servers * this.#queueLimit) {
      this.shed++;
      return false;
    }
    this.admitted++;
    this.#account();
    this.#queue.push(item);
    return true;
  }

  /** `n` more servers (≥ 0) serve from now: queued work starts at once. */
  addServers(n: number): void {
    this.#account();
    this.#servers += n;
    this.#drain();
  }

  /** `n` fewer servers (never below 0); work in service finishes. */
  removeServers(n: number): void {
    this.#account();
    this.#servers = Math.max(0, this.#servers - n);
  }

  #account(): void {
    this.#occupancy.account(this.#engine.now, this.#busy, this.queued, this.capacity);
  }

  #start(item: T): void {
    this.#account();
    this.#occupancy.started++;
    this.#busy++;
    const s = this.#service();
    this.#engine.schedule(s > 1 ? Math.round(s) : 1, this.#finish, item);
  }

  readonly #finish = (item: T): void => {
    this.#account();
    this.#busy--;
    this.#drain();
    this.#done(item);
  };

  /** Starts queued work while slots are free. */
  #drain(): void {
    while (this.#busy < this.capacity && this.#head < this.#queue.length) {
      const next = this.#queue[this.#head]!;
      this.#queue[this.#head++] = undefined;
      if (this.#head === this.#queue.length) this.#queue.length = this.#head = 0;
      this.#occupancy.waited++;
      this.waitTime += this.#engine.now - next.start;
      this.#start(next);
    }
  }
}
