import type { Action, Engine } from "../../engine/engine.js";
import type { Source } from "../../engine/random-streams.js";
import { makeSampler } from "../../engine/sampler.js";
import type { ApiRuntime } from "../api/api-runtime.js";
import { tokenFetch } from "../api/token-services.js";
import { OpCode, Outcome } from "../request/codes.js";
import type { ClientRequest } from "../request/request.js";
import type { ClientStats } from "./client-stats.js";

/** What a client's API calls need of the client. */
export interface ApiHost {
  /** Sends the first attempt of a write that has its token (`cpu`: compression still to spend, µs). */
  sendFirst(request: ClientRequest, cpu: number): void;
  /** Ends a request. */
  end(request: ClientRequest, outcome: Outcome): void;
}

/**
 * A client's side of the store's API: writes and time-series events are counted as issued, a
 * time-series read takes its pages, and a write fetches its idempotency token from the regional
 * or global service (a dependency that can be slow or fail) before its first attempt.
 */
export class ClientApi {
  readonly #api: ApiRuntime;
  readonly #engine: Engine;
  readonly #region: number;
  readonly #stats: ClientStats;
  /** Token fetches: the service's latency and whether a fetch fails (regional / global tokens only). */
  readonly #tokenLatency: (() => number) | undefined;
  readonly #tokenErrors: Source | undefined;
  readonly #onToken: Action<ClientRequest>;
  readonly #onTokenFailed: Action<ClientRequest>;

  /** `gate` wraps the token timers' actions (the client's pauses hold them). */
  constructor(
    api: ApiRuntime,
    engine: Engine,
    region: number,
    draws: { latency: Source; errors: Source },
    stats: ClientStats,
    host: ApiHost,
    gate: (action: Action<ClientRequest>) => Action<ClientRequest>,
  ) {
    this.#api = api;
    this.#engine = engine;
    this.#region = region;
    this.#stats = stats;
    const services = api.tokenServices;
    if (services) {
      const service = api.token === "global" ? services.globalConfig : services.regionalConfig;
      this.#tokenLatency = makeSampler(service.latency, draws.latency);
      this.#tokenErrors = draws.errors;
    }
    this.#onToken = gate((request) => {
      if (!request.done) host.sendFirst(request, request.sendCpu);
    });
    // Without a token the write cannot be sent safely: it fails (the application sees an error).
    this.#onTokenFailed = gate((request) => {
      if (request.done) return;
      this.#stats.tokenFailures++;
      host.end(request, Outcome.FAILED);
    });
  }

  /** Counts writes and time-series events; true when the request is a fire-and-forget event (no answer awaited). */
  issue(request: ClientRequest): boolean {
    const api = this.#api;
    const timeSeries = api.isTimeSeries[request.namespace] === 1;
    if (request.op === OpCode.GET) {
      if (timeSeries) request.pagesLeft = api.timeSeries!.readPages - 1;
      return false;
    }
    if (request.op !== OpCode.PUT) return false;
    api.writes.counts.issued++;
    if (!timeSeries) return false;
    api.events!.onSent(request);
    return api.fireAndForget;
  }

  /** Whether `request` must fetch a token from a service before it is sent. */
  needsToken(request: ClientRequest): boolean {
    return this.#tokenLatency !== undefined && request.op === OpCode.PUT;
  }

  /** Fetches the write's token from the regional or global service; then the write is sent, or fails. */
  fetchToken(request: ClientRequest): void {
    const api = this.#api;
    const services = api.tokenServices!;
    const global = api.token === "global";
    const health = global ? services.global : services.regional[this.#region];
    const fetch = tokenFetch(global ? services.globalConfig : services.regionalConfig, health, this.#tokenLatency!(), this.#tokenErrors!());
    this.#stats.tokenFetches++;
    this.#engine.schedule(fetch.delay, fetch.failed ? this.#onTokenFailed : this.#onToken, request);
  }
}
