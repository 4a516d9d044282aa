import type { Action, Engine } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import type { RandomStreams } from "../../engine/random-streams.js";
import { makeSampler } from "../../engine/sampler.js";
import type { ClosedLoopConfig } from "../config.js";
import type { FinishedRequest, RequestObserver } from "../request/request.js";

/**
 * The closed-loop clients of one application instance: each thinks (a draw of `think`, µs),
 * issues one request, waits until it ends (whatever its outcome), and starts over, `operations`
 * times; then it is done. They all start at the instant `start` is called. Unlike open-loop
 * arrivals, their load falls when the store slows down: the interactive response-time law
 * X = N / (R + Z) holds, and one client's n requests take n × (R + Z) on average.
 */
export class ClosedLoops {
  readonly #engine: Engine;
  readonly #operations: number;
  readonly #think: () => number;
  /** `issue(loop)` sends loop `loop`'s next request, tagged with `loop`, and returns at once. */
  readonly #issue: Action<number>;
  /** Per loop, requests issued so far. */
  readonly #issued: Int32Array;
  /** Requests ended, and loops done. */
  ended = 0;
  finished = 0;
  /** When the latest loop finished its last request, µs (−1: none has yet). */
  lastFinish: Micros = -1;

  /** `loops` clients, each doing `operations` requests (both ≥ 1); `think` draws µs. */
  constructor(engine: Engine, loops: number, operations: number, think: () => number, issue: Action<number>) {
    if (!Number.isSafeInteger(loops) || loops < 1) throw new RangeError(`closed loops must be a whole number >= 1, got ${loops}`);
    if (!Number.isSafeInteger(operations) || operations < 1) throw new RangeError(`operations per closed loop must be a whole number >= 1, got ${operations}`);
    this.#engine = engine;
    this.#operations = operations;
    this.#think = think;
    this.#issue = issue;
    this.#issued = new Int32Array(loops);
  }

  /**
   * The closed loops of application instance `index` of `instances` (`config.clients` spread over
   * them in turn), thinking with draws from the stream `${prefix}/closed-loop/think`; undefined
   * when it has none.
   */
  static on(engine: Engine, config: ClosedLoopConfig | undefined, index: number, instances: number, streams: RandomStreams, prefix: string, issue: Action<number>): ClosedLoops | undefined {
    const loops = config ? loopsOn(index, instances, config.clients) : 0;
    if (loops === 0) return undefined;
    return new ClosedLoops(engine, loops, config!.operations, makeSampler(config!.think, streams.stream(`${prefix}/closed-loop/think`)), issue);
  }

  /** The number of loops. */
  get loops(): number {
    return this.#issued.length;
  }

  /** Every loop thinks, then issues its first request. */
  start(): void {
    for (let loop = 0; loop < this.#issued.length; loop++) this.#next(loop);
  }

  /** Loop `loop`'s request ended: it thinks and goes on, or it is done. */
  requestEnded(loop: number): void {
    this.ended++;
    if (this.#issued[loop] < this.#operations) {
      this.#next(loop);
      return;
    }
    this.finished++;
    this.lastFinish = this.#engine.now;
  }

  #next(loop: number): void {
    this.#issued[loop]++;
    const think = Math.max(0, Math.round(this.#think()));
    this.#engine.schedule(think, this.#issue, loop);
  }
}

/**
 * The observer of a client with closed loops: passes every ended request on to `next`, then
 * tells `loops` when one of its own ended (a request carries its loop number, −1 when none).
 */
export function closedLoopObserver(loops: ClosedLoops, next: RequestObserver): RequestObserver {
  return {
    onRequestDone(request: FinishedRequest, latency: Micros): void {
      next.onRequestDone(request, latency);
      const loop = (request as { readonly loop?: number }).loop ?? -1;
      if (loop >= 0) loops.requestEnded(loop);
    },
  };
}

/** How many of `total` closed-loop clients run on application instance `index` of `instances` (spread in turn). */
export function loopsOn(index: number, instances: number, total: number): number {
  return Math.floor(total / instances) + (index < total % instances ? 1 : 0);
}
