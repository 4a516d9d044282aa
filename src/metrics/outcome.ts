import { MICROS_PER_DAY, toMs, toSeconds, type Micros } from "../engine/time.js";
import { BREADTH_DIMENSIONS, type BreadthDimension, type Episode } from "./episode-detector.js";
import type { FaultRecord, OperationRecord, ScopeStats, WindowRecorder } from "./window-recorder.js";

/** Latency of successful requests, ms. */
export interface LatencySummary {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly mean: number;
  readonly max: number;
}

/** An episode as reported: times in seconds, blast radius as shares in 0..1. */
export interface EpisodeReport {
  readonly startS: number;
  readonly endS: number;
  readonly durationS: number;
  /** Still violating when the run ended: it never recovered within the run. */
  readonly ongoing: boolean;
  readonly requests: number;
  readonly blastRadius: {
    /** Share of the episode's requests that failed or broke the latency SLO. */
    readonly requests: number;
    readonly failedRequests: number;
  } & Record<BreadthDimension, number>;
  readonly violatedOps: readonly string[];
  readonly worstErrorRate: number;
  /** Faults active at some point during the episode, e.g. "crash zone us-east-1a". */
  readonly faults: readonly string[];
  /** From the episode's start to the first operation noticing a problem, s (null: none did). */
  readonly timeToDetectS: number | null;
  /** From the episode's start to the first operation acting on it (after detection), s. */
  readonly timeToMitigateS: number | null;
  /** The operations that detected or mitigated during the episode, e.g. "autoscale detected". */
  readonly operations: readonly string[];
}

/** The answers of one run: how often, how big, how long, and availability beside them. */
export interface RunOutcome {
  readonly durationS: number;
  readonly failureFrequencyPerDay: number;
  readonly episodes: { readonly count: number; readonly list: readonly EpisodeReport[] };
  readonly recoveryS: { readonly mean: number; readonly p50: number; readonly max: number };
  readonly blastRadius: {
    readonly meanRequests: number;
    readonly maxRequests: number;
  } & Record<BreadthDimension, number>;
  readonly availability: number;
  /** −log10(1 − availability); with no failure at all, the resolution limit log10(requests). */
  readonly nines: number;
  readonly requests: Record<string, number> & { readonly total: number };
  readonly latencyMs: Record<string, LatencySummary>;
  /** Per namespace: requests, availability, and latency per op that it uses (ms). */
  readonly namespaces: Record<string, { readonly requests: number; readonly availability: number; readonly latencyMs: Record<string, LatencySummary> }>;
  /** Across clients (those with a success): the best, median and worst client's p50 and p99, ms. */
  readonly clientLatencyMs: Record<"p50" | "p99", { readonly best: number; readonly median: number; readonly worst: number }>;
  readonly violatingWindows: number;
  readonly windows: number;
}

const round = (x: number, digits = 6) => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : x);

function latency(stats: ScopeStats): LatencySummary {
  return {
    p50: round(toMs(stats.p50)),
    p90: round(toMs(stats.p90)),
    p99: round(toMs(stats.p99)),
    p999: round(toMs(stats.p999)),
    mean: round(toMs(stats.mean)),
    max: round(toMs(stats.max)),
  };
}

function faultsDuring(faults: readonly FaultRecord[], start: Micros, end: Micros): string[] {
  // Faults of the same name can overlap (a timeline crash and a random one): keep each start.
  const active = new Map<string, Micros[]>();
  const hit = new Set<string>();
  for (const f of faults) {
    const name = `${f.kind} ${f.target}`;
    const starts = active.get(name) ?? [];
    if (f.phase === "start") {
      starts.push(f.at);
      active.set(name, starts);
    } else {
      const from = starts.shift();
      if (from !== undefined && from < end && f.at >= start) hit.add(name);
    }
  }
  for (const [name, starts] of active) if (starts.some((from) => from < end)) hit.add(name);
  return [...hit].sort();
}

function report(e: Episode, faults: readonly FaultRecord[], operations: readonly OperationRecord[]): EpisodeReport {
  const share = (n: number) => (e.requests > 0 ? round(n / e.requests) : 0);
  const breadth = {} as Record<BreadthDimension, number>;
  for (const d of BREADTH_DIMENSIONS) breadth[d] = round(e.touched[d].touched / Math.max(1, e.touched[d].of));
  return {
    startS: round(toSeconds(e.start), 9),
    endS: round(toSeconds(e.end), 9),
    durationS: round(toSeconds(e.end - e.start), 9),
    ongoing: e.ongoing,
    requests: e.requests,
    blastRadius: { requests: share(e.failed + e.slow), failedRequests: share(e.failed), ...breadth },
    violatedOps: e.violatedOps,
    worstErrorRate: round(e.worstErrorRate),
    faults: faultsDuring(faults, e.start, e.end),
    ...operationTimes(operations, e.start, e.end),
  };
}

