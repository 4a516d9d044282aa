import type { Action, Engine } from "../../engine/engine.js";
import type { RandomStreams, Source } from "../../engine/random-streams.js";
import { minusLogOneMinus } from "../../engine/distributions/inline-log.js";
import { makeSampler } from "../../engine/sampler.js";
import type { Micros } from "../../engine/time.js";
import type { ApiRuntime } from "../api/api-runtime.js";
import { tokenFetch } from "../api/token-services.js";
import type { Cluster } from "../cluster/cluster.js";
import { OPS, type ClientConfig, type WorkloadConfig } from "../config.js";
import { keyChooser } from "../workload/key-chooser.js";
import type { RateSchedule } from "../workload/rate-schedule.js";
import type { PageRead } from "../request/page-read.js";
import { Request, type RequestObserver } from "../request/request.js";
import { AttemptKind, OpCode, Outcome } from "../request/codes.js";
import type { SignalBoard } from "../signal-board.js";
import { StopTheWorldPauses, type Pausable } from "../gc-pauses.js";
import type { Balancer, PickContext } from "./balancer.js";
import { ChunkedWrite, type ChunkHost } from "../request/chunked-write.js";
import { ClientRequest } from "../request/request.js";
import { ClientStats } from "./client-stats.js";
import { Compressor } from "./compressor.js";
import { HealthTracker } from "./health-tracker.js";
import { KeyCache } from "./key-cache.js";
import { hedgeDelay } from "./hedge-delay.js";
import { HedgeLimiter } from "./hedge-limiter.js";
import { LatencyAverage } from "./latency-average.js";
import { makeBalancer } from "./make-balancer.js";
import { PageReader, type PageHost } from "./page-reader.js";
import { retryDelay } from "./retry-backoff.js";
import { RetryBudget } from "./retry-budget.js";

/** Shared by all clients of a world. */
export interface ClientContext {
  readonly engine: Engine;
  readonly cluster: Cluster;
  readonly schedule: RateSchedule;
  readonly workload: WorkloadConfig;
  readonly config: ClientConfig;
  readonly signals: SignalBoard;
  readonly observer: RequestObserver;
  /** Numbers client requests (what the application issued). */
  nextRequestId(): number;
  /** Numbers attempts on the wire (first attempts, hedges, retries). */
  nextAttemptId(): number;
  /** The remote cache shared by the clients of zone `zone` (remote caches only). */
  zoneCache?(zone: number): KeyCache;
  /** Idempotency tokens and time-series modes; absent: plain writes. */
  readonly api?: ApiRuntime;
}

/** Per namespace: the draws a client makes for each request. */
interface NamespaceDraws {
  readonly op: Source;
  readonly key: () => number;
  readonly size: () => number;
  readonly cumulativeMix: readonly number[];
}

const isRetryable = (o: Outcome) => o === Outcome.TIMED_OUT || o === Outcome.SHED || o === Outcome.UNAVAILABLE;

/**
 * One application instance in a zone, with the resilience stack a reliable client needs: it
 * obeys the servers' signals (target, max, concurrency and hedge limits), picks servers with its
 * balancer, hedges a slow request to another server after target − average latency (under a
 * hedge limiter), retries what is retryable with capped exponential backoff and a budget, and
 * times out with one timer or a GC-tolerant chain of shorter ones. It pauses for its own GC:
 * while paused its timers and the answers it receives wait, and at resume the due timers run
 * before the buffered answers, as in a real runtime.
 */
