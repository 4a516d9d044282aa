import type { Micros } from "../../engine/time.js";

/** How a node is taken out of service for maintenance and brought back. */
export type MaintenanceStrategy = "copyState" | "reattachDrives" | "imageInPlace";

/** How a change steps through a node: as a maintenance strategy, or with no downtime at all (a sidecar restart). */
export type ChangeStrategy = MaintenanceStrategy | "noDowntime";

/**
 * Software changes that fail. A share of changes (passes) is bad; the first node a bad change
 * reaches is its canary. With chance `canaryDetects` the canary shows it: that node is down for
 * `detectAfter` (then rolled back) and the pass stops. Otherwise the canary looks healthy, the
 * change reaches every node after `detectAfter` and the whole cluster is down for `undetectedOutage`.
 */
export interface BadDeploys {
  /** Share in [0, 1] of changes that are bad. */
  readonly share: number;
  /** Chance in [0, 1] that the canary detects a bad change. */
  readonly canaryDetects: number;
  /** µs from the canary step until a bad change is detected, or until an undetected one is everywhere. */
  readonly detectAfter: Micros;
  /** µs the whole cluster is down after an undetected bad change reached it. */
  readonly undetectedOutage: Micros;
}

/** One stream of rolling changes: a pass over a cluster, one node at a time, every `everyDays` days. */
export interface ChangeStream {
  readonly strategy: ChangeStrategy;
  readonly everyDays: number;
  /** Chance in [0, 1] that a step goes wrong: the node then needs a full state stream (0 with noDowntime). */
  readonly failureChance: number;
  /** µs between the end of one node's step and the start of the next. */
  readonly pauseBetweenNodes: Micros;
  readonly badDeploys?: BadDeploys;
}

/** The three change cadences: sidecars (often, no downtime), process and kernel (with downtime), state moves. */
export interface FleetChanges {
  readonly sidecars?: ChangeStream;
  readonly processes?: ChangeStream;
  /** State moves are not software changes: no bad deploys. */
  readonly stateMoves?: Omit<ChangeStream, "badDeploys">;
}

/** The change streams in a fixed order (the order their passes are built and resumed in). */
export const CHANGE_KINDS = ["sidecars", "processes", "stateMoves"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Why a node is down; an outage is put on the first of badDeploy, maintenance, hardware with a node down among the missing replicas of a range that lost its quorum as it starts. */
export const OutageCause = { hardware: 0, maintenance: 1, badDeploy: 2 } as const;
export type OutageCause = (typeof OutageCause)[keyof typeof OutageCause];
export const OUTAGE_CAUSES = ["hardware", "maintenance", "badDeploy"] as const;

/** Throws a RangeError naming the first field of change stream `name` that breaks an invariant. */
export function assertChangeStream(s: ChangeStream, name: string): void {
  const fraction = (x: number, field: string) => {
    if (!(x >= 0 && x <= 1)) throw new RangeError(`fleet ${name}.${field} must be in [0, 1], got ${x}`);
  };
  const micros = (x: number, field: string) => {
    if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`fleet ${name}.${field} must be a whole number of µs >= 0, got ${x}`);
  };
  if (!["copyState", "reattachDrives", "imageInPlace", "noDowntime"].includes(s.strategy)) {
    throw new RangeError(`fleet ${name}.strategy must be copyState|reattachDrives|imageInPlace|noDowntime, got ${s.strategy}`);
  }
  if (!(s.everyDays > 0) || !Number.isFinite(s.everyDays)) throw new RangeError(`fleet ${name}.everyDays must be > 0, got ${s.everyDays}`);
  fraction(s.failureChance, "failureChance");
  if (s.strategy === "noDowntime" && s.failureChance > 0) throw new RangeError(`fleet ${name}.failureChance must be 0 with noDowntime, got ${s.failureChance}`);
  micros(s.pauseBetweenNodes, "pauseBetweenNodes");
  const b = s.badDeploys;
  if (b === undefined) return;
  fraction(b.share, "badDeploys.share");
  fraction(b.canaryDetects, "badDeploys.canaryDetects");
  micros(b.detectAfter, "badDeploys.detectAfter");
  micros(b.undetectedOutage, "badDeploys.undetectedOutage");
}