function namespaceReports(recorder: WindowRecorder): RunOutcome["namespaces"] {
  const out: Record<string, { requests: number; availability: number; latencyMs: Record<string, LatencySummary> }> = {};
  const ops = recorder.dims.ops;
  recorder.dims.namespaces.forEach((name, ns) => {
    let requests = 0;
    let failed = 0;
    const latencyMs: Record<string, LatencySummary> = {};
    ops.forEach((op, o) => {
      const cell = ns * ops.length + o;
      requests += recorder.namespaceRequests[cell];
      failed += recorder.namespaceFailed[cell];
      const h = recorder.namespaceHistograms[cell];
      const [p50, p90, p99, p999] = h.percentiles([50, 90, 99, 99.9]);
      latencyMs[op] = latency({ requests: h.count, outcomes: [], slow: 0, p50, p90, p99, p999, mean: h.mean, max: h.max });
    });
    out[name] = { requests, availability: round(requests > 0 ? (requests - failed) / requests : 1, 9), latencyMs };
  });
  return out;
}

/** Best, median and worst of per-client figures (lower is better). */
function spread(values: number[]): { best: number; median: number; worst: number } {
  values.sort((a, b) => a - b);
  return { best: round(values[0] ?? 0), median: round(median(values)), worst: round(values[values.length - 1] ?? 0) };
}

function operationTimes(
  operations: readonly OperationRecord[],
  start: Micros,
  end: Micros,
): Pick<EpisodeReport, "timeToDetectS" | "timeToMitigateS" | "operations"> {
  // An operation that detected shortly before the windows went bad still counts (it acted early).
  const during = operations.filter((o) => o.at <= end && o.at >= start - (end - start));
  const detected = during.find((o) => o.phase === "detected" && o.at >= start) ?? during.find((o) => o.phase === "detected");
  const mitigated = detected ? during.find((o) => o.phase === "mitigated" && o.at >= detected.at) : undefined;
  const since = (t: Micros | undefined) => (t === undefined ? null : round(Math.max(0, toSeconds(t - start)), 9));
  return {
    timeToDetectS: since(detected?.at),
    timeToMitigateS: since(mitigated?.at),
    operations: [...new Set(during.map((o) => `${o.kind} ${o.phase}`))].sort(),
  };
}

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Builds the outcome of a finished run from its recorder (after `finish()`), over `duration` µs. */
export function buildOutcome(recorder: WindowRecorder, duration: Micros): RunOutcome {
  const list = recorder.detector.episodes.map((e) => report(e, recorder.faults, recorder.operations));
  const durations = list.map((e) => e.durationS).sort((a, b) => a - b);
  const all = recorder.runStats();
  const total = all.requests;
  const ok = all.outcomes[0];
  const availability = total > 0 ? ok / total : 1;
  const requests: Record<string, number> & { total: number } = { total };
  recorder.dims.outcomes.forEach((name, i) => (requests[name] = all.outcomes[i]));
  const latencyMs: Record<string, LatencySummary> = { all: latency(all) };
  recorder.dims.ops.forEach((name, op) => (latencyMs[name] = latency(recorder.runStats(op))));
  const maxOf = (f: (e: EpisodeReport) => number) => (list.length ? Math.max(...list.map(f)) : 0);
  const breadth = {} as Record<BreadthDimension, number>;
  for (const d of BREADTH_DIMENSIONS) breadth[d] = maxOf((e) => e.blastRadius[d]);
  return {
    durationS: toSeconds(duration),
    failureFrequencyPerDay: round(list.length / (duration / MICROS_PER_DAY)),
    episodes: { count: list.length, list },
    recoveryS: {
      mean: round(durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : 0),
      p50: round(median(durations)),
      max: round(durations.length ? durations[durations.length - 1] : 0),
    },
    blastRadius: {
      meanRequests: round(list.length ? list.reduce((a, e) => a + e.blastRadius.requests, 0) / list.length : 0),
      maxRequests: maxOf((e) => e.blastRadius.requests),
      ...breadth,
    },
    availability: round(availability, 9),
    nines: round(ok < total ? -Math.log10(1 - availability) : Math.log10(Math.max(1, total)), 4),
    requests,
    latencyMs,
    namespaces: namespaceReports(recorder),
    clientLatencyMs: {
      p50: spread(recorder.clientHistograms.filter((h) => h.count > 0).map((h) => toMs(h.percentile(50)))),
      p99: spread(recorder.clientHistograms.filter((h) => h.count > 0).map((h) => toMs(h.percentile(99)))),
    },
    violatingWindows: recorder.windows.filter((w) => w.violatedOps.length > 0).length,
    windows: recorder.windows.length,
  };
}
