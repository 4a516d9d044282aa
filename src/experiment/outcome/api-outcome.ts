import type { ClientStats } from "../../model/client/client-stats.js";
import type { WorldConfig } from "../../model/config.js";
import type { World } from "../../model/world.js";
import { roundOrZero } from "./rounding.js";

/** Where writes applied, and what tokens cost (present when `api.idempotency` or `api.timeSeries` is set). */
export interface WritesOutcome {
  readonly issued: number;
  readonly applied: number;
  readonly distinct: number;
  readonly duplicates: number;
  readonly deduplicated: number;
  /** Tokens (or event ids) the store held at most at once: its memory, bounded by rate × ttl. */
  readonly tokensHeldPeak: number;
  readonly tokenFetches: number;
  /** Writes failed because their token could not be fetched. */
  readonly tokenFailures: number;
}

/** What became of time-series events (present when `api.timeSeries` is set). */
export interface TimeSeriesOutcome {
  readonly sent: number;
  readonly stored: number;
  readonly lost: number;
  readonly failed: number;
  readonly unsettled: number;
  /** lost / (sent − unsettled): the share silently lost. */
  readonly lostShare: number;
  /** Events dropped from coordinators' in-memory queues by crashes. */
  readonly lostInQueues: number;
  /** Pages fetched by time-series reads after the first of each read. */
  readonly extraPages: number;
}

export interface ApiOutcome {
  readonly writes?: WritesOutcome;
  readonly timeSeries?: TimeSeriesOutcome;
}


/** The outcome's `writes` and `timeSeries` sections for a finished world and the clients' summed counters `s` (none without `api`). */
export function apiOutcome(world: World, s: ClientStats, config: WorldConfig): ApiOutcome {
  const api = world.api;
  if (!api) return {};
  const writes: WritesOutcome = { ...api.writes.counts, tokensHeldPeak: api.writes.tokensPeak, tokenFetches: s.tokenFetches, tokenFailures: s.tokenFailures };
  if (!api.events) return { writes };
  const e = api.events.counts(world.engine.now, config.api!.timeSeries!.settle);
  const judged = e.sent - e.unsettled;
  return {
    writes,
    timeSeries: { ...e, lostShare: roundOrZero(judged > 0 ? e.lost / judged : 0), lostInQueues: world.cluster.lostInQueues, extraPages: s.extraPages },
  };
}
