import type { RandomStreams } from "../../engine/random-streams.js";
import type { Micros } from "../../engine/time.js";
import { OpCode, Outcome } from "../request/codes.js";
import { FanOutRead } from "../request/fan-out-read.js";
import { ClientRequest, type RequestObserver } from "../request/request.js";
import { keyChooser } from "../workload/key-chooser.js";
import type { ClientContext } from "./client-context.js";
import type { ClientStats } from "./client-stats.js";

/** What a fan-out needs of its client. */
export interface FanOutHost {
  /** Sends a part on its way, as any request: cache, API, first attempt. */
  issuePart(part: ClientRequest, cpu: Micros): void;
  /** Ends a part the read no longer needs (its attempts are abandoned). */
  end(part: ClientRequest, outcome: Outcome): void;
}

/**
 * A client's multi-gets: a GET to a namespace with a fan-out reads `keys` keys at once, the drawn
 * key and `keys − 1` more from the stream `${prefix}/${namespace}/fan-out/keys`, each as a request
 * of its own (own attempts, hedges, retries). It reports the read once, when `waitFor` parts have
 * succeeded or too many have failed, and ends the parts still running. As the client's observer it
 * passes every other request through.
 */
export class FanOut implements RequestObserver {
  readonly #ctx: ClientContext;
  readonly #client: number;
  readonly #stats: ClientStats;
  readonly #host: FanOutHost;
  /** Per namespace: the key chooser of its extra parts (absent: no fan-out). */
  readonly #keys: ((() => number) | undefined)[];

  constructor(ctx: ClientContext, client: number, streams: RandomStreams, prefix: string, stats: ClientStats, host: FanOutHost) {
    this.#ctx = ctx;
    this.#client = client;
    this.#stats = stats;
    this.#host = host;
    this.#keys = ctx.workload.namespaces.map((ns) =>
      ns.fanOut ? keyChooser(ns.keys, streams.stream(`${prefix}/${ns.name}/fan-out/keys`)) : undefined,
    );
  }

  /** If `request` is a GET of a fanned-out namespace: sends it and its sibling parts, and returns true. */
  open(request: ClientRequest, cpu: Micros): boolean {
    const keys = this.#keys[request.namespace];
    if (keys === undefined || request.op !== OpCode.GET) return false;
    const ctx = this.#ctx;
    const config = ctx.workload.namespaces[request.namespace].fanOut!;
    const read = new FanOutRead<ClientRequest>(request.op, request.namespace, this.#client, request.range, request.start, config.waitFor);
    request.fanOut = read;
    read.parts.push(request);
    for (let i = 1; i < config.keys; i++) {
      const key = keys();
      const part = new ClientRequest(ctx.nextRequestId(), request.op, request.namespace, key, ctx.cluster.ring.rangeOfKey(key), request.bytes, this.#client, request.start, request.signal);
      part.fanOut = read;
      read.parts.push(part);
    }
    this.#stats.fanOuts++;
    this.#stats.fanOutParts += config.keys;
    for (const part of read.parts) if (!read.done) this.#host.issuePart(part, cpu);
    return true;
  }

  /** A request ended (`latency` µs after it started): a part counts towards its read; any other goes to the metrics. */
  onRequestDone(request: ClientRequest, latency: Micros): void {
    const read = request.fanOut;
    if (read === undefined) {
      this.#ctx.observer.onRequestDone(request, latency);
      return;
    }
    request.done = true; // a cache hit is never marked done: it must not be ended again below
    if (!read.partEnded(request.outcome)) return;
    if (read.outcome !== Outcome.OK) this.#stats.fanOutsFailed++;
    for (const part of read.parts) {
      if (part.done) continue;
      this.#stats.fanOutPartsCancelled++;
      this.#host.end(part, Outcome.FAILED);
    }
    this.#ctx.observer.onRequestDone(read, this.#ctx.engine.now - read.start);
  }
}
