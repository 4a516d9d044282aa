import type { Engine } from "../engine/engine.js";
import type { RandomStreams, Source } from "../engine/random-streams.js";
import { makeSampler } from "../engine/sampler.js";
import type { Micros } from "../engine/time.js";
import { RandomBalancer, type Balancer } from "./balancer.js";
import type { Cluster } from "./cluster.js";
import type { ClientConfig, WorkloadConfig } from "./config.js";
import { keyChooser } from "./key-chooser.js";
import type { RateSchedule } from "./rate-schedule.js";
import { OpCode, Outcome, Request, type RequestObserver } from "./request.js";

/** Shared by all clients of a world: numbering requests and reporting them. */
export interface ClientContext {
  readonly engine: Engine;
  readonly cluster: Cluster;
  readonly schedule: RateSchedule;
  readonly workload: WorkloadConfig;
  readonly config: ClientConfig;
  readonly observer: RequestObserver;
  nextRequestId(): number;
}

/**
 * One application instance in a zone: open-loop Poisson arrivals at its share of the offered
 * load, a coordinator chosen by its balancer among live nodes of its region, and one fixed
 * timeout. (The full resilience stack, hedging and retries, plugs in here.)
 */
export class Client {
  readonly index: number;
  readonly zone: number;
  readonly region: number;
  readonly name: string;
  readonly #ctx: ClientContext;
  readonly #share: number;
  readonly #arrivals: Source;
  readonly #ops: Source;
  readonly #key: () => number;
  readonly #size: () => number;
  readonly #balancer: Balancer;
  readonly #getShare: number;

  constructor(ctx: ClientContext, index: number, zone: number, region: number, name: string, share: number, streams: RandomStreams) {
    this.#ctx = ctx;
    this.index = index;
    this.zone = zone;
    this.region = region;
    this.name = name;
    this.#share = share;
    const prefix = `client/${name}`;
    this.#arrivals = streams.stream(`${prefix}/arrivals`);
    this.#ops = streams.stream(`${prefix}/ops`);
    this.#key = keyChooser(ctx.workload.keys, streams.stream(`${prefix}/keys`));
    this.#size = makeSampler(ctx.workload.valueSize, streams.stream(`${prefix}/sizes`));
    this.#balancer = new RandomBalancer(streams.stream(`${prefix}/balancer`));
    this.#getShare = ctx.workload.mix.GET;
  }

  /** Starts the arrival process at the current instant. */
  start(): void {
    this.#scheduleArrival(this.#ctx.engine.now);
  }

  /** Answers from the cluster land here (already through the network). */
  readonly inbox = (request: Request): void => {
    if (request.done) return;
    this.#ctx.engine.cancel(request.timeout);
    this.#finish(request, request.reply);
  };

  readonly #onTimeout = (request: Request): void => {
    if (!request.done) this.#finish(request, Outcome.TIMED_OUT);
  };

  /** Next Poisson arrival after `from`, exact across rate changes (redrawn at each change). */
  #scheduleArrival(from: Micros): void {
    const schedule = this.#ctx.schedule;
    let t = from;
    for (;;) {
      const rate = schedule.rateAt(t) * this.#share;
      const change = schedule.nextChange(t);
      if (rate > 0) {
        const at = t + (-Math.log(1 - this.#arrivals()) / rate) * 1e6;
        if (at < change) {
          this.#ctx.engine.scheduleAt(Math.max(this.#ctx.engine.now, Math.round(at)), this.#arrive);
          return;
        }
      }
      if (change === Number.POSITIVE_INFINITY) return;
      t = change;
    }
  }

  readonly #arrive = (): void => {
    this.#issue();
    this.#scheduleArrival(this.#ctx.engine.now);
  };

  #issue(): void {
    const ctx = this.#ctx;
    const op = this.#ops() < this.#getShare ? OpCode.GET : OpCode.PUT;
    const key = this.#key();
    const bytes = Math.max(0, Math.round(this.#size()));
    const request = new Request(ctx.nextRequestId(), op, key, ctx.cluster.ring.rangeOfKey(key), bytes, this.index, ctx.engine.now);
    const candidates = ctx.cluster.coordinatorsIn(this.region);
    if (candidates.length === 0) {
      this.#finish(request, Outcome.UNAVAILABLE);
      return;
    }
    request.timeout = ctx.engine.schedule(ctx.config.timeout, this.#onTimeout, request);
    ctx.cluster.submit(request, this.zone, this.#balancer.pick(candidates));
  }

  #finish(request: Request, outcome: Outcome): void {
    request.done = true;
    request.outcome = outcome;
    this.#ctx.observer.onRequestDone(request, this.#ctx.engine.now - request.start);
  }
}
