import type { Engine } from "../../engine/engine.js";
import type { TokenServiceHealth, TokenServices } from "../api/token-services.js";
import type { RandomStreams } from "../../engine/random-streams.js";
import { makeSampler } from "../../engine/sampler.js";
import type { Cluster } from "../cluster/cluster.js";
import type { FaultEvent, FaultsConfig, FaultTarget } from "../config.js";
import type { Topology } from "../topology.js";

/** A client whose offered load a surge multiplies. */
export interface SurgeTarget {
  readonly zone: number;
  retryStorm(factor: number, namespace?: number): void;
  restartCache(prewarm: boolean): void;
}

/** Something that wants to know when faults begin and end (metrics annotate episodes with it). */
export interface FaultObserver {
  /** `scripted`: the scenario's timeline put it there; otherwise a random failure process did. */
  onFault(event: { readonly kind: string; readonly target: string; readonly phase: "start" | "end"; readonly scripted: boolean }): void;
}

/** The node indices a fault target names; throws on a name the topology does not have. */
export function resolveTarget(topology: Topology, target: FaultTarget): number[] {
  if ("all" in target) return topology.nodes.map((n) => n.index);
  if ("node" in target) {
    const index = topology.nodeIndex(target.node);
    if (index === undefined) throw new RangeError(`no node "${target.node}"`);
    return [index];
  }
  if ("zone" in target) {
    const z = topology.zoneNames.indexOf(target.zone);
    if (z < 0) throw new RangeError(`no zone "${target.zone}"`);
    return [...topology.nodesInZone[z]];
  }
  const r = topology.regionNames.indexOf(target.region);
  if (r < 0) throw new RangeError(`no region "${target.region}"`);
  return [...topology.nodesInRegion[r]];
}

/** Human name of a target, e.g. "zone us-east-1a". */
export function describeTarget(target: FaultTarget): string {
  if ("all" in target) return "all nodes";
  if ("node" in target) return `node ${target.node}`;
  if ("zone" in target) return `zone ${target.zone}`;
  return `region ${target.region}`;
}

/**
 * Plays the fault timeline (each fault starts at `at` and is undone after `for`) and runs the
 * random node-failure processes (exponential time to failure, drawn repair time), each node on
 * its own stream so that adding a fault never moves another's failures.
 */
export class FaultInjector {
  readonly #engine: Engine;
  readonly #cluster: Cluster;
  readonly #observer: FaultObserver | undefined;

  readonly #clients: readonly SurgeTarget[];
  readonly #tokenServices: TokenServices | undefined;

  constructor(
    engine: Engine,
    cluster: Cluster,
    config: FaultsConfig,
    streams: RandomStreams,
    observer?: FaultObserver,
    clients: readonly SurgeTarget[] = [],
    tokenServices?: TokenServices,
  ) {
    this.#tokenServices = tokenServices;
    this.#engine = engine;
    this.#cluster = cluster;
    this.#clients = clients;
    this.#observer = observer;
    for (const event of config.timeline) this.#plan(event);
    if (config.nodeFailures) {
      for (const node of cluster.nodes) {
        const name = `faults/node-failures/${node.place.id}`;
        const up = makeSampler({ dist: "exponential", mean: config.nodeFailures.mtbf }, streams.stream(`${name}/up`));
        const repair = makeSampler(config.nodeFailures.mttr, streams.stream(`${name}/repair`));
        const fail = () => {
          cluster.crash(node.place.index);
          this.#notify("crash", `node ${node.place.id}`, "start", false);
          engine.schedule(Math.max(1, Math.round(repair())), heal);
        };
        const heal = () => {
          cluster.recover(node.place.index);
          this.#notify("crash", `node ${node.place.id}`, "end", false);
          engine.schedule(Math.max(1, Math.round(up())), fail);
        };
        engine.schedule(Math.max(1, Math.round(up())), fail);
      }
    }
  }

