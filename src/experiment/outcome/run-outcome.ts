/**
 * The three answers of a run, and how each is defined (the README's "Reading the results" says
 * the same for users):
 *
 * - How often: every episode (a maximal run of violating windows, gaps up to `mergeGap` merged)
 *   is counted. One during a timeline fault, or up to `mergeGap` after one ended, is *scripted*:
 *   the scenario put it there, so it is a count, never a rate. A rate per day comes only from a
 *   scenario with random faults, from its unscripted episodes, with the exact Poisson (Garwood)
 *   95% interval, or the rule of three with none.
 * - How big: the share of an episode's requests that failed or were slow, and its breadth in two
 *   views. *Seen* (where it was felt): the clients, client zones and regions, tenants and key
 *   ranges whose own traffic of an op they served broke that op's SLO clearly (see
 *   `entityBrokeSlo`), with the share of traffic they carried; a dimension of one entity has no
 *   share. *Fault* (where the fault was): the server nodes, zones and regions down, under a fault
 *   or shedding during it (see `impairedNodes`).
 * - How long: the episode's duration between its start and end located inside the boundary
 *   windows (see `BadStretch`), and where operations acted, the time to detect and to mitigate.
 *
 * Latency is client-observed (a failure at the time its client gave up) beside successes only.
 */
import { MICROS_PER_DAY, toMs, toSeconds, type Micros } from "../../engine/time.js";
import { poissonRate, type PoissonRate } from "../../metrics/poisson-interval.js";
import { latencyStats, type LatencyStats, type ScopeStats, type WindowRecorder } from "../../metrics/window-recorder.js";
import { breadthViews, emptyEpisode, episodeReport, faultTimeline, worstViews, type BreadthViews, type EpisodeReport, type FaultSpan } from "./episode-report.js";
import { round } from "./rounding.js";

export type { Breadth, BreadthViews, EpisodeReport, FaultBreadth } from "./episode-report.js";

/** Latency percentiles, mean and maximum, ms. */
export interface LatencySummary {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly mean: number;
  readonly max: number;
}

/** Latency per op (and "all"), ms; null for an op with no request to measure. */
export type LatencyByOp = Record<string, LatencySummary | null>;

/**
 * How often it failed. Every episode is counted; scripted ones (the timeline's faults) only as a
 * count. A rate per day comes only from a scenario with random faults (`faults.nodeFailures`),
 * from its unscripted episodes, with an exact Poisson interval; otherwise it is null.
 */
export interface Frequency {
  readonly episodes: number;
  readonly scripted: number;
  readonly unscripted: number;
  readonly perDay: (PoissonRate & { readonly exposureDays: number }) | null;
}

/** Mean and maximum over the episodes that have the figure; null when none has. */
export interface MeanMax {
  readonly mean: number;
  readonly max: number;
  readonly episodes: number;
}

/** The answers of one run: how often, how big, how long, and availability beside them. */
export interface RunOutcome {
  readonly durationS: number;
  readonly frequency: Frequency;
  readonly episodes: { readonly count: number; readonly list: readonly EpisodeReport[] };
  readonly recoveryS: { readonly mean: number; readonly p50: number; readonly max: number };
  /** Over the episodes where an operation acted: time to detect and to mitigate, s. */
  readonly timeToDetectS: MeanMax | null;
  readonly timeToMitigateS: MeanMax | null;
  /** The worst episode's figures, per figure. */
  readonly blastRadius: {
    readonly meanRequests: number;
    readonly maxRequests: number;
  } & BreadthViews;
  readonly availability: number;
  /** −log10(1 − availability); with no failure at all, the resolution limit log10(requests). */
  readonly nines: number;
  readonly requests: Record<string, number> & { readonly total: number };
  /** Client-observed latency: every request, a failure at the time its client gave up. */
  readonly latencyMs: LatencyByOp;
  /** Latency of successful requests only. */
  readonly successLatencyMs: LatencyByOp;
  /** Per namespace: requests, availability, and latency per op that it uses (ms), client-observed and successes only. */
  readonly namespaces: Record<
    string,
    { readonly requests: number; readonly availability: number; readonly latencyMs: LatencyByOp; readonly successLatencyMs: LatencyByOp }
  >;
  /** Across clients (those with a success): the best, median and worst client's p50 and p99 of successes, ms. */
  readonly clientLatencyMs: Record<"p50" | "p99", { readonly best: number; readonly median: number; readonly worst: number }>;
  readonly violatingWindows: number;
  readonly windows: number;
  /** Each op's SLO as judged: the percentile, its latency bound and the error rate allowed (for the report's threshold lines). */
  readonly slo: ReadonlyArray<{ readonly op: string; readonly percentile: number; readonly latencyMs: number; readonly errorRate: number }>;
  /** Every fault's span, in start order (at most the first 1,000), for the report's markers on the timelines. */
  readonly faultTimeline: readonly FaultSpan[];
}

function latency(stats: LatencyStats | null): LatencySummary | null {
  if (!stats) return null;
  return {
    p50: round(toMs(stats.p50)),
    p90: round(toMs(stats.p90)),
    p99: round(toMs(stats.p99)),
    p999: round(toMs(stats.p999)),
    mean: round(toMs(stats.mean)),
    max: round(toMs(stats.max)),
  };
}