export class Client implements Pausable, ChunkHost<ClientRequest>, PageHost {
  readonly index: number;
  readonly zone: number;
  readonly region: number;
  readonly name: string;
  readonly stats = new ClientStats();
  readonly #ctx: ClientContext;
  readonly #engine: Engine;
  readonly #share: number;
  readonly #arrivals: Source;
  readonly #namespacePick: Source;
  readonly #namespaces: NamespaceDraws[];
  #nsCumulative: number[];
  /** Per namespace, the factor a storm multiplies its load by (1: none). */
  readonly #nsFactor: number[];
  readonly #balancer: Balancer;
  readonly #health: HealthTracker;
  readonly #pick: PickContext & { replicas: readonly number[] };
  readonly #outstanding: Float64Array;
  readonly #outstandingNormal: Float64Array;
  readonly #hedgeLimiter: HedgeLimiter;
  readonly #limitHedges: boolean;
  /** Only weighted choice of n reads health; the others need not pay for it. */
  readonly #trackHealth: boolean;
  readonly #hedgeWaiters: ClientRequest[] = [];
  readonly #averages: LatencyAverage[];
  readonly #retryDraws: Source;
  readonly #budget: RetryBudget | undefined;
  readonly #gc: StopTheWorldPauses;
  readonly #cache: KeyCache | undefined;
  readonly #cacheLatency: (() => number) | undefined;
  readonly #remoteCache: boolean;
  readonly #compressor: Compressor | undefined;
  /** GetItems and Scan pages (absent: a GET reads one value, a SCAN is one request). */
  readonly #pages: PageReader | undefined;
  /** Whether PUTs may be chunked or compressed: when not, a request takes the plain path. */
  readonly #payloads: boolean;
  #paused = false;
  #loadFactor = 1;
  /** Σ share × storm factor over namespaces: 1 unless a tenant's storm is on. */
  #namespaceLoad = 1;
  #arrivalTimer = 0;
  #deferredTimers: Array<Action | unknown> = [];
  #deferredAnswers: Request[] = [];
  /** Token fetches: the service's latency and whether a fetch fails (regional / global tokens only). */
  readonly #tokenLatency: (() => number) | undefined;
  readonly #tokenErrors: Source | undefined;

