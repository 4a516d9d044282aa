import type { Action, Engine } from "../../engine/engine.js";
import type { RandomStreams } from "../../engine/random-streams.js";
import type { Micros } from "../../engine/time.js";
import { StopTheWorldPauses } from "../gc-pauses.js";
import { ClientPause } from "./client-pause.js";
import { AttemptKind, OpCode, Outcome } from "../request/codes.js";
import type { PageRead } from "../request/page-read.js";
import type { AppTierClient } from "../app-tier/app-tier.js";
import { ClientRequest, Request, type RequestObserver } from "../request/request.js";
import { Tie, type TieHost } from "../request/tie.js";
import { NamespaceDraws } from "../workload/namespace-draws.js";
import { ARRIVAL_STREAMS, OpenLoopArrivals } from "../workload/open-loop-arrivals.js";
import { ClosedLoops, closedLoopObserver } from "../workload/closed-loops.js";
import { CompareAndSet } from "./compare-and-set.js";
import type { Balancer, PickContext } from "./balancer/balancer.js";
import { ClientStats } from "./client-stats.js";
import { HealthTracker } from "./balancer/health-tracker.js";
import { ClientApi, type ApiHost } from "./client-api.js";
import { ClientCache } from "./client-cache.js";
import type { ClientContext } from "./client-context.js";
import { FanOut, type FanOutHost } from "./fan-out.js";
import { Hedger, type HedgeHost } from "./hedger.js";
import { InFlight } from "./in-flight.js";
import { makeBalancer, weighsOutstanding } from "./balancer/make-balancer.js";
import { PageReader, type PageHost } from "./page-reader.js";
import { PayloadPath, type PayloadHost } from "./payload-path.js";
import { RequestTimeout } from "./request-timeout.js";
import { Retrier } from "./retrier.js";

/**
 * One application instance in a zone, with the resilience stack a reliable client needs: it
 * obeys the servers' signals (target, max, concurrency and hedge limits), picks servers with its
 * balancer, hedges a slow request to another server after target − average latency (under a
 * hedge limiter), retries what is retryable with capped exponential backoff and a budget, and
 * times out with one timer or a GC-tolerant chain of shorter ones. It pauses for its own GC:
 * while paused its timers and the answers it receives wait, and at resume the due timers run
 * before the buffered answers, as in a real runtime.
 */
export class Client implements PageHost, HedgeHost, PayloadHost, ApiHost, FanOutHost, TieHost<Request>, AppTierClient {
  // Fields in the order a request reads them (V8 lays them out so): at 768 clients, cold at each request.
  readonly stats = new ClientStats();
  /** Stop-the-world pauses: timers and answers wait them out. */
  readonly #pause = new ClientPause(this.stats);
  readonly #ctx: ClientContext;
  readonly #engine: Engine;
  readonly #arrivals: OpenLoopArrivals;
  readonly #namespaces: NamespaceDraws[];
  readonly index: number;
  readonly zone: number;
  readonly region: number;
  /** Which PUTs are compare-and-set; absent: none. */
  readonly #cas: CompareAndSet | undefined;
  /** Multi-gets (absent: none); finished requests go to the metrics through it. */
  readonly #fanOut: FanOut | undefined;
  /** GetItems and Scan pages (absent: a GET reads one value, a SCAN is one request). */
  readonly #pages: PageReader | undefined;
  readonly #cache: ClientCache | undefined;
  /** The store's API: counted writes, time-series events, idempotency tokens. Absent: plain writes. */
  readonly #api: ClientApi | undefined;
  readonly #retrier: Retrier | undefined;
  readonly #timeout: RequestTimeout;
  readonly #payload: PayloadPath | undefined;
  /** Attempts in flight per node: all of them, and normal ones (first attempts and retries). */
  readonly #inFlight: InFlight;
  readonly #balancer: Balancer;
  readonly #pick: PickContext & { replicas: readonly number[] };
  /** Absent: no hedging, one attempt only, values sent as they are. */
  readonly #hedger: Hedger | undefined;
  /** Tied requests' cancel delay, µs; −1: untied. */
  readonly #tieDelay: number;
  /** What this client has seen of each node; only weighted choice of n reads it, the others need not pay for it. */
  readonly #health: HealthTracker | undefined;
  readonly #observer: RequestObserver;
  readonly name: string;
  readonly #gc: StopTheWorldPauses;
  /** This instance's closed-loop clients (their requests carry their loop); absent: none. */
  readonly closedLoops: ClosedLoops | undefined;

