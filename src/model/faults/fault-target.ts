import type { FaultTarget } from "../config.js";
import type { Topology } from "../topology.js";

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

/** The zones of the target's nodes (a node target means its zone), in zone order of first appearance. */
export function targetZones(topology: Topology, target: FaultTarget): number[] {
  return [...new Set(resolveTarget(topology, target).map((n) => topology.nodes[n].zone))];
}

/** Human name of a target, e.g. "zone us-east-1a". */
export function describeTarget(target: FaultTarget): string {
  if ("all" in target) return "all nodes";
  if ("node" in target) return `node ${target.node}`;
  if ("zone" in target) return `zone ${target.zone}`;
  return `region ${target.region}`;
}

/** The bare name of a target, e.g. "us-east-1a" (where the fault's kind already says what it is). */
export function targetName(target: FaultTarget): string {
  if ("all" in target) return "all nodes";
  if ("node" in target) return target.node;
  if ("zone" in target) return target.zone;
  return target.region;
}
