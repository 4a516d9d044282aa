import type { Micros } from "../engine/time.js";
import { EntityCounts, type OpJudge, type TouchedCount } from "./entity-counts.js";

/** Where an episode was felt: the entities whose own traffic is judged against the SLO. */
export const SEEN_DIMENSIONS = ["clients", "zones", "regions", "tenants", "ranges"] as const;
export type SeenDimension = (typeof SEEN_DIMENSIONS)[number];
export type EntitySet = Record<SeenDimension, EntityCounts>;

/** Where the fault was: the servers that were down, degraded (slow disk, errors, GC storm, packet loss) or shedding. */
export const FAULT_DIMENSIONS = ["nodes", "zones", "regions"] as const;
export type FaultDimension = (typeof FAULT_DIMENSIONS)[number];

/** One failure: a maximal run of violating windows, short gaps merged. */
export interface Episode {
  /** When it started, located inside its first violating window (about a second's resolution). */
  readonly start: Micros;
  /** When it ended, located inside its last violating window. */
  readonly end: Micros;
  readonly requests: number;
  /** Requests that failed (anything but OK). */
  readonly failed: number;
  /** Successful requests slower than their op's SLO latency. */
  readonly slow: number;
  /** Requests by outcome code (index 0, OK, included): which kinds of failure made it bad. */
  readonly outcomes: readonly number[];
  /** Per dimension where it was felt: entities touched, of how many, and the traffic they carried. */
  readonly seen: Record<SeenDimension, TouchedCount>;
  /** Per server dimension: how many were impaired during it, of how many. */
  readonly fault: Record<FaultDimension, { readonly touched: number; readonly of: number }>;
  readonly violatedOps: readonly string[];
  readonly worstErrorRate: number;
  /** True when the run ended while it was still violating: it never recovered. */
  readonly ongoing: boolean;
}

/** What the detector needs to know about each closed window. */
export interface WindowVerdict {
  /** False when no op had enough requests to judge: such a window neither starts nor ends an episode. */
  readonly judged: boolean;
  readonly start: Micros;
  readonly end: Micros;
  readonly violatedOps: readonly string[];
  readonly requests: number;
  readonly failed: number;
  readonly slow: number;
  /** Requests by outcome code, index 0 OK (the recorder's `all` scope); absent: no breakdown. */
  readonly outcomes?: readonly number[];
  /** In a violating window: where its bad stretch begins and ends (the window's bounds when unknown). */
  readonly badFrom: Micros;
  readonly badUntil: Micros;
}

/** The shape of the world the detector measures breadth in. */
export interface BreadthShape {
  readonly ops: number;
  /** Entities per seen dimension. */
  readonly sizes: Record<SeenDimension, number>;
  /** Which zones and regions have clients: only those count in the seen view's denominators. */
  readonly clientZones: readonly boolean[];
  readonly clientRegions: readonly boolean[];
  /** Zone of each server node, and region of each zone. */
  readonly nodeZone: readonly number[];
  readonly zoneRegion: readonly number[];
}

/** An empty set of per-entity counts for `shape`. */
export function entitySet(shape: BreadthShape): EntitySet {
  const set = {} as Record<SeenDimension, EntityCounts>;
  for (const d of SEEN_DIMENSIONS) set[d] = new EntityCounts(shape.sizes[d], shape.ops);
  return set;
}

interface OpenEpisode {
  start: Micros;
  end: Micros;
  /** The end of its last violating window: gaps are measured from here, window to window. */
  windowEnd: Micros;
  requests: number;
  failed: number;
  slow: number;
  outcomes: number[];
  ops: Set<string>;
  worstErrorRate: number;
}

/** Requests, failures, slow ones and outcomes, summed over windows. */
interface Counts {
  requests: number;
  failed: number;
  slow: number;
  outcomes: number[];
}

/**
 * Turns a stream of judged windows into episodes, online: per-entity counts are kept only for
 * the open episode and for the gap after its last violating window (folded in if another
 * violation follows within `mergeGap`, dropped otherwise), so memory does not grow with time.
 */
export class EpisodeDetector {
  readonly episodes: Episode[] = [];
  readonly #mergeGap: Micros;
  readonly #judges: readonly OpJudge[];
  readonly #shape: BreadthShape;
  readonly #episodeEntities: EntitySet;
  readonly #gapEntities: EntitySet;
  readonly #episodeServers: Uint8Array;
  readonly #gapServers: Uint8Array;
  #gap: Counts = { requests: 0, failed: 0, slow: 0, outcomes: [] };
  #open: OpenEpisode | undefined;

  constructor(shape: BreadthShape, options: { mergeGap: Micros; judges: readonly OpJudge[] }) {
    if (options.judges.length !== shape.ops) throw new RangeError("one judge per op is needed");
    this.#mergeGap = options.mergeGap;
    this.#judges = options.judges;
    this.#shape = shape;
    this.#episodeEntities = entitySet(shape);
    this.#gapEntities = entitySet(shape);
    this.#episodeServers = new Uint8Array(shape.nodeZone.length);
    this.#gapServers = new Uint8Array(shape.nodeZone.length);
  }

