import type { Micros } from "../engine/time.js";
import { EntityCounts } from "./entity-counts.js";

/** The entities whose breadth an episode measures. */
export const BREADTH_DIMENSIONS = ["ranges", "clients", "zones", "regions", "tenants"] as const;
export type BreadthDimension = (typeof BREADTH_DIMENSIONS)[number];
export type EntitySet = Record<BreadthDimension, EntityCounts>;

/** One failure: a maximal run of violating windows, short gaps merged. */
export interface Episode {
  readonly start: Micros;
  /** End of its last violating window. */
  readonly end: Micros;
  readonly requests: number;
  /** Requests that failed (anything but OK). */
  readonly failed: number;
  /** Successful requests slower than their op's SLO latency. */
  readonly slow: number;
  /** Per dimension, how many entities were touched and how many exist. */
  readonly touched: Record<BreadthDimension, { readonly touched: number; readonly of: number }>;
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
}

function entitySet(sizes: Record<BreadthDimension, number>): EntitySet {
  return {
    ranges: new EntityCounts(sizes.ranges),
    clients: new EntityCounts(sizes.clients),
    zones: new EntityCounts(sizes.zones),
    regions: new EntityCounts(sizes.regions),
    tenants: new EntityCounts(sizes.tenants),
  };
}

interface OpenEpisode {
  start: Micros;
  end: Micros;
  requests: number;
  failed: number;
  slow: number;
  ops: Set<string>;
  worstErrorRate: number;
}

/**
 * Turns a stream of judged windows into episodes, online: per-entity counts are kept only for
 * the open episode and for the gap after its last violating window (folded in if another
 * violation follows within `mergeGap`, dropped otherwise), so memory does not grow with time.
 */
export class EpisodeDetector {
  readonly episodes: Episode[] = [];
  readonly #mergeGap: Micros;
  readonly #failAllowance: number;
  readonly #slowAllowance: number;
  readonly #episodeEntities: EntitySet;
  readonly #gapEntities: EntitySet;
  #gap = { requests: 0, failed: 0, slow: 0 };
  #open: OpenEpisode | undefined;

  constructor(
    sizes: Record<BreadthDimension, number>,
    options: { mergeGap: Micros; failAllowance: number; slowAllowance: number },
  ) {
    this.#mergeGap = options.mergeGap;
    this.#failAllowance = options.failAllowance;
    this.#slowAllowance = options.slowAllowance;
    this.#episodeEntities = entitySet(sizes);
    this.#gapEntities = entitySet(sizes);
  }

  /** Takes one closed window and its per-entity counts (which the caller then resets). */
  onWindow(window: WindowVerdict, entities: EntitySet): void {
    const open = this.#open;
    if (window.violatedOps.length > 0) {
      if (open && window.start - open.end <= this.#mergeGap) {
        this.#fold(this.#gapEntities, this.#gap);
      } else {
        if (open) this.#close(false);
        this.#open = { start: window.start, end: window.end, requests: 0, failed: 0, slow: 0, ops: new Set(), worstErrorRate: 0 };
      }
      const episode = this.#open!;
      episode.end = window.end;
      for (const op of window.violatedOps) episode.ops.add(op);
      if (window.requests > 0) episode.worstErrorRate = Math.max(episode.worstErrorRate, window.failed / window.requests);
      this.#fold(entities, window);
      return;
    }
    if (!open) return;
    if (window.judged && window.end - open.end > this.#mergeGap) {
      this.#close(false);
      return;
    }
    for (const d of BREADTH_DIMENSIONS) this.#gapEntities[d].addAll(entities[d]);
    this.#gap.requests += window.requests;
    this.#gap.failed += window.failed;
    this.#gap.slow += window.slow;
  }

  /** Closes the episode still open at the end of the run, if any. */
  finish(lastWindowViolated: boolean): void {
    if (this.#open) this.#close(lastWindowViolated);
  }

  #fold(entities: EntitySet, counts: { requests: number; failed: number; slow: number }): void {
    const episode = this.#open!;
    for (const d of BREADTH_DIMENSIONS) this.#episodeEntities[d].addAll(entities[d]);
    episode.requests += counts.requests;
    episode.failed += counts.failed;
    episode.slow += counts.slow;
    this.#clearGap();
  }

  #clearGap(): void {
    for (const d of BREADTH_DIMENSIONS) this.#gapEntities[d].reset();
    this.#gap = { requests: 0, failed: 0, slow: 0 };
  }

  #close(ongoing: boolean): void {
    const e = this.#open!;
    const touched = {} as Record<BreadthDimension, { touched: number; of: number }>;
    for (const d of BREADTH_DIMENSIONS) {
      const counts = this.#episodeEntities[d];
      touched[d] = { touched: counts.touched(this.#failAllowance, this.#slowAllowance), of: counts.size };
      counts.reset();
    }
    this.episodes.push({
      start: e.start,
      end: e.end,
      requests: e.requests,
      failed: e.failed,
      slow: e.slow,
      touched,
      violatedOps: [...e.ops].sort(),
      worstErrorRate: e.worstErrorRate,
      ongoing,
    });
    this.#open = undefined;
    this.#clearGap();
  }
}
