import type { ClusterConfig } from "./config.js";

/** Where a server node sits. Indices are positions in `Topology`'s arrays. */
export interface NodePlace {
  readonly index: number;
  /** "zone/i", e.g. "us-east-1a/2". */
  readonly id: string;
  readonly zone: number;
  readonly region: number;
}

/** The nodes of zone `z` (its index within the region): `nodesPerZone` is one count for all zones, or one per zone. */
export function zoneNodeCount(region: { readonly nodesPerZone: number | readonly number[] }, z: number): number {
  return typeof region.nodesPerZone === "number" ? region.nodesPerZone : (region.nodesPerZone[z] ?? 0);
}

/** The nodes of a region: its zones' counts summed. */
export function regionNodeCount(region: { readonly zones: readonly string[]; readonly nodesPerZone: number | readonly number[] }): number {
  return region.zones.reduce((sum, _, z) => sum + zoneNodeCount(region, z), 0);
}

/**
 * Regions → zones → nodes, flattened into index-addressed arrays so the request path compares
 * small integers, never strings. Zone names are unique across regions.
 */
export class Topology {
  readonly regionNames: readonly string[];
  readonly zoneNames: readonly string[];
  /** Region index of each zone. */
  readonly zoneRegion: readonly number[];
  readonly nodes: readonly NodePlace[];
  /** Node indices per region and per zone. */
  readonly nodesInRegion: readonly (readonly number[])[];
  readonly nodesInZone: readonly (readonly number[])[];
  /** Replication factor per region index. */
  readonly replicationFactor: readonly number[];

  constructor(config: ClusterConfig) {
    const regionNames: string[] = [];
    const zoneNames: string[] = [];
    const zoneRegion: number[] = [];
    const nodes: NodePlace[] = [];
    const nodesInRegion: number[][] = [];
    const nodesInZone: number[][] = [];
    for (const region of config.regions) {
      const r = regionNames.length;
      regionNames.push(region.name);
      nodesInRegion.push([]);
      if (typeof region.nodesPerZone !== "number" && region.nodesPerZone.length !== region.zones.length) {
        throw new RangeError(`region "${region.name}" has ${region.zones.length} zones and ${region.nodesPerZone.length} node counts`);
      }
      for (const [zi, zoneName] of region.zones.entries()) {
        if (zoneNames.includes(zoneName)) throw new RangeError(`zone "${zoneName}" appears twice`);
        const z = zoneNames.length;
        zoneNames.push(zoneName);
        zoneRegion.push(r);
        nodesInZone.push([]);
        for (let i = 0, n = zoneNodeCount(region, zi); i < n; i++) {
          const index = nodes.length;
          nodes.push({ index, id: `${zoneName}/${i}`, zone: z, region: r });
          nodesInRegion[r].push(index);
          nodesInZone[z].push(index);
        }
      }
      if (region.replicationFactor > nodesInRegion[r].length) {
        throw new RangeError(
          `region "${region.name}" has ${nodesInRegion[r].length} nodes, fewer than its replication factor ${region.replicationFactor}`,
        );
      }
    }
    this.regionNames = regionNames;
    this.zoneNames = zoneNames;
    this.zoneRegion = zoneRegion;
    this.nodes = nodes;
    this.nodesInRegion = nodesInRegion;
    this.nodesInZone = nodesInZone;
    this.replicationFactor = config.regions.map((r) => r.replicationFactor);
  }

  /** Node index for an id such as "us-east-1a/2", or undefined. */
  nodeIndex(id: string): number | undefined {
    return this.nodes.find((n) => n.id === id)?.index;
  }
}
