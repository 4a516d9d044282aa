import type { Action, Engine } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import { OPS, type HedgingConfig, type Signal } from "../config.js";
import type { ClientRequest } from "../request/request.js";
import type { ClientStats } from "./client-stats.js";
import { hedgeDelay } from "./hedge-delay.js";
import { HedgeDelayPolicy } from "./hedge-delay-policy.js";
import { HedgeLimiter } from "./hedge-limiter.js";
import { LatencyAverage } from "./latency-average.js";

/** What a hedger needs of its client. */
export interface HedgeHost {
  /** The servers a hedge of `request` may go to now, under the signalled limits. */
  hedgeCandidates(request: ClientRequest): readonly number[];
  /** Sends a hedge of `request` to another server. */
  sendHedge(request: ClientRequest): void;
}

/**
 * A client's hedging: a request still unanswered after target − average latency of its
 * (namespace, op) gets a second attempt elsewhere. With a limiter, a server with all the hedges
 * its signal allows in flight takes no more: the hedge waits for a slot or is skipped.
 */
export class Hedger {
  readonly #engine: Engine;
  readonly #config: HedgingConfig;
  readonly #stats: ClientStats;
  readonly #host: HedgeHost;
  /** Per (namespace, op), the latency of requests that succeeded. */
  readonly #averages: LatencyAverage[];
  readonly #limiter: HedgeLimiter | undefined;
  /** A fixed or percentile delay; absent: target − average. */
  readonly #policy: HedgeDelayPolicy | undefined;
  readonly #waiters: ClientRequest[] = [];
  readonly #onHedge: Action<ClientRequest>;

  /** `gate` wraps the hedge timer's action (the client's pauses hold it). */
  constructor(engine: Engine, config: HedgingConfig, namespaces: number, nodes: number, stats: ClientStats, host: HedgeHost, gate: (action: Action<ClientRequest>) => Action<ClientRequest>) {
    this.#engine = engine;
    this.#config = config;
    this.#stats = stats;
    this.#host = host;
    this.#averages = Array.from({ length: namespaces * OPS.length }, () => new LatencyAverage({ halfLife: config.halfLife }));
    this.#limiter = config.limiter ? new HedgeLimiter(nodes) : undefined;
    const delay = config.delay;
    this.#policy = delay === undefined || delay === "targetMinusAverage" ? undefined : new HedgeDelayPolicy(delay, namespaces * OPS.length, config.minSamples);
    this.#onHedge = gate((request) => {
      request.hedgeTimer = 0;
      if (request.done || request.hedged || request.pending.length === 0) return;
      this.#tryHedge(request);
    });
  }

  /** Whether hedges are capped per server (else every candidate may take one). */
  get limited(): boolean {
    return this.#limiter !== undefined;
  }

  /** Arms the hedge timer of a request whose first attempt just left: at target − average latency, or by its delay policy. */
  arm(request: ClientRequest): void {
    const stats = this.#stats;
    const slot = request.namespace * OPS.length + request.op;
    const average = this.#averages[slot];
    const delay = this.#policy ? this.#policy.delay(slot, request.signal.target) : hedgeDelay(request.signal.target, average, this.#config.minSamples);
    if (delay === undefined) {
      stats.hedgeAboveTarget[slot] = (stats.hedgeAboveTarget[slot] ?? 0) + 1;
      return;
    }
    stats.hedgeArmed[slot] = (stats.hedgeArmed[slot] ?? 0) + 1;
    stats.hedgeDelaySum[slot] = (stats.hedgeDelaySum[slot] ?? 0) + delay;
    stats.hedgeAverageSum[slot] = (stats.hedgeAverageSum[slot] ?? 0) + (average.count > 0 ? average.value : 0);
    request.hedgeTimer = this.#engine.schedule(delay, this.#onHedge, request);
  }

  /** A request of (namespace, op) succeeded after `latency` µs: it feeds the average hedges aim by. */
  recordLatency(namespace: number, op: number, latency: Micros): void {
    this.#averages[namespace * OPS.length + op].record(latency);
    this.#policy?.record(namespace * OPS.length + op, latency);
  }

  /** Under a limiter: whether `node` has all the hedges `signal` allows in flight. */
  full(node: number, signal: Signal): boolean {
    return this.#limiter!.outstanding(node) >= signal.hedges;
  }

  /** A hedge went to `node`. */
  sent(node: number): void {
    this.#limiter?.tryAcquire(node, Number.POSITIVE_INFINITY);
  }

  /** A hedge at `node` was answered or abandoned: its slot goes to the oldest waiting hedge. */
  released(node: number): void {
    if (this.#limiter === undefined) return;
    this.#limiter.release(node);
    while (this.#waiters.length > 0) {
      const request = this.#waiters.shift()!;
      if (request.done || request.hedged || request.pending.length === 0) continue;
      this.#stats.hedgesWaited++;
      this.#tryHedge(request);
      return;
    }
  }

  #tryHedge(request: ClientRequest): void {
    const limiter = this.#config.limiter;
    if (limiter) {
      const free = this.#host.hedgeCandidates(request);
      if (free.length === 0 || (free.length === 1 && free[0] === request.lastNode)) {
        if (limiter.whenFull === "wait") this.#waiters.push(request);
        else this.#stats.hedgesLimited++;
        return;
      }
    }
    request.hedged = true;
    this.#host.sendHedge(request);
  }
}
