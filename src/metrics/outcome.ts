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
import { MICROS_PER_DAY, toMs, toSeconds, type Micros } from "../engine/time.js";
import { FAULT_DIMENSIONS, SEEN_DIMENSIONS, type Episode, type FaultDimension, type SeenDimension } from "./episode-detector.js";
import { poissonRate, type PoissonRate } from "./poisson-interval.js";
import { latencyStats, type FaultRecord, type LatencyStats, type OperationRecord, type ScopeStats, type WindowRecorder } from "./window-recorder.js";

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
 * How many entities of one dimension an episode touched, of how many. `share` is touched / of and
 * `traffic` the share of the episode's requests that went to the touched ones; both are null for
 * a dimension with a single entity (one tenant), where a share says nothing.
 */
export interface Breadth {
  readonly touched: number;
  readonly of: number;
  readonly share: number | null;
  readonly traffic: number | null;
}

/** Touched servers of one dimension: impaired (down, degraded (slow disk, errors, GC storm, packet loss) or shedding) during the episode. */
export interface FaultBreadth {
  readonly touched: number;
  readonly of: number;
  readonly share: number | null;
}

/** The two views of an episode's breadth: where it was felt, and where the fault was. */
export interface BreadthViews {
  /** Where it was felt: the clients, client zones and regions, tenants and key ranges whose own traffic broke the SLO. */
  readonly seen: Record<SeenDimension, Breadth>;
  /** Where the fault was: server nodes, zones and regions down, degraded (slow disk, errors, GC storm, packet loss) or shedding. */
  readonly fault: Record<FaultDimension, FaultBreadth>;
}

/** An episode as reported: times in seconds, blast radius as shares in 0..1. */
export interface EpisodeReport {
  readonly startS: number;
  readonly endS: number;
  readonly durationS: number;
  /** Still violating when the run ended: it never recovered within the run. */
  readonly ongoing: boolean;
  /** A fault of the scenario's timeline was active during it (or shortly before): a scripted failure, counted, never a rate. */
  readonly scripted: boolean;
  readonly requests: number;
  readonly blastRadius: {
    /** Share of the episode's requests that failed or broke the latency SLO. */
    readonly requests: number;
    readonly failedRequests: number;
  } & BreadthViews;
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
}

const round = (x: number, digits = 6) => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : x);

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

/** Each fault's spans of activity: [start, end) with end Infinity while it never ended. */
function faultSpans(faults: readonly FaultRecord[]): Array<{ name: string; from: Micros; to: Micros; scripted: boolean }> {
  // Faults of the same name can overlap (a timeline crash and a random one): keep each start.
  const open = new Map<string, FaultRecord[]>();
  const spans: Array<{ name: string; from: Micros; to: Micros; scripted: boolean }> = [];
  for (const f of faults) {
    const name = `${f.kind} ${f.target}`;
    // A timeline fault's end closes a timeline start, a random one's a random start.
    const key = `${f.scripted ? "scripted" : "random"} ${name}`;
    const starts = open.get(key) ?? [];
    if (f.phase === "start") {
      starts.push(f);
      open.set(key, starts);
    } else {
      const from = starts.shift();
      if (from) spans.push({ name, from: from.at, to: f.at, scripted: from.scripted });
    }
  }
  for (const starts of open.values()) for (const f of starts) spans.push({ name: `${f.kind} ${f.target}`, from: f.at, to: Infinity, scripted: f.scripted });
  return spans;
}

/** The names of the faults active during [start, end], and whether a scripted one was active from `lead` µs before. */
function faultsDuring(faults: readonly FaultRecord[], start: Micros, end: Micros, lead: Micros): { names: string[]; scripted: boolean } {
  const names = new Set<string>();
  let scripted = false;
  for (const span of faultSpans(faults)) {
    if (span.from < end && span.to >= start) names.add(span.name);
    if (span.scripted && span.from <= end && span.to >= start - lead) scripted = true;
  }
  return { names: [...names].sort(), scripted };
}

