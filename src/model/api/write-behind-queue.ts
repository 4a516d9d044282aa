import type { Engine } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import type { Request } from "../request/request.js";

/**
 * The coordinators' in-memory queues of acknowledged (or unacknowledged, fire-and-forget)
 * time-series events: a coordinator holds what it accepted and writes it to the replicas every
 * `flushInterval`. A crash loses what the queue holds.
 */
export class WriteBehindQueue {
  readonly #engine: Engine;
  readonly #interval: Micros;
  readonly #held: Request[][];
  readonly #timers: number[];
  readonly #flush: (request: Request, coordinator: number) => void;
  /** Events lost in queues when their coordinator crashed. */
  lostOnCrash = 0;

  constructor(engine: Engine, nodes: number, flushInterval: Micros, flush: (request: Request, coordinator: number) => void) {
    if (!Number.isSafeInteger(flushInterval) || flushInterval < 1) throw new RangeError(`flushInterval must be ≥ 1 µs, got ${flushInterval}`);
    this.#engine = engine;
    this.#interval = flushInterval;
    this.#flush = flush;
    this.#held = Array.from({ length: nodes }, () => []);
    this.#timers = new Array<number>(nodes).fill(0);
  }

  /** Coordinator `node` takes `request` into its queue; the next flush writes it. */
  hold(request: Request, node: number): void {
    this.#held[node].push(request);
    if (this.#timers[node] === 0) this.#timers[node] = this.#engine.schedule(this.#interval, this.#onFlush, node);
  }

  /** Coordinator `node` crashed: its queue is gone. */
  drop(node: number): void {
    this.lostOnCrash += this.#held[node].length;
    this.#held[node] = [];
    this.#engine.cancel(this.#timers[node]);
    this.#timers[node] = 0;
  }

  readonly #onFlush = (node: number): void => {
    this.#timers[node] = 0;
    const batch = this.#held[node];
    this.#held[node] = [];
    for (const request of batch) this.#flush(request, node);
  };
}