  #plan(event: FaultEvent): void {
    if (event.kind === "tokenServiceDegradation") {
      this.#planTokenService(event);
      return;
    }
    if (event.kind === "loadSurge") {
      this.#planSurge(event);
      return;
    }
    if (event.kind === "cacheRestart") {
      const clients = this.#clientsOf(event.target);
      this.#engine.scheduleAt(event.at, () => {
        for (const c of clients) c.restartCache(event.prewarm);
        this.#notify("cacheRestart", `caches of clients of ${describeTarget(event.target)}`, "start");
      });
      return;
    }
    if (event.kind === "maintenanceWave") {
      this.#planWave(event);
      return;
    }
    if (event.kind === "packetLoss") {
      this.#planPacketLoss(event);
      return;
    }
    const nodes = resolveTarget(this.#cluster.topology, event.target);
    const name = describeTarget(event.target);
    this.#engine.scheduleAt(event.at, () => {
      this.#apply(event, nodes, true);
      this.#notify(event.kind, name, "start");
    });
    if (event.for !== undefined) {
      this.#engine.scheduleAt(event.at + event.for, () => {
        this.#apply(event, nodes, false);
        this.#notify(event.kind, name, "end");
      });
    }
  }

  /** The clients in the target's zones (a node target means its zone): what client faults act on. */
  #clientsOf(target: FaultTarget): SurgeTarget[] {
    const topology = this.#cluster.topology;
    const zones = new Set(resolveTarget(topology, target).map((n) => topology.nodes[n].zone));
    return this.#clients.filter((c) => zones.has(c.zone));
  }

  /** Packet loss acts on the network of the target's zones (a node target means its zone). */
  #planPacketLoss(event: FaultEvent & { kind: "packetLoss" }): void {
    const topology = this.#cluster.topology;
    const network = this.#cluster.network;
    const zones = [...new Set(resolveTarget(topology, event.target).map((n) => topology.nodes[n].zone))];
    // The servers of those zones count as impaired while it lasts (where the fault was).
    const nodes = zones.flatMap((z) => [...topology.nodesInZone[z]]).map((n) => this.#cluster.nodes[n]);
    const name = `network of ${describeTarget(event.target)}`;
    this.#engine.scheduleAt(event.at, () => {
      for (const n of nodes) n.holdFault();
      for (const z of zones) network.startLoss(z, event.share);
      this.#notify("packetLoss", name, "start");
    });
    if (event.for !== undefined) {
      this.#engine.scheduleAt(event.at + event.for, () => {
        for (const n of nodes) n.releaseFault();
        for (const z of zones) network.stopLoss(z, event.share);
        this.#notify("packetLoss", name, "end");
      });
    }
  }

  /** A load surge acts on the clients in the target's zones (node targets mean their zone). */
  #planSurge(event: FaultEvent & { kind: "loadSurge" }): void {
    const clients = this.#clientsOf(event.target);
    const name = `clients of ${describeTarget(event.target)}` + (event.namespace !== undefined ? ` (namespace ${event.namespaceName})` : "");
    this.#engine.scheduleAt(event.at, () => {
      for (const c of clients) c.retryStorm(event.factor, event.namespace);
      this.#notify("loadSurge", name, "start");
    });
    if (event.for !== undefined) {
      this.#engine.scheduleAt(event.at + event.for, () => {
        for (const c of clients) c.retryStorm(1 / event.factor, event.namespace);
        this.#notify("loadSurge", name, "end");
      });
    }
  }

  /** A maintenance wave: batches of nodes in zone order, each drained, down, back, then the next. */
  #planWave(event: FaultEvent & { kind: "maintenanceWave" }): void {
    const topology = this.#cluster.topology;
    const nodes = resolveTarget(topology, event.target).sort((a, b) => topology.nodes[a].zone - topology.nodes[b].zone || a - b);
    const name = `${nodes.length} nodes of ${describeTarget(event.target)}`;
    const step = event.drain + event.down + event.gap;
    const batches = Math.ceil(nodes.length / event.batch);
    this.#engine.scheduleAt(event.at, () => this.#notify("maintenanceWave", name, "start"));
    for (let b = 0; b < batches; b++) {
      const batch = nodes.slice(b * event.batch, (b + 1) * event.batch);
      const start = event.at + b * step;
      // No drain: the stop is a crash that failure detection has to notice.
      if (event.drain > 0) {
        this.#engine.scheduleAt(start, () => {
          for (const i of batch) this.#cluster.drain(i);
        });
      }
      this.#engine.scheduleAt(start + event.drain, () => {
        for (const i of batch) this.#cluster.crash(i);
      });
      this.#engine.scheduleAt(start + event.drain + event.down, () => {
        for (const i of batch) this.#cluster.recover(i);
      });
    }
    this.#engine.scheduleAt(event.at + batches * step - event.gap, () => this.#notify("maintenanceWave", name, "end"));
  }

  /** A token service slows down and fails a share of fetches (a dependency of regional / global tokens). */
  #planTokenService(event: FaultEvent & { kind: "tokenServiceDegradation" }): void {
    const services = this.#tokenServices;
    if (!services) throw new RangeError("a tokenServiceDegradation fault needs tokens from a regional or global service");
    let targets: readonly TokenServiceHealth[] = [services.global];
    if (event.service === "regional") {
      const r = event.region === undefined ? -1 : this.#cluster.topology.regionNames.indexOf(event.region);
      if (event.region !== undefined && r < 0) throw new RangeError(`no region "${event.region}"`);
      targets = r < 0 ? services.regional : [services.regional[r]];
    }
    const name = event.service === "global" ? "global token service" : `regional token service${event.region ? ` of ${event.region}` : "s"}`;
    this.#engine.scheduleAt(event.at, () => {
      for (const t of targets) t.degrade(event.factor, event.share);
      this.#notify(event.kind, name, "start");
    });
    if (event.for !== undefined) {
      this.#engine.scheduleAt(event.at + event.for, () => {
        for (const t of targets) t.restore(event.factor, event.share);
        this.#notify(event.kind, name, "end");
      });
    }
  }

  #apply(event: FaultEvent, nodes: readonly number[], start: boolean): void {
    for (const index of nodes) {
      const node = this.#cluster.nodes[index];
      switch (event.kind) {
        case "crash":
          if (start) this.#cluster.crash(index);
          else this.#cluster.recover(index);
          break;
        case "diskDegradation":
          if (start) node.degradeDisk(event.factor);
          else node.restoreDisk(event.factor);
          break;
        case "errors":
          if (start) node.startErrors(event.share);
          else node.stopErrors(event.share);
          break;
        case "gcStorm":
          if (start) node.startGcStorm(event.gc);
          else node.endGcStorm(event.gc);
          break;
        case "loadSurge":
        case "cacheRestart":
        case "maintenanceWave":
        case "tokenServiceDegradation":
        case "packetLoss":
          break; // planned separately: they act on clients, services, the network, or node after node
      }
    }
  }

  #notify(kind: string, target: string, phase: "start" | "end", scripted = true): void {
    this.#observer?.onFault({ kind, target, phase, scripted });
  }
}