const shareOf = (touched: number, of: number) => (of > 1 ? round(touched / of) : null);

function views(e: Episode): BreadthViews {
  const seen = {} as Record<SeenDimension, Breadth>;
  for (const d of SEEN_DIMENSIONS) {
    const c = e.seen[d];
    seen[d] = { touched: c.touched, of: c.of, share: shareOf(c.touched, c.of), traffic: c.of > 1 ? round(c.traffic) : null };
  }
  const fault = {} as Record<FaultDimension, FaultBreadth>;
  for (const d of FAULT_DIMENSIONS) fault[d] = { ...e.fault[d], share: shareOf(e.fault[d].touched, e.fault[d].of) };
  return { seen, fault };
}

function report(e: Episode, recorder: WindowRecorder): EpisodeReport {
  const share = (n: number) => (e.requests > 0 ? round(n / e.requests) : 0);
  const { names, scripted } = faultsDuring(recorder.faults, e.start, e.end, recorder.config.mergeGap);
  return {
    startS: round(toSeconds(e.start), 9),
    endS: round(toSeconds(e.end), 9),
    durationS: round(toSeconds(e.end - e.start), 9),
    ongoing: e.ongoing,
    scripted,
    requests: e.requests,
    blastRadius: { requests: share(e.failed + e.slow), failedRequests: share(e.failed), ...views(e) },
    violatedOps: e.violatedOps,
    worstErrorRate: round(e.worstErrorRate),
    faults: names,
    ...operationTimes(recorder.operations, e.start, e.end),
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

function meanMax(values: ReadonlyArray<number | null>): MeanMax | null {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  return { mean: round(present.reduce((a, b) => a + b, 0) / present.length), max: round(Math.max(...present)), episodes: present.length };
}

/** Per dimension, the worst episode's breadth: the largest share (touched count where there is no share). */
function worstViews(list: readonly EpisodeReport[], empty: BreadthViews): BreadthViews {
  const rank = (b: { touched: number; share: number | null }) => b.share ?? b.touched;
  const seen = { ...empty.seen };
  const fault = { ...empty.fault };
  for (const e of list) {
    for (const d of SEEN_DIMENSIONS) if (rank(e.blastRadius.seen[d]) > rank(seen[d])) seen[d] = e.blastRadius.seen[d];
    for (const d of FAULT_DIMENSIONS) if (rank(e.blastRadius.fault[d]) > rank(fault[d])) fault[d] = e.blastRadius.fault[d];
  }
  return { seen, fault };
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
export function buildOutcome(recorder: WindowRecorder, duration: Micros, options: { stochasticFaults?: boolean } = {}): RunOutcome {
  const list = recorder.detector.episodes.map((e) => report(e, recorder));
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
  const empty = views(emptyEpisode(recorder));
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
  };
}

/** No episode: nothing touched, out of what the run had (the run-level figures when nothing failed). */
function emptyEpisode(recorder: WindowRecorder): Episode {
  const d = recorder.dims;
  const of = (n: number) => ({ touched: 0, of: n, traffic: 0 });
  const clientZones = new Set(d.clientZone);
  const clientRegions = new Set([...clientZones].map((z) => d.zoneRegion[z]));
  const nodes = recorder.nodeZone;
  const nodeZones = new Set(nodes);
  return {
    start: 0,
    end: 0,
    requests: 0,
    failed: 0,
    slow: 0,
    seen: { clients: of(d.clientZone.length), zones: of(clientZones.size), regions: of(clientRegions.size), tenants: of(d.namespaces.length), ranges: of(d.ranges) },
    fault: {
      nodes: { touched: 0, of: nodes.length },
      zones: { touched: 0, of: nodeZones.size },
      regions: { touched: 0, of: new Set([...nodeZones].map((z) => d.zoneRegion[z])).size },
    },
    violatedOps: [],
    worstErrorRate: 0,
    ongoing: false,
  };
}
