import type { Engine } from "../../engine/engine.js";
import type { RandomStreams } from "../../engine/random-streams.js";
import { makeSampler } from "../../engine/sampler.js";
import type { Micros } from "../../engine/time.js";
import type { Cluster, OperationObserver } from "../cluster/cluster.js";
import type { AppTierConfig } from "./app-tier-config.js";
import { Autoscaler } from "../operations/autoscaler.js";
import { Outcome } from "../request/codes.js";
import type { ClientRequest, FinishedRequest, RequestObserver } from "../request/request.js";
import { AppPool } from "./app-pool.js";

/** A client as the app tier sees it: where it is, and how its request goes on to the store. */
export interface AppTierClient {
  readonly region: number;
  /** The app server is done with `request`: call the store (client CPU `cpu` µs still to spend). */
  afterApp(request: ClientRequest, cpu: Micros): void;
}

/** What the app tier did so far. */
export interface AppTierStats {
  /** µs requests spent in the app tier (waiting and served), and end-to-end, summed over requests. */
  appTime: Micros;
  latencyTime: Micros;
  /** Autoscaling decisions out and in; servers ordered ahead of evacuated load (pre-injected). */
  scaleOuts: number;
  scaleIns: number;
  preInjected: number;
  /** Most servers serving at once over the run, all regions together. */
  peakServers: number;
}

/**
 * A stateless tier between the clients and the store: every request first takes a slot on an
 * application server of its client's region (a shared pool per region, see AppPool), then calls
 * the store through the client's resilience stack. Once a region has been evacuated, its
 * requests are served by the other regions' servers in turn. Each region's servers are scaled by
 * their own Autoscaler (with `provisioning` delay); reserved headroom is never scaled in; with
 * pre-injection, an evacuation's decision orders the survivors' share of the lost region's
 * servers at once, so they can be serving by the time the load moves. It is also the requests'
 * observer on the way to the metrics, to add up the time spent in each tier.
 */
export class AppTier implements RequestObserver {
  readonly pools: readonly AppPool<ClientRequest>[];
  /** Servers at the start, all regions together. */
  readonly startServers: number;
  readonly stats: AppTierStats = { appTime: 0, latencyTime: 0, scaleOuts: 0, scaleIns: 0, preInjected: 0, peakServers: 0 };
  readonly #engine: Engine;
  readonly #cluster: Cluster;
  readonly #config: AppTierConfig;
  readonly #observer: RequestObserver;
  readonly #operations: OperationObserver | undefined;
  #clients: readonly AppTierClient[] = [];
  /** Per evacuated region: the region its latest request went to (they take turns). */
  readonly #turn: number[];