  constructor(ctx: ClientContext, index: number, zone: number, region: number, name: string, share: number, streams: RandomStreams) {
    this.#ctx = ctx;
    this.#engine = ctx.engine;
    this.index = index;
    this.zone = zone;
    this.region = region;
    this.name = name;
    const prefix = `client/${name}`;
    const config = ctx.config;
    // One block for the draws of every request: arrival gaps, namespace picks, then each namespace's.
    const block = streams.block([`${prefix}/arrivals`, `${prefix}/namespaces`, ...ctx.workload.namespaces.flatMap((ns) => NamespaceDraws.streamNames(ns, prefix))]);
    this.#arrivals = new OpenLoopArrivals(ctx.engine, ctx.schedule, share, ctx.workload.namespaces.map((ns) => ns.share), block, Client.#arrive, this);
    this.#namespaces = ctx.workload.namespaces.map((ns, i) => new NamespaceDraws(ns, block, ARRIVAL_STREAMS + 3 * i));
    const nodes = ctx.cluster.nodes.length;
    this.#balancer = makeBalancer(config.balancer.policy, streams.stream(`${prefix}/balancer`), config.balancer, { topology: ctx.cluster.topology, client: name, zone });
    this.#health = config.balancer.policy === "weightedChoiceOfN" || config.balancer.extension ? new HealthTracker(nodes, { halfLife: config.balancer.healthHalfLife }) : undefined;
    this.#inFlight = new InFlight(nodes, weighsOutstanding(config.balancer.policy, config.balancer));
    // `health` is read by weighted choice of n and registered balancers only.
    this.#pick = { outstanding: this.#inFlight.all, nodeZone: ctx.cluster.nodeZone, clientZone: zone, replicas: [], health: this.#health?.penalties ?? new Float64Array(0) };
    const gate = <T>(action: Action<T>) => this.#pause.gate(action);
    this.#timeout = new RequestTimeout(ctx.engine, config.timeouts, this.stats, (request, outcome) => this.#finish(request, outcome), gate);
    this.#hedger = config.hedging ? new Hedger(ctx.engine, config.hedging, ctx.workload.namespaces.length, nodes, this.stats, this, gate) : undefined;
    this.#retrier = config.retries ? new Retrier(ctx.engine, config.retries, streams.stream(`${prefix}/retries`), this.stats) : undefined;
    if (config.cache) {
      // A near cache is the client's own; a remote one is shared by the clients of a zone.
      const shared = config.cache.kind === "remote" ? ctx.zoneCache!(zone) : undefined;
      this.#cache = new ClientCache(config.cache, shared, ctx.workload.namespaces.length, streams.stream(`${prefix}/cache`), ctx.cluster.network, zone);
    }
    const draws = { items: streams.stream(`${prefix}/item-rows`), scans: streams.stream(`${prefix}/scan-rows`) };
    this.#pages = config.paging ? new PageReader(config.paging, config.scan, draws, ctx.cluster.ring.rangeCount, this.stats, this) : undefined;
    const payloads = config.compression !== undefined || config.chunking !== undefined;
    this.#payload = payloads ? new PayloadPath(ctx.engine, config, streams.stream(`${prefix}/compression`), index, this.stats, this, gate) : undefined;
    this.#gc = new StopTheWorldPauses(ctx.engine, this.#pause, config.gc, streams.stream(`${prefix}/gc/interval`), streams.stream(`${prefix}/gc/pause`));
    if (ctx.api) {
      const tokenDraws = { latency: streams.stream(`${prefix}/token/latency`), errors: streams.stream(`${prefix}/token/errors`) };
      this.#api = new ClientApi(ctx.api, ctx.engine, region, tokenDraws, this.stats, this, gate);
    }
    this.#fanOut = ctx.workload.namespaces.some((ns) => ns.fanOut) ? new FanOut(ctx, index, streams, prefix, this.stats, this) : undefined;
    this.#observer = this.#fanOut ?? ctx.observer;
    this.#tieDelay = config.hedging?.tied?.cancelDelay ?? -1;
    this.#cas = ctx.workload.namespaces.some((ns) => ns.cas) ? new CompareAndSet(ctx.workload.namespaces, streams, prefix, this.stats) : undefined;
    this.closedLoops = ClosedLoops.on(ctx.engine, ctx.workload.closedLoop, index, ctx.instances ?? 1, streams, prefix, this.#pause.gate((loop: number) => this.#issue(loop)));
    if (this.closedLoops) this.#observer = closedLoopObserver(this.closedLoops, this.#observer);
  }

  /** Starts the arrival process (and the client's GC) at the current instant. */
  start(): void {
    this.#gc.start();
    this.#arrivals.next();
    this.closedLoops?.start();
  }

  /** Answers from the cluster land here (already through the network). */
  receive(attempt: Request): void {
    if (this.#pause.paused) {
      attempt.owner.bufferedReply = true;
      this.#pause.holdAnswer(this.#answer, attempt);
      return;
    }
    this.#answerAttempt(attempt);
  }

  /** Multiplies this client's offered load by `factor` (an upstream retry storm), from now on. */
  retryStorm(factor: number, namespace?: number): void {
    this.#arrivals.retryStorm(factor, namespace);
  }

  /** An arrival: one action for every client, its argument the client (no closure of a client's own to touch). */
  static readonly #arrive: Action<Client> = (client) => {
    if (client.#pause.paused) return client.#pause.holdTimer(Client.#arrive, client);
    client.#issue();
    client.#arrivals.next();
  };

  #issue(loop = -1): void {
    const ctx = this.#ctx;
    const ns = this.#arrivals.pickNamespace();
    const draws = this.#namespaces[ns];
    const op = draws.op();
    const key = draws.key();
    let bytes = draws.bytes();
    let cpu = 0;
    if (this.#payload) {
      cpu = this.#payload.cpu(bytes);
      bytes = this.#payload.encode(bytes);
    }
    const range = ctx.cluster.ring.rangeOfKey(key);
    const signal = ctx.signals.get(ns, op);
    const request = new ClientRequest(ctx.nextRequestId(), op, ns, key, range, bytes, this.index, this.#engine.now, signal);
    request.loop = loop;
    request.cas = this.#cas?.marks(ns, op) === true;
    if (ctx.appTier) ctx.appTier.admit(request, this.region, cpu);
    else this.afterApp(request, cpu);
  }

  /** Past the app tier (or with none): a multi-get opens its parts; anything else is sent. */
  afterApp(request: ClientRequest, cpu: number): void {
    if (!this.#fanOut?.open(request, cpu)) this.issuePart(request, cpu);
  }

  /** Sends a request on its way (a GetItems or Scan page, the cache, the API, its first attempt). */
  issuePart(request: ClientRequest, cpu: number): void {
    if (this.#pages) {
      if (request.op === OpCode.GET) this.#pages.openItem(request);
      else if (request.op === OpCode.SCAN) this.#pages.openScan(request);
    }
    this.stats.requests++;
    if (this.#cache) {
      const hit = this.#cache.lookup(request.op, request.key, request.namespace, request.bytes);
      if (hit >= 0) {
        this.#engine.schedule(hit, this.#onCacheHit, request);
        return;
      }
    }
    if (this.#api?.issue(request)) this.#fireAndForget(request);
    else this.#startRequest(request, cpu);
  }

  /** Arms a request's timeout and sends its first attempt (after its token, compressing, or as chunks). */
  #startRequest(request: ClientRequest, cpu: number): void {
    this.#retrier?.onRequest();
    this.#timeout.arm(request);
    if (this.#api?.needsToken(request)) {
      request.sendCpu = cpu;
      this.#api.fetchToken(request);
    } else this.sendFirst(request, cpu);
  }

  /** The first attempt: through compression and chunking when they are on. */
  sendFirst(request: ClientRequest, cpu: number): void {
    if (this.#payload) this.#payload.begin(request, cpu);
    else this.launch(request);
  }

  /**
   * Fire and forget: the event goes to one coordinator and the application moves on at once; no
   * answer is awaited, so none can fail, be retried or hedged. With no coordinator known it is
   * dropped without a word.
   */
  #fireAndForget(request: ClientRequest): void {
    const cluster = this.#ctx.cluster;
    const candidates = cluster.coordinatorsFor(this.region, request.namespace);
    if (candidates.length > 0) {
      this.#pick.replicas = cluster.replicasOf(request.namespace, request.range);
      const node = this.#balancer.pick(candidates, this.#pick, -1);
      const attempt = new Request(this.#ctx.nextAttemptId(), request.op, request.namespace, request.key, request.range, request.bytes, this.index, this.#engine.now, AttemptKind.FIRST, request);
      attempt.abandoned = true; // its acknowledgement, if any, is ignored
      request.lastNode = node;
      this.stats.firstAttempts++;
      cluster.submit(attempt, this.zone, node);
    }
    this.#finish(request, Outcome.OK);
  }

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
    this.sendFirst(request, 0);
  }

  launch(request: ClientRequest): void {
    if (!this.#send(request, AttemptKind.FIRST)) return;
    if (!request.cas) this.#hedger?.arm(request);
  }

  end(request: ClientRequest, outcome: Outcome): void {
    if (!request.done) this.#finish(request, outcome);
  }

  nextAttemptId(): number {
    return this.#ctx.nextAttemptId();
  }

  hedgeCandidates(request: ClientRequest): readonly number[] {
    return this.#eligible(this.#ctx.cluster.coordinatorsFor(this.region, request.namespace), request, AttemptKind.HEDGE);
  }

  sendHedge(request: ClientRequest): void {
    this.#send(request, AttemptKind.HEDGE);
  }

  readonly #onCacheHit = (request: ClientRequest): void => {
    this.stats.cacheHits++;
    this.#observer.onRequestDone(request, this.#engine.now - request.start);
  };

  /** Restarts the cache (a deploy, a crash of the cache process): cold, or pre-warmed with the hottest keys. */
  restartCache(prewarm: boolean): void {
    this.#cache?.restart(prewarm);
  }

  /** Sends one attempt (a CAS write: conditional on `version`); false (and the request ended) when there is nowhere to send it. */
  #send(request: ClientRequest, kind: number, version = -1): boolean {
    const cluster = this.#ctx.cluster;
    const coordinators = cluster.coordinatorsFor(this.region, request.namespace);
    const candidates = this.#eligible(coordinators, request, kind);
    if (candidates.length === 0) {
      if (kind === AttemptKind.HEDGE) return false;
      if (coordinators.length > 0) this.stats.clientLimited++;
      if (kind === AttemptKind.FIRST) request.tries++; // nowhere to go still uses a try: its retry is the second
      this.#attemptFailed(request, coordinators.length > 0 ? Outcome.SHED : Outcome.UNAVAILABLE);
      return false;
    }
    this.#pick.replicas = cluster.replicasOf(request.namespace, request.range);
    const node = this.#balancer.pick(candidates, this.#pick, kind === AttemptKind.FIRST || kind === AttemptKind.CAS_WRITE ? -1 : request.lastNode);
    const op = request.cas ? this.#cas!.attemptOp(kind) : request.op;
    const attempt = new Request(this.#ctx.nextAttemptId(), op, request.namespace, request.key, request.range, request.bytes, this.index, this.#engine.now, kind, request);
    if (request.page !== undefined) attempt.page = request.page;
    // Tied requests: a first attempt starts a tie, its hedge joins it (retries go untied).
    if (this.#tieDelay >= 0 && kind !== AttemptKind.RETRY) attempt.tie = kind === AttemptKind.FIRST ? new Tie(this.#engine, this.#tieDelay, this) : request.pending.oldest?.tie;
    this.#inFlight.sent(node, kind === AttemptKind.HEDGE);
    if (kind === AttemptKind.HEDGE) {
      this.#hedger!.sent(node);
      this.stats.hedges++;
    } else if (kind === AttemptKind.CAS_WRITE) attempt.version = version;
    else {
      if (kind === AttemptKind.FIRST) this.stats.firstAttempts++;
      else this.stats.retries++;
      request.tries++;
    }
    if (this.#pick.nodeZone[node] !== this.zone) this.stats.crossZoneAttempts++;
    request.sent++;
    request.lastNode = node;
    request.pending.add(attempt);
    const timeout = this.#retrier?.attemptTimeout(request);
    if (timeout !== undefined) attempt.timer = this.#engine.schedule(timeout, this.#onAttemptTimeout, attempt);
    cluster.submit(attempt, this.zone, node);
    return true;
  }

  tiedCancelled(attempt: Request): void {
    this.stats.tiedCancelled++;
    if (!attempt.abandoned) this.#release(attempt);
  }

  tiedDuplicated(): void {
    this.stats.tiedDuplicated++;
  }

  /** The candidates this attempt may go to under the servers' signalled limits. */
  #eligible(candidates: readonly number[], request: ClientRequest, kind: number): readonly number[] {
    return this.#inFlight.eligible(candidates, this.#ctx.signals.get(request.namespace, request.op), kind === AttemptKind.HEDGE, this.#hedger);
  }

  /** Frees what an attempt held (outstanding counts, hedge slot, its timer); once. */
  #release(attempt: Request): void {
    const node = attempt.coordinator;
    this.#inFlight.released(node, attempt.kind === AttemptKind.HEDGE);
    if (attempt.kind === AttemptKind.HEDGE) this.#hedger!.released(node);
    this.#engine.cancel(attempt.timer);
    attempt.abandoned = true;
    attempt.owner.pending.remove(attempt);
  }

  readonly #answer = (attempt: Request): void => this.#answerAttempt(attempt);

  #answerAttempt(attempt: Request): void {
    if (attempt.abandoned) return; // the client stopped waiting for it
    const request = attempt.owner;
    this.#release(attempt);
    const ok = attempt.reply === Outcome.OK;
    this.#health?.record(attempt.coordinator, ok, this.#engine.now - attempt.start);
    if (request.done) return;
    if (request.cas && this.#cas!.answered(attempt)) {
      this.#send(request, AttemptKind.CAS_WRITE, attempt.version); // the version is read: write conditional on it
      return;
    }
    if (ok) {
      if (attempt.kind === AttemptKind.HEDGE) this.stats.hedgesWon++;
      if (request.pagesLeft > 0) {
        this.#nextPage(request);
        return;
      }
      if (this.#cache && request.op === OpCode.GET) this.#cache.fill(request.key, request.namespace);
      this.#finish(request, Outcome.OK);
    } else if (request.pending.length === 0) {
      this.#attemptFailed(request, attempt.reply, attempt.errorClass);
    } else {
      request.lastFailure = attempt.reply; // another attempt may still succeed
    }
  }

  /**
   * An attempt went unanswered for the attempt timeout: retry elsewhere if a retry is allowed
   * (abandoning it), else keep waiting for it until the request's own timeout. The last try with
   * a timeout of its own is given up: the request times out unless another attempt is out.
   */
  readonly #onAttemptTimeout = this.#pause.gate((attempt: Request): void => {
    attempt.timer = 0;
    if (attempt.abandoned) return;
    const request = attempt.owner;
    if (request.done) return;
    if (this.#retrier!.givesUp(request)) {
      this.#release(attempt);
      if (request.pending.length === 0) this.#finish(request, Outcome.TIMED_OUT);
      return;
    }
    if (request.pending.length > 1) return;
    const delay = this.#retrier?.delay(request, Outcome.TIMED_OUT);
    if (delay === undefined) return;
    this.stats.attemptTimeouts++;
    this.#release(attempt);
    request.retryTimer = this.#engine.schedule(delay, this.#onRetry, request);
  });

