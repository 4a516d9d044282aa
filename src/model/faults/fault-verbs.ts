import type { Engine } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import type { TokenServiceHealth, TokenServices } from "../api/token-services.js";
import type { Cluster } from "../cluster/cluster.js";
import type { FaultEvent, FaultKind, FaultTarget } from "../config.js";
import { ERROR_CLASSES } from "../request/error-class.js";
import { describeTarget, resolveTarget, targetName, targetZones } from "./fault-target.js";

/** A client as faults see it: where it is, its offered load, its cache. */
export interface FaultClient {
  readonly zone: number;
  retryStorm(factor: number, namespace?: number): void;
  restartCache(prewarm: boolean): void;
}

/** What faults act on. */
export interface FaultWorld {
  readonly engine: Engine;
  readonly cluster: Cluster;
  readonly clients: readonly FaultClient[];
  /** Present when writes fetch tokens from a regional or global service. */
  readonly tokenServices?: TokenServices;
  /** Present when lost nodes are replaced (cluster.replacement): a nodeCrash with no `for` is a loss. */
  readonly replacements?: { lose(index: number): void };
}

/** One fault of the timeline, resolved against the world: its name in reports and its two verbs. */
export interface PlannedFault {
  /** What it hit, as reports name it after the kind, e.g. "us-east-1a" or "zone us-east-1a". */
  readonly target: string;
  start(): void;
  end(): void;
  /** Its length when the kind decides it (a maintenance wave); else the event's `for`. */
  readonly for?: Micros;
  /** Further steps at their own instants between start and end (a wave's batches). */
  readonly steps?: ReadonlyArray<readonly [Micros, () => void]>;
}

/** The kinds relisim defines (a program's own kinds are planned by fault-kind-registry). */
type BuiltInFaultKind = Exclude<FaultKind, "extension">;

type Planner<K extends FaultKind> = (event: Extract<FaultEvent, { kind: K }>, world: FaultWorld) => PlannedFault;

const nothing = (): void => {};

/** The nodes of the target go down at the start and come back at the end. */
const outage = (event: Extract<FaultEvent, { kind: "nodeCrash" | "zoneOutage" | "regionOutage" }>, { cluster }: FaultWorld): PlannedFault => {
  const nodes = resolveTarget(cluster.topology, event.target);
  return {
    target: targetName(event.target),
    start: () => nodes.forEach((i) => cluster.crash(i)),
    end: () => nodes.forEach((i) => cluster.recover(i)),
  };
};

/** A fault of each node of the target: `apply` at the start, `undo` at the end. */
function onNodes(event: { readonly target: FaultTarget }, cluster: Cluster, apply: (i: number) => void, undo: (i: number) => void): PlannedFault {
  const nodes = resolveTarget(cluster.topology, event.target);
  return { target: describeTarget(event.target), start: () => nodes.forEach(apply), end: () => nodes.forEach(undo) };
}

/** The clients in the target's zones (a node target means its zone): what client faults act on. */
function clientsOf(world: FaultWorld, event: { readonly target: FaultTarget }): FaultClient[] {
  const zones = new Set(targetZones(world.cluster.topology, event.target));
  return world.clients.filter((c) => zones.has(c.zone));
}

/**
 * The verbs of every fault kind: adding a kind is one entry here (and its schema). Each entry
 * resolves its event against the world once, when the timeline is read.
 */
