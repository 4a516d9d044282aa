import { quorum } from "../cluster/consistency.js";
import { MICROS_PER_YEAR, nodesPerCluster, repairTime, type FleetConfig } from "./fleet-config.js";

/**
 * Peers of a node when vnodes mix the ring fully: every node of another zone when zones ≥ rf
 * (replicas are in distinct zones, so same-zone nodes never share a range), else every other node.
 */
export function fullyMixedPeers(config: FleetConfig): number {
  const nodes = nodesPerCluster(config);
  return config.zones >= config.replicationFactor ? nodes - config.nodesPerZone : nodes - 1;
}

/**
 * Closed-form quorum losses per year for independent node failures only (maintenance is ignored),
 * when a quorum loss takes exactly two replicas of a range down (rf 3 or 4).
 *
 * Derivation. Let λ be failures per node-year, r the repair time in years, n the nodes per
 * cluster, p the peers of a node (distinct nodes sharing a range with it) and C the clusters.
 * - Failures start at rate C·n·λ per year over the fleet.
 * - A failure of node A leads to a quorum loss iff one of A's p peers fails while A is down;
 *   with all of them up, that has probability 1 − e^(−p·λ·r) ≈ p·λ·r.
 * - The events "B fails within A's window" and "A fails within B's window" are disjoint, so
 *   nothing is counted twice: losses/year ≈ C · n · λ · (p · λ · r) = C·n·p·λ²·r.
 *
 * Valid when p·λ·r ≪ 1 (and hence λ·r ≪ 1). Everything it leaves out lowers the true rate: the
 * 1 − e^(−x) ≤ x step, A or its peers being down already when they would fail (each up with
 * probability 1/(1 + λr)), and overlapping losses merging into one outage. It is therefore an
 * upper estimate whose relative excess grows roughly in proportion to p·λ·r.
 *
 * `peers` defaults to `fullyMixedPeers(config)` (enough vnodes that every eligible pair shares a range).
 */
export function expectedQuorumLossesPerYear(config: FleetConfig, peers = fullyMixedPeers(config)): number {
  const rf = config.replicationFactor;
  if (rf - quorum(rf) + 1 !== 2) {
    throw new RangeError(`the estimate needs a quorum loss to take exactly 2 replicas down (rf 3 or 4), got rf ${rf}`);
  }
  const lambda = config.failuresPerNodeYear;
  const r = repairTime(config) / MICROS_PER_YEAR;
  return config.clusters * nodesPerCluster(config) * lambda * (peers * lambda * r);
}
