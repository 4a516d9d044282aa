import { Engine, type StopReason } from "../engine/engine.js";
import { ApiRuntime } from "./api/api-runtime.js";
import { AppTier } from "./app-tier/app-tier.js";
import { RandomStreams } from "../engine/random-streams.js";
import { Client } from "./client/client.js";
import type { ClientContext } from "./client/client-context.js";
import { KeyCache } from "./client/key-cache.js";
import { ClusterOperations } from "./operations/cluster-operations.js";
import { NodeReplacements } from "./operations/node-replacement.js";
import { Cluster, type OperationObserver } from "./cluster/cluster.js";
import { KeyVersions } from "./cluster/key-versions.js";
import type { WorldConfig } from "./config.js";
import { scheduleFaults, type FaultObserver } from "./faults/fault-injector.js";
import { RateSchedule } from "./workload/rate-schedule.js";
import { SignalBoard } from "./signal-board.js";
import { locatingErrors } from "./simulation-error.js";
import type { Request, RequestObserver } from "./request/request.js";
import { Topology } from "./topology.js";
import { FluidLoad } from "./server/fluid-load.js";

/** What a world reports to while it runs. */
export interface WorldObservers {
  readonly requests: RequestObserver;
  readonly faults?: FaultObserver;
  readonly operations?: OperationObserver;
}

/**
 * A whole simulated system wired from a WorldConfig: topology, cluster, clients, workload and
 * faults on one engine, every random component on its own named stream of `seed`.
 */
export class World {
  readonly engine = new Engine();
  readonly streams: RandomStreams;
  readonly topology: Topology;
  readonly cluster: Cluster;
  readonly clients: readonly Client[];
  readonly config: WorldConfig;
  /** The root seed every random stream of the world derives from. */
  readonly seed: number;
  readonly signals: SignalBoard;
  /** Idempotency tokens and time-series modes, when the scenario configures the API. */
  readonly api: ApiRuntime | undefined;
  /** The stateless tier in front of the store, when the scenario configures one. */
  readonly appTier: AppTier | undefined;
  /** Hybrid fidelity's fluid load, when the scenario samples its requests. */
  readonly fluid: FluidLoad | undefined;
  /** Replacements of lost nodes, when the scenario configures them. */
  readonly replacements: NodeReplacements | undefined;
  #requestIds = 0;
  #attemptIds = 0;
  readonly #zoneCaches: KeyCache[] = [];

  constructor(config: WorldConfig, seed: number, observers: WorldObservers) {
    this.config = config;
    this.seed = seed;
    this.streams = new RandomStreams(seed);
    this.topology = new Topology(config.cluster);
    const fluid = config.fidelity
      ? new FluidLoad(config.fidelity, config.cluster.node, this.topology.nodesInZone.map((nodes) => nodes.length), this.streams)
      : undefined;
    this.fluid = fluid;
    this.cluster = new Cluster(this.engine, this.topology, config.cluster, this.streams, observers.operations, fluid);
    const operations = new ClusterOperations(this.engine, this.cluster, config.cluster, observers.operations);
    this.api = config.api ? new ApiRuntime(config.api, config.workload.namespaces.length, this.topology.regionNames.length) : undefined;
    if (this.api) this.cluster.attachApi(this.api);
    const regionOf = (name: string) => this.topology.regionNames.indexOf(name);
    if (config.workload.namespaces.some((n) => n.regions)) this.cluster.placeNamespaces(config.workload.namespaces.map((n) => n.regions?.map(regionOf)));
    this.appTier = config.appTier ? new AppTier(this.engine, this.cluster, config.appTier, this.streams, observers.requests, observers.operations) : undefined;
    const namespaces = config.workload.namespaces;
    if (namespaces.some((ns) => ns.cas)) this.cluster.versions = new KeyVersions(namespaces.map((ns) => (ns.cas ? ns.keys.count : undefined)));
    const places = clientPlaces(this.topology, config.client);
    const ctx: ClientContext = {
      engine: this.engine,
      cluster: this.cluster,
      schedule: new RateSchedule(config.workload.rate, config.workload.schedule),
      workload: config.workload,
      config: config.client,
      signals: (this.signals = new SignalBoard(this.engine, config.cluster.signals, config.workload.namespaces.map((n) => n.name))),
      observer: this.appTier ?? observers.requests,
      nextRequestId: () => this.#requestIds++,
      nextAttemptId: () => this.#attemptIds++,
      zoneCache: (zone) => (this.#zoneCaches[zone] ??= new KeyCache(config.client.cache!.capacity)),
      api: this.api,
      appTier: this.appTier,
      instances: places.length,
    };
    // Hybrid fidelity: each client issues only the sampled share of its traffic (a thinned Poisson process).
    const share = (config.fidelity?.sample ?? 1) / places.length;
    this.clients = places.map((p, index) => new Client(ctx, index, p.zone, p.region, p.name, share, this.streams));
    this.appTier?.attachClients(this.clients);
    // Flat tables, not a walk to each client object: at 768 clients that walk was 5% of the run.
    const clientZones = Int32Array.from(this.clients, (c) => c.zone);
    // One inbox action for every client (the answer names its client): no cold closure per client.
    const clients = this.clients;
    const inbox = (attempt: Request): void => clients[attempt.client].receive(attempt);
    this.cluster.attachClients({ zoneOf: (client) => clientZones[client], inboxOf: () => inbox });
    const replacement = config.cluster.replacement;
    this.replacements = replacement ? new NodeReplacements(this.engine, this.cluster, replacement, config.cluster.failureDetection, observers.operations) : undefined;
    const faultWorld = { engine: this.engine, cluster: this.cluster, clients: this.clients, tokenServices: this.api?.tokenServices, replacements: this.replacements };
    scheduleFaults(faultWorld, config.faults, this.streams, observers.faults);
    operations.startAutoscaling();
    for (const client of this.clients) client.start();
  }

  /** Requests issued so far. */
  get requestsIssued(): number {
    return this.#requestIds;
  }

  /** Runs to the configured duration, or until `maxEvents` have fired. */
  run(maxEvents?: number): StopReason {
    return locatingErrors(this.seed, () => this.engine.now, () => this.engine.run({ until: this.config.duration, maxEvents }).reason);
  }
}

/** Where the application instances run: `perZone` in each zone of the client regions (all regions when none are named). */
function clientPlaces(topology: Topology, config: WorldConfig["client"]): Array<{ zone: number; region: number; name: string }> {
  const regions = config.regions
    ? config.regions.map((name) => {
        const r = topology.regionNames.indexOf(name);
        if (r < 0) throw new RangeError(`client region "${name}" is not in the topology`);
        return r;
      })
    : topology.regionNames.map((_, r) => r);
  const places: Array<{ zone: number; region: number; name: string }> = [];
  for (const r of regions) {
    topology.zoneNames.forEach((zoneName, z) => {
      if (topology.zoneRegion[z] !== r) return;
      for (let i = 0; i < config.perZone; i++) places.push({ zone: z, region: r, name: `${zoneName}/${i}` });
    });
  }
  return places;
}