  /**
   * Takes one closed window, its per-entity counts and the nodes impaired in it (1 each);
   * the caller resets both afterwards.
   */
  onWindow(window: WindowVerdict, entities: EntitySet, servers: Uint8Array): void {
    const open = this.#open;
    if (window.violatedOps.length > 0) {
      if (open && window.start - open.windowEnd <= this.#mergeGap) {
        this.#fold(this.#gapEntities, this.#gapServers, this.#gap);
      } else {
        if (open) this.#close(false);
        this.#open = { start: window.badFrom, end: window.badUntil, windowEnd: window.end, requests: 0, failed: 0, slow: 0, outcomes: [], ops: new Set(), worstErrorRate: 0 };
      }
      const episode = this.#open!;
      episode.end = window.badUntil;
      episode.windowEnd = window.end;
      for (const op of window.violatedOps) episode.ops.add(op);
      if (window.requests > 0) episode.worstErrorRate = Math.max(episode.worstErrorRate, window.failed / window.requests);
      this.#fold(entities, servers, window);
      return;
    }
    if (!open) return;
    if (window.judged && window.end - open.windowEnd > this.#mergeGap) {
      this.#close(false);
      return;
    }
    for (const d of SEEN_DIMENSIONS) this.#gapEntities[d].addAll(entities[d]);
    orInto(this.#gapServers, servers);
    addCounts(this.#gap, window);
  }

  /**
   * Closes the episode still open when the run ends at `end`, if any; one that was still
   * violating then never recovered, so it lasts to the end.
   */
  finish(lastWindowViolated: boolean, end?: Micros): void {
    if (!this.#open) return;
    if (lastWindowViolated && end !== undefined) this.#open.end = Math.max(this.#open.end, end);
    this.#close(lastWindowViolated);
  }

  #fold(entities: EntitySet, servers: Uint8Array, counts: Omit<Counts, "outcomes"> & { readonly outcomes?: readonly number[] }): void {
    const episode = this.#open!;
    for (const d of SEEN_DIMENSIONS) this.#episodeEntities[d].addAll(entities[d]);
    orInto(this.#episodeServers, servers);
    addCounts(episode, counts);
    this.#clearGap();
  }

  #clearGap(): void {
    for (const d of SEEN_DIMENSIONS) this.#gapEntities[d].reset();
    this.#gapServers.fill(0);
    this.#gap = { requests: 0, failed: 0, slow: 0, outcomes: [] };
  }

  #close(ongoing: boolean): void {
    const e = this.#open!;
    const shape = this.#shape;
    const counted: Partial<Record<SeenDimension, (i: number) => boolean>> = {
      zones: (z) => shape.clientZones[z],
      regions: (r) => shape.clientRegions[r],
    };
    const seen = {} as Record<SeenDimension, TouchedCount>;
    for (const d of SEEN_DIMENSIONS) {
      seen[d] = this.#episodeEntities[d].touched(this.#judges, counted[d]);
      this.#episodeEntities[d].reset();
    }
    this.episodes.push({
      start: e.start,
      end: e.end,
      requests: e.requests,
      failed: e.failed,
      slow: e.slow,
      outcomes: e.outcomes,
      seen,
      fault: faultBreadth(this.#episodeServers, shape),
      violatedOps: [...e.ops].sort(),
      worstErrorRate: e.worstErrorRate,
      ongoing,
    });
    this.#episodeServers.fill(0);
    this.#open = undefined;
    this.#clearGap();
  }
}

function addCounts(into: Counts, from: { readonly requests: number; readonly failed: number; readonly slow: number; readonly outcomes?: readonly number[] }): void {
  into.requests += from.requests;
  into.failed += from.failed;
  into.slow += from.slow;
  from.outcomes?.forEach((n, i) => (into.outcomes[i] = (into.outcomes[i] ?? 0) + n));
}

function orInto(into: Uint8Array, from: Uint8Array): void {
  for (let i = 0; i < into.length; i++) into[i] |= from[i];
}

/** Impaired nodes, and the zones and regions they are in, out of all the cluster has. */
function faultBreadth(servers: Uint8Array, shape: BreadthShape): Episode["fault"] {
  const zones = new Set<number>();
  const regions = new Set<number>();
  const allZones = new Set(shape.nodeZone);
  let nodes = 0;
  servers.forEach((hit, n) => {
    if (!hit) return;
    nodes++;
    zones.add(shape.nodeZone[n]);
    regions.add(shape.zoneRegion[shape.nodeZone[n]]);
  });
  const allRegions = new Set([...allZones].map((z) => shape.zoneRegion[z]));
  return {
    nodes: { touched: nodes, of: servers.length },
    zones: { touched: zones.size, of: allZones.size },
    regions: { touched: regions.size, of: allRegions.size },
  };
}
