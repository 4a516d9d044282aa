import type { ConsistencyLevel } from "../config.js";

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

/** A majority of `n` replicas. */
export const quorum = (n: number): number => Math.floor(n / 2) + 1;

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
 * Why `level` can never be met, with every node up, from a coordinator in any of the client
 * regions named (one reason per cause; none when it can). Scenarios that ask for it are refused
 * when they are read.
 */
export function impossibleConsistency(
  level: ConsistencyLevel,
  regions: readonly { readonly name: string; readonly replicationFactor: number }[],
  clientRegions: readonly string[],
): string[] {
  const reasons: string[] = [];
  if (level.startsWith("LOCAL_")) {
    for (const name of clientRegions) {
      const region = regions.find((r) => r.name === name);
      if (region && region.replicationFactor === 0) reasons.push(`${level} can never be met: clients in region "${name}" coordinate there, and it holds no replica`);
    }
  }
  if (regions.every((r) => r.replicationFactor === 0)) reasons.push(`${level} can never be met: every region has replication factor 0`);
  return reasons;
}
