import type { FleetScenarioSpec } from "./fleet-schema.js";
import type { ScenarioProblem } from "./scenario-error.js";
import type { ScenarioSpec } from "./schema.js";
import { formatCount } from "./units.js";
import { regionNodeCount } from "../model/topology.js";
import { placementCount } from "./namespace-regions.js";

type Problem = Omit<ScenarioProblem, "line" | "column">;

/**
 * What relisim can build and keep in memory. A world is allocated before its first event, so a
 * world beyond these is refused when the file is read (validate included), with the size it would
 * need, instead of hanging or running out of memory. Each bound is well above the examples.
 */
export const WORLD_LIMITS = {
  /** Server nodes of a cluster. */
  nodes: 10_000,
  /** Token ranges of a cluster: vnodes × nodes. Each keeps its replicas per region and cached replica groups, a few hundred bytes. */
  ranges: 2_000_000,
  /**
   * Words of the cluster's replica-group table (src/model/cluster/group-table.ts), 4 bytes each:
   * an entry per (placement, read or write, coordinator region, token range), each of
   * 2 + 2 × regions + 2 × replicas words. Allocated whole, paged in as entries are used: at most
   * 480 MB, about what the lazily built read plans it replaced could reach.
   */
  groupTable: 120_000_000,
  /** Application clients (perZone × client zones). */
  clients: 10_000,
  /** Per-node state the clients keep (outstanding requests, health): clients × nodes. About 60 bytes each. */
  clientNodes: 5_000_000,
  /** Keys the clients' caches hold when they start warm: clients × capacity. */
  warmCacheKeys: 10_000_000,
  /** Recorded windows: duration / slo.window (a row each, with per-zone, per-region counts). */
  windows: 1_000_000,
  /** Server nodes of a whole fleet: clusters × zones × nodesPerZone. */
  fleetNodes: 2_000_000,
  /** Token ranges of a whole fleet: fleet nodes × vnodes. About 1 + 2 × replicationFactor bytes each. */
  fleetRanges: 20_000_000,
} as const;


/** A problem when `size` is over `limit`; `what` is only worded then (formatting a count starts Intl, about 15 ms). */
function over(problems: Problem[], path: ScenarioProblem["path"], size: number, limit: number, what: () => string, fix: string, can = "build"): void {
  if (size > limit) problems.push({ path, message: `${what()} would be ${formatCount(size)}, more than the ${formatCount(limit)} relisim can ${can}; ${fix}` });
}

/** Problems with a cluster scenario's size: a world too large to build, or too many windows to record. */
export function worldSizeProblems(spec: ScenarioSpec): Problem[] {
  const problems: Problem[] = [];
  const regions = spec.cluster.regions;
  const nodes = regions.reduce((sum, r) => sum + regionNodeCount(r), 0);
  over(problems, ["cluster", "regions"], nodes, WORLD_LIMITS.nodes, () => "the cluster's nodes (zones × nodesPerZone, summed over regions)", "use fewer zones or nodesPerZone");
  if (problems.length === 0) {
    const ranges = spec.cluster.vnodes * nodes;
    over(problems, ["cluster", "vnodes"], ranges, WORLD_LIMITS.ranges, () => `the token ranges (vnodes × nodes = ${spec.cluster.vnodes} × ${formatCount(nodes)})`, "use fewer vnodes or nodes");
  }
  if (problems.length === 0) {
    // One set of entries per placement: every region, and each distinct list of a namespace's regions.
    const placements = placementCount(spec);
    // Absent, a region's replication factor is 3 in coordinated mode; a pool holds no replicas.
    const rf = (r: (typeof regions)[number]) => r.replicationFactor ?? (spec.cluster.mode === "pool" ? 0 : 3);
    const replicas = regions.reduce((sum, r) => sum + Math.min(rf(r), regionNodeCount(r)), 0);
    const ranges = spec.cluster.vnodes * nodes;
    const stride = 2 + 2 * regions.length + 2 * replicas;
    const words = placements * 2 * regions.length * ranges * stride;
    const [what, times] = placements === 1 ? ["", ""] : ["placements × ", `${placements} × `];
    const shape = () => `${what}2 × regions × ranges × (2 + 2 × regions + 2 × replicas) = ${times}2 × ${regions.length} × ${formatCount(ranges)} × ${stride}`;
    over(problems, ["cluster", "vnodes"], words, WORLD_LIMITS.groupTable, () => `the replica-group table (${shape()} words)`, "use fewer vnodes or nodes");
  }
  const clientRegions = spec.clients.regions ?? regions.map((r) => r.name);
  const clientZones = regions.filter((r) => clientRegions.includes(r.name)).reduce((sum, r) => sum + r.zones.length, 0);
  const clients = spec.clients.perZone * clientZones;
  over(problems, ["clients", "perZone"], clients, WORLD_LIMITS.clients, () => `the clients (perZone × ${clientZones} zones)`, "use a smaller clients.perZone");
  if (clients <= WORLD_LIMITS.clients && nodes <= WORLD_LIMITS.nodes) {
    over(problems, ["clients", "perZone"], clients * nodes, WORLD_LIMITS.clientNodes, () => `the clients' per-node state (clients × nodes = ${formatCount(clients)} × ${formatCount(nodes)})`, "use fewer clients or nodes");
  }
  const cache = spec.clients.cache;
  const warms = spec.faults.timeline.some((f) => f.kind === "cacheRestart" && f.prewarm);
  if (cache !== false && (cache.start === "warm" || warms) && clients <= WORLD_LIMITS.clients) {
    over(problems, ["clients", "cache", "capacity"], clients * cache.capacity, WORLD_LIMITS.warmCacheKeys, () => `the keys of the warm caches (clients × capacity = ${formatCount(clients)} × ${formatCount(cache.capacity)})`, "use a smaller capacity, or start cold", "hold");
  }
  over(problems, ["slo", "window"], Math.ceil(spec.duration / spec.slo.window), WORLD_LIMITS.windows, () => "the windows recorded (duration / slo.window)", "use a longer slo.window or a shorter duration", "record");
  return problems;
}

/** Problems with a fleet scenario's size: more nodes or token ranges than relisim can build. */
export function fleetSizeProblems(fleet: FleetScenarioSpec["fleet"]): Problem[] {
  const problems: Problem[] = [];
  const nodes = fleet.clusters * fleet.zones * fleet.nodesPerZone;
  over(problems, ["fleet"], nodes, WORLD_LIMITS.fleetNodes, () => "the fleet's nodes (clusters × zones × nodesPerZone)", "use fewer clusters, zones or nodesPerZone");
  if (problems.length === 0) {
    over(problems, ["fleet", "vnodes"], nodes * fleet.vnodes, WORLD_LIMITS.fleetRanges, () => `the fleet's token ranges (nodes × vnodes = ${formatCount(nodes)} × ${fleet.vnodes})`, "use fewer vnodes or nodes");
  }
  return problems;
}