export const FAULT_VERBS: { readonly [K in BuiltInFaultKind]: Planner<K> } = {
  /** With replacements, a crash with no end is a node lost for good: a replacement takes its place. */
  nodeCrash: (event: Parameters<typeof outage>[0], world) => {
    const replacements = world.replacements;
    if (replacements === undefined || event.for !== undefined) return outage(event, world);
    const nodes = resolveTarget(world.cluster.topology, event.target);
    return { target: targetName(event.target), start: () => nodes.forEach((i) => replacements.lose(i)), end: nothing };
  },
  zoneOutage: outage,
  regionOutage: outage,
  diskDegradation: (event, { cluster }) =>
    onNodes(event, cluster, (i) => cluster.nodes[i].degradeDisk(event.factor), (i) => cluster.nodes[i].restoreDisk(event.factor)),
  errors: (event, { cluster }) => onNodes(event, cluster, (i) => cluster.nodes[i].startErrors(event.share), (i) => cluster.nodes[i].stopErrors(event.share)),
  /** Each attempt the target's nodes coordinate fails, independently, with `probability`; they count as impaired. */
  attemptErrors: (event, { cluster }) => {
    const source = { probability: event.probability, errorClass: ERROR_CLASSES.indexOf(event.errorClass) };
    const start = (i: number) => {
      cluster.attemptErrors.start(i, source);
      cluster.nodes[i].holdFault();
    };
    const end = (i: number) => {
      cluster.attemptErrors.stop(i, source);
      cluster.nodes[i].releaseFault();
    };
    return onNodes(event, cluster, start, end);
  },
  gcStorm: (event, { cluster }) => onNodes(event, cluster, (i) => cluster.nodes[i].startGcStorm(event.gc), (i) => cluster.nodes[i].endGcStorm(event.gc)),

  /** The clients in the target's zones offer `factor` × their load (of one namespace, or all). */
  retryStorm: (event, world) => {
    const clients = clientsOf(world, event);
    const namespace = event.namespace !== undefined ? ` (namespace ${event.namespaceName})` : "";
    return {
      target: `clients of ${describeTarget(event.target)}${namespace}`,
      start: () => clients.forEach((c) => c.retryStorm(event.factor, event.namespace)),
      end: () => clients.forEach((c) => c.retryStorm(1 / event.factor, event.namespace)),
    };
  },

  cacheRestart: (event, world) => {
    const clients = clientsOf(world, event);
    return { target: `caches of clients of ${describeTarget(event.target)}`, start: () => clients.forEach((c) => c.restartCache(event.prewarm)), end: nothing };
  },

  /** Packets to and from the target's zones are lost; the servers there count as impaired while it lasts. */
  packetLoss: (event, { cluster }) => {
    const topology = cluster.topology;
    const zones = targetZones(topology, event.target);
    const nodes = zones.flatMap((z) => [...topology.nodesInZone[z]]).map((n) => cluster.nodes[n]);
    return {
      target: `network of ${describeTarget(event.target)}`,
      start: () => {
        for (const n of nodes) n.holdFault();
        for (const z of zones) cluster.network.startLoss(z, event.share);
      },
      end: () => {
        for (const n of nodes) n.releaseFault();
        for (const z of zones) cluster.network.stopLoss(z, event.share);
      },
    };
  },

  /** Batches of nodes in zone order, each drained, down, back, then the next after `gap`. */
  maintenanceWave: (event, { cluster }) => {
    const topology = cluster.topology;
    const nodes = resolveTarget(topology, event.target).sort((a, b) => topology.nodes[a].zone - topology.nodes[b].zone || a - b);
    const step = event.drain + event.down + event.gap;
    const batches = Math.ceil(nodes.length / event.batch);
    const steps: Array<readonly [Micros, () => void]> = [];
    for (let b = 0; b < batches; b++) {
      const batch = nodes.slice(b * event.batch, (b + 1) * event.batch);
      const start = event.at + b * step;
      // No drain: the stop is a crash that failure detection has to notice.
      if (event.drain > 0) steps.push([start, () => batch.forEach((i) => cluster.drain(i))]);
      steps.push([start + event.drain, () => batch.forEach((i) => cluster.crash(i))]);
      steps.push([start + event.drain + event.down, () => batch.forEach((i) => cluster.recover(i))]);
    }
    return { target: `${nodes.length} nodes of ${describeTarget(event.target)}`, start: nothing, end: nothing, for: batches * step - event.gap, steps };
  },

  /** A token service slows down and fails a share of fetches (a dependency of regional / global tokens). */
  tokenServiceDegradation: (event, world) => {
    const services = world.tokenServices;
    if (!services) throw new RangeError("a tokenServiceDegradation fault needs tokens from a regional or global service");
    let targets: readonly TokenServiceHealth[] = [services.global];
    if (event.service === "regional") {
      const r = event.region === undefined ? -1 : world.cluster.topology.regionNames.indexOf(event.region);
      if (event.region !== undefined && r < 0) throw new RangeError(`no region "${event.region}"`);
      targets = r < 0 ? services.regional : [services.regional[r]];
    }
    return {
      target: event.service === "global" ? "global token service" : `regional token service${event.region ? ` of ${event.region}` : "s"}`,
      start: () => targets.forEach((t) => t.degrade(event.factor, event.share)),
      end: () => targets.forEach((t) => t.restore(event.factor, event.share)),
    };
  },
};

/** Resolves `event` (of a built-in kind) against the world with its kind's verbs. */
export function planFault(event: Exclude<FaultEvent, { kind: "extension" }>, world: FaultWorld): PlannedFault {
  return (FAULT_VERBS[event.kind] as Planner<BuiltInFaultKind>)(event as never, world);
}
