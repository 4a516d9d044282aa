import { MICROS_PER_DAY, MICROS_PER_S, type Micros } from "../../engine/time.js";
import { assertChangeStream, CHANGE_KINDS, type FleetChanges, type MaintenanceStrategy } from "./change-streams.js";
import type { FleetBandwidth, FleetSnapshot } from "./recovery-physics.js";

/** A fleet year: 365 days in µs. */
export const MICROS_PER_YEAR = 365 * MICROS_PER_DAY;

export type { MaintenanceStrategy };

/** Rolling maintenance: one node at a time, a pass over a cluster every `everyDays` days. */
export interface FleetMaintenance {
  readonly strategy: MaintenanceStrategy;
  readonly everyDays: number;
  /** Chance in [0, 1] that a maintenance step goes wrong: the node then needs a full state stream. */
  readonly failureChance: number;
  /** µs between the end of one node's step and the start of the next. */
  readonly pauseBetweenNodes: Micros;
}

/** A fleet of identical clusters over a long horizon; times in µs, sizes in bytes. */
export interface FleetConfig {
  readonly duration: Micros;
  readonly clusters: number;
  /** Zones per cluster. */
  readonly zones: number;
  readonly nodesPerZone: number;
  /** Replicas per token range (one per zone when zones >= rf). */
  readonly replicationFactor: number;
  /** Token ranges per node. */
  readonly vnodes: number;
  /** Bytes of state per node. */
  readonly dataPerNode: number;
  /** Bytes/s a node can receive or send while streaming. */
  readonly streamBandwidth: number;
  /** Independent node failures per node-year. */
  readonly failuresPerNodeYear: number;
  /** How a failed node's state comes back: re-stream dataPerNode from peers, re-attach the network drive, or restore a snapshot. */
  readonly repair: "stream" | "reattach" | "snapshot";
  /** µs to re-attach drives to a new instance (repair "reattach" and the reattachDrives strategy). */
  readonly reattachTime: Micros;
  /** µs to re-image a node in place. */
  readonly imageTime: Micros;
  readonly maintenance?: FleetMaintenance;
  /** Per-node inbound and outbound bandwidth: when set, a stream into a node takes dataPerNode / its rebuild bandwidth (not streamBandwidth). */
  readonly bandwidth?: FleetBandwidth;
  /** The backups `repair: "snapshot"` restores from (set exactly when it is chosen). */
  readonly snapshot?: FleetSnapshot;
  /** The three change cadences, each its own rolling stream beside `maintenance`. */
  readonly changes?: FleetChanges;
}

/** µs to fill a node with dataPerNode by streaming from peers (bounded by its inbound bandwidth). */
export function streamTime(config: FleetConfig): Micros {
  return Math.round((config.dataPerNode / config.streamBandwidth) * MICROS_PER_S);
}

/** µs a failed node stays down before it serves again, when that is the same for every node (no `bandwidth`, no snapshot). */
export function repairTime(config: FleetConfig): Micros {
  if (config.bandwidth !== undefined || config.repair === "snapshot") {
    throw new RangeError("with fleet bandwidth or snapshot repair, the repair time depends on the node");
  }
  return config.repair === "stream" ? streamTime(config) : config.reattachTime;
}

/** µs a node is down for one maintenance step that goes right. */
export function maintenanceDowntime(config: FleetConfig, strategy: MaintenanceStrategy): Micros {
  switch (strategy) {
    case "copyState": return streamTime(config);
    case "reattachDrives": return config.reattachTime;
    case "imageInPlace": return config.imageTime;
  }
}

/** Nodes in one cluster. */
export function nodesPerCluster(config: FleetConfig): number {
  return config.zones * config.nodesPerZone;
}