/** Per op of a (namespace) scope: client-observed and success latency. */
function latencies(recorder: WindowRecorder, stats: (op: number) => ScopeStats): { latencyMs: LatencyByOp; successLatencyMs: LatencyByOp } {
  const latencyMs: LatencyByOp = {};
  const successLatencyMs: LatencyByOp = {};
  recorder.dims.ops.forEach((name, op) => {
    const s = stats(op);
    latencyMs[name] = latency(s.observed);
    successLatencyMs[name] = latency(s.success);
  });
  return { latencyMs, successLatencyMs };
}

function namespaceReports(recorder: WindowRecorder): RunOutcome["namespaces"] {
  const out: Record<string, RunOutcome["namespaces"][string]> = {};
  const ops = recorder.dims.ops;
  recorder.dims.namespaces.forEach((name, ns) => {
    let requests = 0;
    let failed = 0;
    ops.forEach((_, o) => {
      requests += recorder.namespaceRequests[ns * ops.length + o];
      failed += recorder.namespaceFailed[ns * ops.length + o];
    });
    const stats = (o: number): ScopeStats => {
      const cell = ns * ops.length + o;
      const success = recorder.namespaceHistograms[cell];
      const observed = success.clone();
      observed.merge(recorder.namespaceFailHistograms[cell]);
      return { requests: observed.count, outcomes: [], slow: 0, observed: latencyStats(observed), success: latencyStats(success) };
    };
    out[name] = { requests, availability: round(requests > 0 ? (requests - failed) / requests : 1, 9), ...latencies(recorder, stats) };
  });
  return out;
}

/** Best, median and worst of per-client figures (lower is better). */
function spread(values: number[]): { best: number; median: number; worst: number } {
  values.sort((a, b) => a - b);
  return { best: round(values[0] ?? 0), median: round(median(values)), worst: round(values[values.length - 1] ?? 0) };
}

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function meanMax(values: ReadonlyArray<number | null>): MeanMax | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  return { mean: round(present.reduce((a, b) => a + b, 0) / present.length), max: round(Math.max(...present)), episodes: present.length };
}

/** What a run's frequency says, from its episodes; a rate only where random faults ran. */
function frequency(list: readonly EpisodeReport[], duration: Micros, stochasticFaults: boolean): Frequency {
  const scripted = list.filter((e) => e.scripted).length;
  const unscripted = list.length - scripted;
  const days = duration / MICROS_PER_DAY;
  let perDay: Frequency["perDay"] = null;
  if (stochasticFaults && days > 0) {
    const r = poissonRate(unscripted, days);
    perDay = { ...r, rate: round(r.rate), ci95Low: round(r.ci95Low), ci95High: round(r.ci95High), exposureDays: round(days, 9) };
  }
  return { episodes: list.length, scripted, unscripted, perDay };
}

/**
 * Builds the outcome of a finished run from its recorder (after `finish()`), over `duration` µs
 * measured; `stochasticFaults` when random fault processes ran (only then is there a rate).
 */
export function buildRunOutcome(recorder: WindowRecorder, duration: Micros, options: { stochasticFaults?: boolean } = {}): RunOutcome {
  const list = recorder.detector.episodes.map((e) => episodeReport(e, recorder));
  const durations = list.map((e) => e.durationS).sort((a, b) => a - b);
  const all = recorder.runStats();
  const total = all.requests;
  const ok = all.outcomes[0];
  const availability = total > 0 ? ok / total : 1;
  const requests: Record<string, number> & { total: number } = { total };
  recorder.dims.outcomes.forEach((name, i) => (requests[name] = all.outcomes[i]));
  const overall = latencies(recorder, (op) => recorder.runStats(op));
  const latencyMs: LatencyByOp = { all: latency(all.observed), ...overall.latencyMs };
  const successLatencyMs: LatencyByOp = { all: latency(all.success), ...overall.successLatencyMs };
  const empty = breadthViews(emptyEpisode(recorder));
  return {
    durationS: toSeconds(duration),
    frequency: frequency(list, duration, options.stochasticFaults ?? false),
    episodes: { count: list.length, list },
    recoveryS: {
      mean: round(durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : 0),
      p50: round(median(durations)),
      max: round(durations.length ? durations[durations.length - 1] : 0),
    },
    timeToDetectS: meanMax(list.map((e) => e.timeToDetectS)),
    timeToMitigateS: meanMax(list.map((e) => e.timeToMitigateS)),
    blastRadius: {
      meanRequests: round(list.length ? list.reduce((a, e) => a + e.blastRadius.requests, 0) / list.length : 0),
      maxRequests: list.length ? Math.max(...list.map((e) => e.blastRadius.requests)) : 0,
      ...worstViews(list, empty),
    },
    availability: round(availability, 9),
    nines: round(ok < total ? -Math.log10(1 - availability) : Math.log10(Math.max(1, total)), 4),
    requests,
    latencyMs,
    successLatencyMs,
    namespaces: namespaceReports(recorder),
    clientLatencyMs: {
      p50: spread(recorder.clientHistograms.filter((h) => h.count > 0).map((h) => toMs(h.percentile(50)))),
      p99: spread(recorder.clientHistograms.filter((h) => h.count > 0).map((h) => toMs(h.percentile(99)))),
    },
    violatingWindows: recorder.windows.filter((w) => w.violatedOps.length > 0).length,
    windows: recorder.windows.length,
    slo: recorder.config.slo.map((s, i) => ({ op: recorder.dims.ops[i], percentile: s.percentile, latencyMs: round(toMs(s.latency)), errorRate: s.errorRate })),
    faultTimeline: faultTimeline(recorder.faults).slice(0, MAX_FAULT_SPANS),
  };
}

const MAX_FAULT_SPANS = 1000;