  constructor(engine: Engine, cluster: Cluster, config: AppTierConfig, streams: RandomStreams, observer: RequestObserver, operations?: OperationObserver) {
    this.#engine = engine;
    this.#cluster = cluster;
    this.#config = config;
    this.#observer = observer;
    this.#operations = operations;
    const topology = cluster.topology;
    const perZone = config.perZone + Math.ceil(config.perZone * config.headroom.reserved - 1e-9);
    this.pools = topology.regionNames.map((name, r) => {
      const zones = topology.zoneRegion.filter((region) => region === r).length;
      const service = makeSampler(config.service, streams.stream(`app-tier/${name}/service`));
      return new AppPool<ClientRequest>(engine, r, perZone * zones, config.concurrency, config.queueLimit, service, this.#served);
    });
    this.#turn = this.pools.map((_, r) => r);
    this.startServers = this.servers;
    this.#notePeak();
    if (config.headroom.preInject) cluster.onEvacuationDecided = (region) => this.#preInject(region);
    if (config.autoscaling) this.#startAutoscaling(config.autoscaling);
  }

  /** Connects the clients whose requests come back from the app servers; once, when the world is built. */
  attachClients(clients: readonly AppTierClient[]): void {
    this.#clients = clients;
  }

  /** A request of a client in `region` arrives: it waits for an app server, or is shed at once. */
  admit(request: ClientRequest, region: number, cpu: Micros): void {
    request.sendCpu = cpu;
    if (this.pools[this.#poolFor(region)].admit(request)) return;
    request.sendCpu = 0;
    request.done = true;
    request.outcome = Outcome.SHED;
    this.#observer.onRequestDone(request, 0);
  }

  onRequestDone(request: FinishedRequest, latency: Micros): void {
    this.stats.latencyTime += latency;
    this.#observer.onRequestDone(request, latency);
  }

  /** Servers serving now, all regions together. */
  get servers(): number {
    let n = 0;
    for (const p of this.pools) n += p.servers;
    return n;
  }

  readonly #served = (request: ClientRequest): void => {
    this.stats.appTime += this.#engine.now - request.start;
    const cpu = request.sendCpu;
    request.sendCpu = 0;
    this.#clients[request.client].afterApp(request, cpu);
  };

  /** The client's own region's pool; once it is evacuated, the other regions' that are not, in turn. */
  #poolFor(region: number): number {
    if (!this.#cluster.isEvacuated(region)) return region;
    const n = this.pools.length;
    for (let k = 1; k <= n; k++) {
      const r = (this.#turn[region] + k) % n;
      if (r !== region && !this.#cluster.isEvacuated(r)) {
        this.#turn[region] = r;
        return r;
      }
    }
    return region;
  }

  /** Region `lost` is being evacuated: each survivor orders its share of the lost region's servers. */
  #preInject(lost: number): void {
    const survivors = this.pools.filter((p) => p.region !== lost && !this.#cluster.isEvacuated(p.region));
    if (survivors.length === 0) return;
    const each = Math.ceil(this.pools[lost].servers / survivors.length);
    const names = this.#cluster.topology.regionNames;
    for (const pool of survivors) {
      this.#order(pool, each, "appTierPreInject", `${each} app server(s) in ${names[pool.region]}`);
      this.stats.preInjected += each;
    }
  }

  /** Orders `n` servers for `pool`, serving after provisioning; reported as operation `kind`. */
  #order(pool: AppPool<ClientRequest>, n: number, kind: string, target: string): void {
    this.#operations?.onOperation({ kind, target, phase: "detected" });
    this.#engine.schedule(this.#config.provisioning, () => {
      pool.addServers(n);
      this.#notePeak();
      this.#operations?.onOperation({ kind, target, phase: "mitigated" });
    });
  }

  #notePeak(): void {
    this.stats.peakServers = Math.max(this.stats.peakServers, this.servers);
  }

  #startAutoscaling(a: NonNullable<AppTierConfig["autoscaling"]>): void {
    const names = this.#cluster.topology.regionNames;
    const scalers = this.pools.map((pool) => {
      const min = pool.servers;
      const policy = new Autoscaler({
        metric: "utilization",
        scaleOutAbove: a.scaleOutAbove,
        scaleInBelow: a.scaleInBelow,
        detection: a.detection,
        provisioning: this.#config.provisioning,
        warmup: 0,
        cooldown: a.cooldown,
        step: a.step,
        min,
        max: Math.max(min, a.max),
      });
      return { pool, policy, slotTime: 0, capacityTime: 0 };
    });
    const tick = (): void => {
      const now = this.#engine.now;
      for (const s of scalers) {
        const { slotTime, capacityTime } = s.pool.stats;
        const offered = capacityTime - s.capacityTime;
        // No capacity at all while work waits counts as full.
        const utilization = offered > 0 ? (slotTime - s.slotTime) / offered : s.pool.queued > 0 ? 1 : 0;
        s.slotTime = slotTime;
        s.capacityTime = capacityTime;
        const decision = s.policy.observe(now, utilization, s.pool.servers);
        if (decision?.kind === "out") {
          this.stats.scaleOuts++;
          this.#order(s.pool, decision.units, "appTierAutoscale", `${decision.units} app server(s) in ${names[s.pool.region]}`);
        } else if (decision?.kind === "in") {
          this.stats.scaleIns++;
          s.pool.removeServers(decision.units);
        }
      }
      this.#engine.schedule(a.every, tick);
    };
    this.#engine.schedule(a.every, tick);
  }
}