/** Throws a RangeError naming the first field that breaks an invariant. */
export function assertFleetConfig(config: FleetConfig): void {
  const whole = (value: number, name: string, min: number) => {
    if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`fleet ${name} must be a whole number >= ${min}, got ${value}`);
  };
  const positive = (value: number, name: string) => {
    if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`fleet ${name} must be > 0, got ${value}`);
  };
  whole(config.duration, "duration", 0);
  whole(config.clusters, "clusters", 1);
  whole(config.zones, "zones", 1);
  whole(config.nodesPerZone, "nodesPerZone", 1);
  whole(config.replicationFactor, "replicationFactor", 1);
  whole(config.vnodes, "vnodes", 1);
  whole(config.reattachTime, "reattachTime", 0);
  whole(config.imageTime, "imageTime", 0);
  positive(config.dataPerNode, "dataPerNode");
  positive(config.streamBandwidth, "streamBandwidth");
  if (config.replicationFactor > nodesPerCluster(config)) {
    throw new RangeError(`fleet replicationFactor (${config.replicationFactor}) exceeds the nodes per cluster (${nodesPerCluster(config)})`);
  }
  if (!(config.failuresPerNodeYear >= 0) || !Number.isFinite(config.failuresPerNodeYear)) {
    throw new RangeError(`fleet failuresPerNodeYear must be >= 0, got ${config.failuresPerNodeYear}`);
  }
  if (!["stream", "reattach", "snapshot"].includes(config.repair)) throw new RangeError(`fleet repair must be stream|reattach|snapshot, got ${config.repair}`);
  assertRecovery(config);
  for (const kind of CHANGE_KINDS) {
    const stream = config.changes?.[kind];
    if (stream !== undefined) assertChangeStream(stream, `changes.${kind}`);
  }
  const m = config.maintenance;
  if (m === undefined) return;
  if (!["copyState", "reattachDrives", "imageInPlace"].includes(m.strategy)) {
    throw new RangeError(`fleet maintenance.strategy must be copyState|reattachDrives|imageInPlace, got ${m.strategy}`);
  }
  positive(m.everyDays, "maintenance.everyDays");
  if (Math.round(m.everyDays * MICROS_PER_DAY) < 1) throw new RangeError(`fleet maintenance.everyDays is shorter than 1 µs`);
  if (!(m.failureChance >= 0 && m.failureChance <= 1)) throw new RangeError(`fleet maintenance.failureChance must be in [0, 1], got ${m.failureChance}`);
  whole(m.pauseBetweenNodes, "maintenance.pauseBetweenNodes", 0);
}

function assertRecovery(config: FleetConfig): void {
  const positive = (value: number, name: string) => {
    if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`fleet ${name} must be > 0, got ${value}`);
  };
  const b = config.bandwidth;
  if (b !== undefined) {
    positive(b.inbound, "bandwidth.inbound");
    positive(b.outbound, "bandwidth.outbound");
    if (!(b.outboundShare > 0 && b.outboundShare <= 1)) throw new RangeError(`fleet bandwidth.outboundShare must be in (0, 1], got ${b.outboundShare}`);
    if (config.replicationFactor < 2) throw new RangeError("fleet bandwidth needs replicationFactor >= 2 (a node with no peers has nothing to stream from)");
  }
  const s = config.snapshot;
  if ((config.repair === "snapshot") !== (s !== undefined)) throw new RangeError('fleet snapshot must be set exactly when repair is "snapshot"');
  if (s === undefined) return;
  if (!Number.isSafeInteger(s.every) || s.every < 1) throw new RangeError(`fleet snapshot.every must be a whole number of µs >= 1, got ${s.every}`);
  positive(s.bandwidth, "snapshot.bandwidth");
  if (!(s.writeRate >= 0) || !Number.isFinite(s.writeRate)) throw new RangeError(`fleet snapshot.writeRate must be >= 0, got ${s.writeRate}`);
  const catchUp = minCatchUpBandwidth(config);
  if (!(s.writeRate < catchUp)) throw new RangeError(`fleet snapshot.writeRate (${s.writeRate} B/s) must be below the slowest catch-up bandwidth (${catchUp} B/s)`);
}

/** The least bandwidth deltas can be streamed to a restored node at: one peer's share, or streamBandwidth. */
export function minCatchUpBandwidth(config: FleetConfig): number {
  const b = config.bandwidth;
  return b === undefined ? config.streamBandwidth : Math.min(b.inbound, b.outbound * b.outboundShare);
}
