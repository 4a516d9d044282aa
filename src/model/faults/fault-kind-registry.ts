import type { RandomStreams } from "../../engine/random-streams.js";
import type { Micros } from "../../engine/time.js";
import type { FaultEvent } from "../config.js";
import { ExtensionRegistry, type Extension } from "../extension-registry.js";
import { nodeInfo, type NodeInfo } from "../node-info.js";
import { ERROR_CLASSES, SERVER_ERROR_CLASSES, type ServerErrorClass } from "../request/error-class.js";
import { describeTarget, resolveTarget } from "./fault-target.js";
import type { FaultWorld, PlannedFault } from "./fault-verbs.js";

/** Undoes one action of a fault; a second call does nothing. */
export type Undo = () => void;

/**
 * One node of a fault's target, with the verbs the built-in faults use. Each verb acts at once
 * and returns its undo; several faults on one node combine as the built-ins do.
 */
export interface FaultNode extends NodeInfo {
  /** The node goes down, as nodeCrash does (peers notice after failure detection); undo: it comes back. */
  crash(): Undo;
  /** Its disk latency × `factor` (> 0), as diskDegradation does. */
  slowDisk(factor: number): Undo;
  /** It answers a further `share` (0–1) of the replica work it receives with errors, as the errors fault does. */
  failReplicaWork(share: number): Undo;
  /** Each attempt it coordinates fails at once with `probability` (0–1), as `errorClass`, as attemptErrors does (same stream). */
  failAttempts(probability: number, errorClass?: ServerErrorClass): Undo;
  /** Its GC schedule becomes a pause of `pause` µs after every `interval` µs of run time, as gcStorm does. */
  gcStorm(interval: Micros, pause: Micros): Undo;
}

/** What a program's fault kind is built from: once per timeline entry of its kind. */
export interface FaultContext<P> {
  /** What the extension's `params` returned for the entry's parameters. */
  readonly params: P;
  /** Uniform doubles in [0, 1): the entry's own stream (`faults/<kind>/<entry index>`). */
  readonly random: () => number;
  /** The nodes of the entry's target (node, zone, region or all), in index order. */
  readonly nodes: readonly FaultNode[];
  /** The target as reports name it, e.g. "zone us-east-1a". */
  readonly target: string;
}

/** A fault as a program defines it: called at the entry's `at`, and at `at + for` (never without `for`). */
export interface FaultActions {
  start(): void;
  end(): void;
}

/** A fault kind a program registers: `create` returns what the entry does when it starts and ends. */
export type FaultKindExtension<P = Readonly<Record<string, unknown>>> = Extension<P, FaultContext<P>, FaultActions>;

/** The names of the built-in fault kinds (faults.timeline[].kind). */
export const FAULT_KINDS = [
  "nodeCrash", "zoneOutage", "regionOutage", "diskDegradation", "gcStorm", "errors", "attemptErrors",
  "retryStorm", "cacheRestart", "maintenanceWave", "tokenServiceDegradation", "packetLoss",
] as const;

// FAULT_KINDS is exactly the built-in kinds of FaultEvent: a kind added to one only does not compile.
type BuiltInKind = Exclude<FaultEvent["kind"], "extension">;
const everyKindListed: readonly (typeof FAULT_KINDS)[number][] = [] as BuiltInKind[];
const onlyKindsListed: readonly BuiltInKind[] = FAULT_KINDS;
void [everyKindListed, onlyKindsListed];

/** The fault kinds programs registered in this thread. */
export const faultKindRegistry = new ExtensionRegistry<FaultKindExtension<unknown>>("fault kind", FAULT_KINDS);

/** `action` once, however often the result is called. */
function once(action: () => void): Undo {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    action();
  };
}

/** Node `index` of the world as a fault extension acts on it. */
function faultNode({ cluster }: FaultWorld, index: number): FaultNode {
  const node = cluster.nodes[index];
  return {
    ...nodeInfo(cluster.topology, index),
    crash() {
      cluster.crash(index);
      return once(() => cluster.recover(index));
    },
    slowDisk(factor) {
      if (!(factor > 0 && Number.isFinite(factor))) throw new RangeError(`slowDisk: factor must be a finite number > 0, got ${factor}`);
      node.degradeDisk(factor);
      return once(() => node.restoreDisk(factor));
    },
    failReplicaWork(share) {
      if (!(share >= 0 && share <= 1)) throw new RangeError(`failReplicaWork: share must be in [0, 1], got ${share}`);
      node.startErrors(share);
      return once(() => node.stopErrors(share));
    },
    failAttempts(probability, errorClass = "transient") {
      if (!SERVER_ERROR_CLASSES.includes(errorClass)) throw new RangeError(`failAttempts: no error class "${errorClass}" (${SERVER_ERROR_CLASSES.join(", ")})`);
      // A fresh source per call: stop finds exactly this one.
      const source = { probability, errorClass: ERROR_CLASSES.indexOf(errorClass) };
      cluster.attemptErrors.start(index, source);
      node.holdFault();
      return once(() => {
        cluster.attemptErrors.stop(index, source);
        node.releaseFault();
      });
    },
    gcStorm(interval, pause) {
      for (const [what, v] of [["interval", interval], ["pause", pause]] as const) {
        if (!(Number.isSafeInteger(v) && v >= 1)) throw new RangeError(`gcStorm: ${what} must be a whole number of µs >= 1, got ${v}`);
      }
      const gc = { interval: { dist: "constant", value: interval }, pause: { dist: "constant", value: pause } } as const;
      node.startGcStorm(gc);
      return once(() => node.endGcStorm(gc));
    },
  };
}

/** A timeline entry of a registered kind, resolved against the world as the built-ins' verbs are. */
export function planExtensionFault(event: Extract<FaultEvent, { kind: "extension" }>, world: FaultWorld, streams: RandomStreams): PlannedFault {
  const nodes = resolveTarget(world.cluster.topology, event.target).map((i) => faultNode(world, i));
  const target = describeTarget(event.target);
  const actions = faultKindRegistry.require(event.name).create({ params: event.params, random: streams.stream(event.stream), nodes, target });
  return { target, start: () => actions.start(), end: () => actions.end() };
}