  constructor(ctx: ClientContext, index: number, zone: number, region: number, name: string, share: number, streams: RandomStreams) {
    this.#ctx = ctx;
    this.#engine = ctx.engine;
    this.index = index;
    this.zone = zone;
    this.region = region;
    this.name = name;
    this.#share = share;
    const prefix = `client/${name}`;
    const config = ctx.config;
    this.#arrivals = streams.stream(`${prefix}/arrivals`);
    this.#namespacePick = streams.stream(`${prefix}/namespaces`);
    let cumulative = 0;
    this.#nsCumulative = ctx.workload.namespaces.map((ns) => (cumulative += ns.share));
    this.#nsFactor = ctx.workload.namespaces.map(() => 1);
    this.#namespaces = ctx.workload.namespaces.map((ns) => {
      let c = 0;
      return {
        op: streams.stream(`${prefix}/${ns.name}/ops`),
        key: keyChooser(ns.keys, streams.stream(`${prefix}/${ns.name}/keys`)),
        size: makeSampler(ns.valueSize, streams.stream(`${prefix}/${ns.name}/sizes`)),
        cumulativeMix: OPS.map((op) => (c += ns.mix[op])),
      };
    });
    const nodes = ctx.cluster.nodes.length;
    this.#balancer = makeBalancer(config.balancer.policy, streams.stream(`${prefix}/balancer`), config.balancer);
    this.#health = new HealthTracker(nodes, { halfLife: config.balancer.healthHalfLife });
    this.#outstanding = new Float64Array(nodes);
    this.#outstandingNormal = new Float64Array(nodes);
    this.#pick = {
      outstanding: this.#outstanding,
      nodeZone: Int32Array.from(ctx.cluster.nodes, (n) => n.place.zone),
      clientZone: zone,
      replicas: [],
      health: this.#health.penalties,
    };
    this.#hedgeLimiter = new HedgeLimiter(nodes);
    this.#limitHedges = config.hedging?.limiter !== undefined;
    this.#trackHealth = config.balancer.policy === "weightedChoiceOfN";
    const halfLife = config.hedging?.halfLife ?? 100;
    this.#averages = Array.from({ length: ctx.workload.namespaces.length * OPS.length }, () => new LatencyAverage({ halfLife }));
    this.#retryDraws = streams.stream(`${prefix}/retries`);
    this.#budget = config.retries?.budget ? new RetryBudget(config.retries.budget) : undefined;
    this.#remoteCache = config.cache?.kind === "remote";
    if (config.cache) {
      // A near cache is the client's own; a remote one is shared by the clients of a zone.
      this.#cache = config.cache.kind === "remote" ? ctx.zoneCache!(zone) : new KeyCache(config.cache.capacity);
      this.#cacheLatency = makeSampler(config.cache.latency, streams.stream(`${prefix}/cache`));
      if (config.cache.start === "warm" && this.#cache.size === 0) this.#cache.restart(this.#hottestKeys());
    }
    this.#compressor = config.compression ? new Compressor(config.compression, streams.stream(`${prefix}/compression`)) : undefined;
    const draws = { items: streams.stream(`${prefix}/item-rows`), scans: streams.stream(`${prefix}/scan-rows`) };
    this.#pages = config.paging ? new PageReader(config.paging, config.scan, draws, ctx.cluster.ring.rangeCount, this.stats, this) : undefined;
    this.#payloads = config.compression !== undefined || config.chunking !== undefined;
    this.#gc = new StopTheWorldPauses(ctx.engine, this, config.gc, streams.stream(`${prefix}/gc/interval`), streams.stream(`${prefix}/gc/pause`));
    const services = ctx.api?.tokenServices;
    if (services) {
      const service = ctx.api!.token === "global" ? services.globalConfig : services.regionalConfig;
      this.#tokenLatency = makeSampler(service.latency, streams.stream(`${prefix}/token/latency`));
      this.#tokenErrors = streams.stream(`${prefix}/token/errors`);
    }
  }

  /** Starts the arrival process (and the client's GC) at the current instant. */
  start(): void {
    this.#gc.start();
    this.#scheduleArrival(this.#engine.now);
  }

  // --- Pauses: while paused, timers and answers wait; at resume timers run first. ---

  pauseStarted(length: Micros): void {
    this.#paused = true;
    this.stats.pauses++;
    this.stats.pausedTime += length;
  }

  pauseEnded(): void {
    this.#paused = false;
    const timers = this.#deferredTimers;
    const answers = this.#deferredAnswers;
    this.#deferredTimers = [];
    this.#deferredAnswers = [];
    for (let i = 0; i < timers.length; i += 2) (timers[i] as Action)(timers[i + 1]);
    for (const attempt of answers) this.#answer(attempt);
  }

  /** A timer action that waits for the end of a pause before running. */
  #gated<T>(action: Action<T>): Action<T> {
    return (arg: T) => {
      if (this.#paused) this.#deferredTimers.push(action, arg);
      else action(arg);
    };
  }

  /** Answers from the cluster land here (already through the network). */
  readonly inbox = (attempt: Request): void => {
    if (this.#paused) {
      attempt.owner.bufferedReply = true;
      this.#deferredAnswers.push(attempt);
      return;
    }
    this.#answer(attempt);
  };

  // --- Arrivals ---

  /**
   * Multiplies this client's offered load by `factor` (an upstream retry storm), from now on.
   * The pending arrival is drawn afresh at the new rate, which is exact for a Poisson process.
   */
  multiplyLoad(factor: number, namespace?: number): void {
    if (namespace === undefined) {
      this.#loadFactor *= factor;
    } else {
      // One tenant's storm: its share of this client's load grows, and so does the total.
      this.#nsFactor[namespace] *= factor;
      let cumulative = 0;
      this.#nsCumulative = this.#ctx.workload.namespaces.map((ns, i) => (cumulative += ns.share * this.#nsFactor[i]));
      this.#namespaceLoad = cumulative;
    }
    if (this.#arrivalTimer !== 0 && this.#engine.cancel(this.#arrivalTimer)) this.#scheduleArrival(this.#engine.now);
  }

  /** Next Poisson arrival after `from`, exact across rate changes (redrawn at each change). */
  #scheduleArrival(from: Micros): void {
    const schedule = this.#ctx.schedule;
    let t = from;
    this.#arrivalTimer = 0;
    for (;;) {
      const rate = schedule.rateAt(t) * this.#share * this.#loadFactor * this.#namespaceLoad;
      const change = schedule.nextChange(t);
      if (rate > 0) {
        const at = t + (minusLogOneMinus(this.#arrivals()) / rate) * 1e6;
        if (at < change) {
          // A rate so small that the next arrival lies past the clock's range (285 years): none comes.
          if (!(at <= Number.MAX_SAFE_INTEGER)) return;
          this.#arrivalTimer = this.#engine.scheduleAt(Math.max(this.#engine.now, Math.round(at)), this.#onArrival);
          return;
        }
      }
      if (change === Number.POSITIVE_INFINITY) return;
      t = change;
    }
  }

  readonly #onArrival = this.#gated((): void => {
    this.#issue();
    this.#scheduleArrival(this.#engine.now);
  });

  #issue(): void {
    const ctx = this.#ctx;
    const ns = pickIndex(this.#nsCumulative, this.#namespacePick());
    const draws = this.#namespaces[ns];
    const op = pickIndex(draws.cumulativeMix, draws.op());
    const key = draws.key();
    let bytes = Math.max(0, Math.round(draws.size()));
    let cpu = 0;
    if (this.#compressor) {
      cpu = this.#compressor.cost(bytes);
      this.stats.valueBytes += bytes;
      bytes = this.#compressor.compress(bytes);
      this.stats.compressedBytes += bytes;
    }
    const range = ctx.cluster.ring.rangeOfKey(key);
    const signal = ctx.signals.get(ns, op);
    const request = new ClientRequest(ctx.nextRequestId(), op, ns, key, range, bytes, this.index, this.#engine.now, signal);
    if (this.#pages) {
      if (op === OpCode.GET) this.#pages.openItem(request);
      else if (op === OpCode.SCAN) this.#pages.openScan(request);
    }
    this.stats.requests++;
    const cache = this.#cache;
    if (cache) {
      // Keys are cached per namespace: offset them so that namespaces do not share entries.
      const cacheKey = key * ctx.workload.namespaces.length + ns;
      if (op === OpCode.PUT) cache.invalidate(cacheKey);
      else if (op === OpCode.GET && cache.lookup(cacheKey)) {
        let latency = this.#cacheLatency!();
        // A remote cache is a network round trip away (in the client's zone).
        if (this.#remoteCache) latency += ctx.cluster.network.delay(this.zone, this.zone, 128) + ctx.cluster.network.delay(this.zone, this.zone, bytes);
        this.#engine.schedule(Math.max(1, Math.round(latency)), this.#onCacheHit, request);
        return;
      }
    }
    const api = ctx.api;
    if (api !== undefined && this.#viaApi(api, request)) return;
    this.#startRequest(request, cpu);
  }

  /** Arms a request's timeout and sends its first attempt (after its token, compressing, or as chunks). */
  #startRequest(request: ClientRequest, cpu: number): void {
    const ctx = this.#ctx;
    const signal = request.signal;
    this.#budget?.onRequest();
    if (ctx.config.timeouts.kind === "chained") {
      request.stepsLeft = ctx.config.timeouts.steps;
      request.timeout = this.#engine.schedule(Math.max(1, Math.round(signal.max / request.stepsLeft)), this.#onTimeoutStep, request);
    } else {
      request.timeout = this.#engine.schedule(signal.max, this.#onDeadline, request);
    }
    if (this.#tokenLatency !== undefined && request.op === OpCode.PUT) {
      request.sendCpu = cpu;
      this.#fetchToken(request);
    } else this.#sendFirst(request, cpu);
  }

  /** The first attempt: through compression and chunking when they are on. */
  #sendFirst(request: ClientRequest, cpu = 0): void {
    if (this.#payloads) {
      this.#beginPayload(request, cpu);
      return;
    }
    if (!this.#send(request, AttemptKind.FIRST)) return;
    if (this.#ctx.config.hedging) this.#armHedge(request);
  }

  // --- The API: time-series events and reads, idempotency tokens ---

  /** Counts writes and time-series events; true when the request is already handled (fire and forget). */
  #viaApi(api: ApiRuntime, request: ClientRequest): boolean {
    const timeSeries = api.isTimeSeries[request.namespace] === 1;
    if (request.op === OpCode.GET) {
      if (timeSeries) request.pagesLeft = api.timeSeries!.readPages - 1;
      return false;
    }
    if (request.op !== OpCode.PUT) return false;
    api.writes.counts.issued++;
    if (!timeSeries) return false;
    api.events!.onSent(request);
    if (!api.fireAndForget) return false;
    this.#fireAndForget(request);
    return true;
  }

  /**
   * Fire and forget: the event goes to one coordinator and the application moves on at once; no
   * answer is awaited, so none can fail, be retried or hedged. With no coordinator known it is
   * dropped without a word.
   */
  #fireAndForget(request: ClientRequest): void {
    const cluster = this.#ctx.cluster;
    const candidates = cluster.coordinatorsIn(this.region);
    if (candidates.length > 0) {
      this.#pick.replicas = cluster.ring.replicas[request.range];
      const node = this.#balancer.pick(candidates, this.#pick, -1);
      const attempt = new Request(this.#ctx.nextAttemptId(), request.op, request.namespace, request.key, request.range, request.bytes, this.index, this.#engine.now, AttemptKind.FIRST, request);
      attempt.abandoned = true; // its acknowledgement, if any, is ignored
      request.lastNode = node;
      this.stats.firstAttempts++;
      cluster.submit(attempt, this.zone, node);
    }
    this.#finish(request, Outcome.OK);
  }

  /** Fetches the write's token from the regional or global service before its first attempt. */
  #fetchToken(request: ClientRequest): void {
    const api = this.#ctx.api!;
    const services = api.tokenServices!;
    const global = api.token === "global";
    const health = global ? services.global : services.regional[this.region];
    const fetch = tokenFetch(global ? services.globalConfig : services.regionalConfig, health, this.#tokenLatency!(), this.#tokenErrors!());
    this.stats.tokenFetches++;
    this.#engine.schedule(fetch.delay, fetch.failed ? this.#onTokenFailed : this.#onToken, request);
  }

  readonly #onToken = this.#gated((request: ClientRequest): void => {
    if (!request.done) this.#sendFirst(request, request.sendCpu);
  });

  /** Without a token the write cannot be sent safely: it fails (the application sees an error). */
  readonly #onTokenFailed = this.#gated((request: ClientRequest): void => {
    if (request.done) return;
    this.stats.tokenFailures++;
    this.#finish(request, Outcome.FAILED);
  });

  /** The next page of a time-series read, once the previous one is in (a fresh attempt budget). */
  #nextPage(request: ClientRequest): void {
    request.pagesLeft--;
    request.tries = 0;
    request.previousDelay = 0;
    request.hedged = false;
    this.#engine.cancel(request.hedgeTimer);
    request.hedgeTimer = 0;
    while (request.pending.length > 0) {
      this.stats.cancelled++;
      this.#release(request.pending.oldest!); // a slower copy of the page just read
    }
    this.stats.extraPages++;
    this.#sendFirst(request);
  }

  // --- Payloads: compression and chunked writes ---

  /** A request with compression or chunking on: compress a PUT first (client CPU), decompress a GET's answer. */
  #beginPayload(request: ClientRequest, cpu: number): void {
    this.stats.compressionTime += cpu;
    if (request.op === OpCode.PUT && cpu > 0) request.retryTimer = this.#engine.schedule(cpu, this.#onCompressed, request);
    else {
      if (request.op === OpCode.GET) request.decompress = cpu;
      this.#beginWrite(request);
    }
  }

  readonly #onCompressed = this.#gated((request: ClientRequest): void => {
    request.retryTimer = 0;
    if (!request.done) this.#beginWrite(request);
  });

  /** Sends a request whole, or, for a PUT larger than a chunk, as a chunked write. */
  #beginWrite(request: ClientRequest): void {
    const chunking = this.#ctx.config.chunking;
    if (chunking && request.op === OpCode.PUT && request.bytes > chunking.size) {
      const write = new ChunkedWrite(request, chunking.size, chunking.parallel, this);
      request.chunks = write;
      this.stats.chunkedWrites++;
      write.start();
      return;
    }
    this.launch(request);
  }

  newChunk(write: ClientRequest, bytes: number): ClientRequest {
    const ctx = this.#ctx;
    const chunk = new ClientRequest(ctx.nextAttemptId(), OpCode.PUT, write.namespace, write.key, write.range, bytes, this.index, this.#engine.now, write.signal);
    chunk.deadline = write.deadline;
    chunk.chunkOf = write.chunks;
    if (bytes > 0) this.stats.chunks++;
    return chunk;
  }

  launch(request: ClientRequest): void {
    if (!this.#send(request, AttemptKind.FIRST)) return;
    if (this.#ctx.config.hedging) this.#armHedge(request);
  }

  end(request: ClientRequest, outcome: Outcome): void {
    if (!request.done) this.#finish(request, outcome);
  }

  readonly #onCacheHit = (request: ClientRequest): void => {
    this.stats.cacheHits++;
    this.#ctx.observer.onRequestDone(request, this.#engine.now - request.start);
  };

  /**
   * Restarts the cache (a deploy, a crash of the cache process): cold, or pre-warmed with the
   * hottest keys (key 0 is the most popular under zipf) before it takes traffic.
   */
  restartCache(prewarm: boolean): void {
    this.#cache?.restart(prewarm ? this.#hottestKeys() : undefined);
  }

  /** The cache keys of the hottest keys of every namespace, coldest first (so the hottest stay). */
  #hottestKeys(): number[] {
    const namespaces = this.#ctx.workload.namespaces.length;
    const perNs = Math.floor(this.#cache!.capacity / namespaces);
    const keys: number[] = [];
    for (let k = perNs - 1; k >= 0; k--) for (let ns = 0; ns < namespaces; ns++) keys.push(k * namespaces + ns);
    return keys;
  }

  // --- Attempts ---

  /** Sends one attempt; false (and the request ended) when there is nowhere to send it. */
  #send(request: ClientRequest, kind: number): boolean {
    const cluster = this.#ctx.cluster;
    const candidates = this.#eligible(cluster.coordinatorsIn(this.region), request, kind);
    if (candidates.length === 0) {
      if (kind === AttemptKind.HEDGE) return false;
      if (cluster.coordinatorsIn(this.region).length > 0) this.stats.clientLimited++;
      this.#attemptFailed(request, cluster.coordinatorsIn(this.region).length > 0 ? Outcome.SHED : Outcome.UNAVAILABLE);
      return false;
    }
    this.#pick.replicas = cluster.ring.replicas[request.range];
    const node = this.#balancer.pick(candidates, this.#pick, kind === AttemptKind.FIRST ? -1 : request.lastNode);
    const attempt = new Request(this.#ctx.nextAttemptId(), request.op, request.namespace, request.key, request.range, request.bytes, this.index, this.#engine.now, kind, request);
    if (request.page !== undefined) attempt.page = request.page;
    this.#outstanding[node]++;
    if (kind === AttemptKind.HEDGE) {
      if (this.#limitHedges) this.#hedgeLimiter.tryAcquire(node, Number.POSITIVE_INFINITY);
      this.stats.hedges++;
    } else {
      this.#outstandingNormal[node]++;
      if (kind === AttemptKind.FIRST) this.stats.firstAttempts++;
      else this.stats.retries++;
      request.tries++;
    }
    if (this.#pick.nodeZone[node] !== this.zone) this.stats.crossZoneAttempts++;
    request.sent++;
    request.lastNode = node;
    request.pending.add(attempt);
    const retries = this.#ctx.config.retries;
    if (retries && retries.maxAttempts > 1) {
      const timeout = retries.attemptTimeout ?? Math.max(1, Math.round(request.signal.max / retries.maxAttempts));
      attempt.timer = this.#engine.schedule(timeout, this.#onAttemptTimeout, attempt);
    }
    cluster.submit(attempt, this.zone, node);
    return true;
  }

  /** The candidates this attempt may go to under the servers' signalled limits (allocates only when one is full). */
  #eligible(candidates: readonly number[], request: ClientRequest, kind: number): readonly number[] {
    const signal = this.#ctx.signals.get(request.namespace, request.op);
    const hedge = kind === AttemptKind.HEDGE;
    if (hedge && !this.#limitHedges) return candidates; // without a limiter, hedges are not capped
    // The common case, no candidate full, checked without a closure per call.
    if (!hedge) {
      const outstanding = this.#outstandingNormal;
      const limit = signal.concurrency;
      let anyFull = false;
      for (let i = 0; i < candidates.length; i++) if (outstanding[candidates[i]] >= limit) anyFull = true;
      if (!anyFull) return candidates;
    }
    const full = (n: number) =>
      hedge ? this.#hedgeLimiter.outstanding(n) >= signal.hedges : this.#outstandingNormal[n] >= signal.concurrency;
    let anyFull = false;
    for (const n of candidates) if (full(n)) anyFull = true;
    return anyFull ? candidates.filter((n) => !full(n)) : candidates;
  }

  /** Frees what an attempt held (outstanding counts, hedge slot, its timer); once. */
  #release(attempt: Request): void {
    const node = attempt.coordinator;
    this.#outstanding[node]--;
    if (attempt.kind === AttemptKind.HEDGE) {
      if (this.#limitHedges) {
        this.#hedgeLimiter.release(node);
        this.#wakeHedgeWaiter();
      }
    } else {
      this.#outstandingNormal[node]--;
    }
    this.#engine.cancel(attempt.timer);
    attempt.abandoned = true;
    attempt.owner.pending.remove(attempt);
  }

  #answer(attempt: Request): void {
    if (attempt.abandoned) return; // the client stopped waiting for it
    const request = attempt.owner;
    this.#release(attempt);
    const ok = attempt.reply === Outcome.OK;
    if (this.#trackHealth) this.#health.record(attempt.coordinator, ok, this.#engine.now - attempt.start);
    if (request.done) return;
    if (ok) {
      if (attempt.kind === AttemptKind.HEDGE) this.stats.hedgesWon++;
      if (request.pagesLeft > 0) {
        this.#nextPage(request);
        return;
      }
      if (this.#cache && request.op === OpCode.GET) this.#cache.fill(request.key * this.#ctx.workload.namespaces.length + request.namespace);
      this.#finish(request, Outcome.OK);
    } else if (request.pending.length === 0) {
      this.#attemptFailed(request, attempt.reply);
    } else {
      request.lastFailure = attempt.reply; // another attempt may still succeed
    }
  }

  /**
   * An attempt went unanswered for the attempt timeout: retry elsewhere if a retry is allowed
   * (abandoning it), else keep waiting for it until the request's own timeout.
   */
  readonly #onAttemptTimeout = this.#gated((attempt: Request): void => {
    attempt.timer = 0;
    if (attempt.abandoned) return;
    const request = attempt.owner;
    if (request.done || request.pending.length > 1) return;
    const delay = this.#retryDelay(request, Outcome.TIMED_OUT);
    if (delay === undefined) return;
    this.stats.attemptTimeouts++;
    this.#release(attempt);
    request.retryTimer = this.#engine.schedule(delay, this.#onRetry, request);
  });

  /** The last attempt in flight failed with `outcome`: retry if allowed, else end the request. */
  #attemptFailed(request: ClientRequest, outcome: Outcome): void {
    request.lastFailure = outcome;
    const delay = this.#retryDelay(request, outcome);
    if (delay === undefined) this.#finish(request, outcome);
    else request.retryTimer = this.#engine.schedule(delay, this.#onRetry, request);
  }

  /**
   * The backoff before retrying `request` after `outcome`, or undefined when it may not be
   * retried: not retryable, attempts used up, no time left before its max, or (counted) no
   * budget. A granted retry spends a budget token.
   */
  #retryDelay(request: ClientRequest, outcome: Outcome): number | undefined {
    const retries = this.#ctx.config.retries;
    if (!retries || !isRetryable(outcome) || request.tries >= retries.maxAttempts) return undefined;
    const base = Math.max(1, Math.round(retries.baseFactor * request.signal.target));
    const delay = retryDelay(request.tries, { base, cap: retries.cap, jitter: retries.jitter }, request.previousDelay || base, this.#retryDraws);
    if (this.#engine.now + delay >= request.deadline) return undefined;
    if (this.#budget && !this.#budget.tryRetry()) {
      this.stats.retriesRefused++;
      return undefined;
    }
    request.previousDelay = delay;
    return delay;
  }

  readonly #onRetry = this.#gated((request: ClientRequest): void => {
    request.retryTimer = 0;
    if (request.done) return;
    this.stats.retriesByAttempt[request.tries - 1] = (this.stats.retriesByAttempt[request.tries - 1] ?? 0) + 1;
    this.#send(request, AttemptKind.RETRY);
  });

  // --- Hedging ---

  #armHedge(request: ClientRequest): void {
    const hedging = this.#ctx.config.hedging!;
    const slot = request.namespace * OPS.length + request.op;
    const average = this.#averages[slot];
    const delay = hedgeDelay(request.signal.target, average, hedging.minSamples);
    if (delay === undefined) {
      this.stats.hedgeAboveTarget[slot] = (this.stats.hedgeAboveTarget[slot] ?? 0) + 1;
      return;
    }
    this.stats.hedgeArmed[slot] = (this.stats.hedgeArmed[slot] ?? 0) + 1;
    this.stats.hedgeDelaySum[slot] = (this.stats.hedgeDelaySum[slot] ?? 0) + delay;
    this.stats.hedgeAverageSum[slot] = (this.stats.hedgeAverageSum[slot] ?? 0) + (average.count > 0 ? average.value : 0);
    request.hedgeTimer = this.#engine.schedule(delay, this.#onHedge, request);
  }

  readonly #onHedge = this.#gated((request: ClientRequest): void => {
    request.hedgeTimer = 0;
    if (request.done || request.hedged || request.pending.length === 0) return;
    this.#tryHedge(request);
  });

  #tryHedge(request: ClientRequest): void {
    const limiter = this.#ctx.config.hedging!.limiter;
    if (limiter) {
      const free = this.#eligible(this.#ctx.cluster.coordinatorsIn(this.region), request, AttemptKind.HEDGE);
      if (free.length === 0 || (free.length === 1 && free[0] === request.lastNode)) {
        if (limiter.whenFull === "wait") this.#hedgeWaiters.push(request);
        else this.stats.hedgesLimited++;
        return;
      }
    }
    request.hedged = true;
    this.#send(request, AttemptKind.HEDGE);
  }

  #wakeHedgeWaiter(): void {
    while (this.#hedgeWaiters.length > 0) {
      const request = this.#hedgeWaiters.shift()!;
      if (request.done || request.hedged || request.pending.length === 0) continue;
      this.stats.hedgesWaited++;
      this.#tryHedge(request);
      return;
    }
  }

  // --- Timeouts and the end of a request ---

  readonly #onDeadline = this.#gated((request: ClientRequest): void => {
    request.timeout = 0;
    if (request.done) return;
    if (request.bufferedReply) this.stats.spuriousTimeouts++;
    this.#finish(request, Outcome.TIMED_OUT);
  });

  /** One step of a GC-tolerant chained timeout: a pause costs at most one step. */
  readonly #onTimeoutStep = this.#gated((request: ClientRequest): void => {
    request.timeout = 0;
    if (request.done) return;
    if (--request.stepsLeft > 0) {
      request.timeout = this.#engine.schedule(Math.max(1, Math.round(request.signal.max / this.#ctx.config.timeouts.steps)), this.#onTimeoutStep, request);
      return;
    }
    if (request.bufferedReply) this.stats.spuriousTimeouts++;
    this.#finish(request, Outcome.TIMED_OUT);
  });

  #finish(request: ClientRequest, outcome: Outcome): void {
    request.done = true;
    request.outcome = outcome;
    const engine = this.#engine;
    engine.cancel(request.timeout);
    engine.cancel(request.hedgeTimer);
    engine.cancel(request.retryTimer);
    while (request.pending.length > 0) {
      this.stats.cancelled++;
      this.#release(request.pending.oldest!);
    }
    // A chunked write's latency is not one attempt's: its chunks feed the average instead.
    if (outcome === Outcome.OK && request.chunks === undefined) {
      this.#averages[request.namespace * OPS.length + request.op].record(engine.now - request.start);
    }
    if (this.#payloads) {
      if (request.chunkOf !== undefined) {
        request.chunkOf.chunkEnded(request, outcome);
        return; // a chunk is not a request of the application's
      }
      if (request.chunks !== undefined) {
        request.chunks.abandon();
        if (request.chunks.committed) this.stats.committedWrites++;
        else if (request.chunks.stored > 0) this.stats.uncommittedWrites++;
      }
      if (outcome === Outcome.OK && request.decompress > 0) {
        engine.schedule(request.decompress, this.#report, request);
        if (request.page !== undefined) this.#pages!.ended(request, outcome);
        return;
      }
    }
    this.#report(request);
    if (request.page !== undefined) this.#pages!.ended(request, outcome);
  }

  // --- GetItems and Scan: pages ---

  nextPage(previous: ClientRequest, range: number, page: (target: Micros) => PageRead): void {
    const ctx = this.#ctx;
    const signal = ctx.signals.get(previous.namespace, previous.op);
    const next = new ClientRequest(ctx.nextRequestId(), previous.op, previous.namespace, previous.key, range, previous.bytes, this.index, this.#engine.now, signal);
    next.page = page(signal.target);
    next.scan = previous.scan;
    this.stats.requests++;
    this.#startRequest(next, previous.decompress);
  }

  /** Tells the metrics that `request` ended (after decompressing its answer, if compressed). */
  readonly #report = (request: ClientRequest): void => {
    this.#ctx.observer.onRequestDone(request, this.#engine.now - request.start);
  };
}

/** The index of the first cumulative share above `u` (the last one on rounding). */
function pickIndex(cumulative: readonly number[], u: number): number {
  const last = cumulative.length - 1;
  const x = u * cumulative[last];
  for (let i = 0; i < last; i++) if (x < cumulative[i]) return i;
  return last;
}