  /** The last attempt in flight failed with `outcome`: retry if allowed, else end the request. */
  #attemptFailed(request: ClientRequest, outcome: Outcome, errorClass = -1): void {
    request.lastFailure = outcome;
    const delay = this.#retrier?.delay(request, outcome, errorClass);
    if (delay === undefined) this.#finish(request, outcome);
    else request.retryTimer = this.#engine.schedule(delay, this.#onRetry, request);
  }

  readonly #onRetry = this.#pause.gate((request: ClientRequest): void => {
    request.retryTimer = 0;
    if (request.done) return;
    this.stats.retriesByAttempt[request.tries - 1] = (this.stats.retriesByAttempt[request.tries - 1] ?? 0) + 1;
    this.#send(request, AttemptKind.RETRY);
  });

  // --- Timeouts and the end of a request ---

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
    // A chunked write's latency is not one attempt's (its chunks feed the average instead), nor a compare-and-set's.
    if (outcome === Outcome.OK && request.chunks === undefined && !request.cas) this.#hedger?.recordLatency(request.namespace, request.op, engine.now - request.start);
    if (this.#payload?.ended(request, outcome)) return; // a chunk is not a request of the application's
    // A compressed answer is reported once decompressed (`decompress` is 0 without compression).
    if (outcome === Outcome.OK && request.decompress > 0) engine.schedule(request.decompress, this.#report, request);
    else this.#reportDone(request);
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
  readonly #report = (request: ClientRequest): void => this.#reportDone(request);

  #reportDone(request: ClientRequest): void {
    this.#observer.onRequestDone(request, this.#engine.now - request.start);
  }
}
