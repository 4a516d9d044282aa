import type { ConsistencyLevel } from "../config.js";
import type { Topology } from "../topology.js";

/**
 * What a consistency level asks of one token range, seen from a coordinator's region: a list of
 * groups of replicas, each needing `needed` answers. All groups must be met.
 * ONE / QUORUM / ALL: one group of every replica. LOCAL_*: the coordinator's region only.
 * EACH_QUORUM: one group per region.
 */
export interface ReplicaGroup {
  readonly members: readonly number[];
  readonly needed: number;
}

const quorum = (n: number) => Math.floor(n / 2) + 1;

/** The groups `level` requires of a range whose replicas per region are `byRegion`. */
export function requiredGroups(
  level: ConsistencyLevel,
  byRegion: readonly (readonly number[])[],
  coordinatorRegion: number,
): ReplicaGroup[] {
  switch (level) {
    case "ONE":
      return [{ members: byRegion.flat(), needed: 1 }];
    case "QUORUM": {
      const all = byRegion.flat();
      return [{ members: all, needed: quorum(all.length) }];
    }
    case "ALL": {
      const all = byRegion.flat();
      return [{ members: all, needed: all.length }];
    }
    case "LOCAL_ONE":
      return [{ members: byRegion[coordinatorRegion], needed: 1 }];
    case "LOCAL_QUORUM":
      return [{ members: byRegion[coordinatorRegion], needed: quorum(byRegion[coordinatorRegion].length) }];
    case "EACH_QUORUM":
      return byRegion.filter((m) => m.length > 0).map((members) => ({ members, needed: quorum(members.length) }));
  }
}

/**
 * Why `level` can never be met by this topology from a coordinator in any client region, or
 * undefined when it can (with every node up). Used to reject impossible scenarios up front.
 */
export function impossibleConsistency(level: ConsistencyLevel, topology: Topology, clientRegions: readonly number[]): string | undefined {
  const rf = topology.replicationFactor;
  if (level.startsWith("LOCAL_")) {
    for (const r of clientRegions) {
      if (rf[r] === 0) {
        return `${level} needs replicas in the coordinator's region, but region "${topology.regionNames[r]}" has replication factor 0`;
      }
    }
  }
  if (rf.every((n) => n === 0)) return `${level} needs at least one replica, but every region has replication factor 0`;
  return undefined;
}
