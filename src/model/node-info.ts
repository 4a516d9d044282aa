import type { Topology } from "./topology.js";

/** A node as an extension sees it. */
export interface NodeInfo {
  /** "zone/i", e.g. "us-east-1a/2". */
  readonly id: string;
  readonly zone: string;
  readonly region: string;
}

/** Every node of `topology` as extensions see it, by index. */
export function nodeInfos(topology: Topology): NodeInfo[] {
  return topology.nodes.map((n) => nodeInfo(topology, n.index));
}

/** Node `index` of `topology` as extensions see it. */
export function nodeInfo(topology: Topology, index: number): NodeInfo {
  const n = topology.nodes[index];
  return { id: n.id, zone: topology.zoneNames[n.zone], region: topology.regionNames[n.region] };
}
