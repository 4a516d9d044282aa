/**
 * An episode as the outcome reports it: its times in seconds, the faults and operations active
 * during it, and its blast radius in the two views (where it was felt, where the fault was).
 */
import { toSeconds, type Micros } from "../../engine/time.js";
import { FAULT_DIMENSIONS, SEEN_DIMENSIONS, type Episode, type FaultDimension, type SeenDimension } from "../../metrics/episode-detector.js";
import type { FaultRecord, OperationRecord, WindowRecorder } from "../../metrics/window-recorder.js";
import { Outcome } from "../../model/request/codes.js";
import { round } from "./rounding.js";

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
  /**
   * What made its requests bad, as shares of its bad requests (failed or slow): server errors
   * (`failed`), `timedOut`, `shed`, `unavailable`, and successes too slow for the SLO (`slow`).
   */
  readonly badBy: BadBy;
  /** Faults active at some point during the episode, e.g. "crash zone us-east-1a". */
  readonly faults: readonly string[];
  /** From the episode's start to the first operation noticing a problem, s (null: none did). */
  readonly timeToDetectS: number | null;
  /** From the episode's start to the first operation acting on it (after detection), s. */
  readonly timeToMitigateS: number | null;
  /** The operations that detected or mitigated during the episode, e.g. "autoscale detected". */
  readonly operations: readonly string[];
}

/** Shares of an episode's bad requests by what made them bad; they add up to 1 (all 0 when none was bad). */
export interface BadBy {
  readonly failed: number;
  readonly timedOut: number;
  readonly shed: number;
  readonly unavailable: number;
  readonly slow: number;
}

function badBy(e: Episode): BadBy {
  const bad = e.failed + e.slow;
  const share = (n: number | undefined) => (bad > 0 ? round((n ?? 0) / bad) : 0);
  const o = e.outcomes;
  return { failed: share(o[Outcome.FAILED]), timedOut: share(o[Outcome.TIMED_OUT]), shed: share(o[Outcome.SHED]), unavailable: share(o[Outcome.UNAVAILABLE]), slow: share(e.slow) };
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

/** A fault's span of activity as reported: seconds from the start, `endS` null while it never ended. */
export interface FaultSpan {
  readonly fault: string;
  readonly startS: number;
  readonly endS: number | null;
  readonly scripted: boolean;
}

/** Every fault's span, by start (then name): the markers a report draws on its timelines. */
export function faultTimeline(faults: readonly FaultRecord[]): FaultSpan[] {
  return faultSpans(faults)
    .sort((a, b) => a.from - b.from || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((s) => ({ fault: s.name, startS: round(toSeconds(s.from), 9), endS: s.to === Infinity ? null : round(toSeconds(s.to), 9), scripted: s.scripted }));
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

/** An episode's breadth in both views, shares rounded; a dimension of one entity has no share. */
export function breadthViews(e: Episode): BreadthViews {
  const seen = {} as Record<SeenDimension, Breadth>;
  for (const d of SEEN_DIMENSIONS) {
    const c = e.seen[d];
    seen[d] = { touched: c.touched, of: c.of, share: shareOf(c.touched, c.of), traffic: c.of > 1 ? round(c.traffic) : null };
  }
  const fault = {} as Record<FaultDimension, FaultBreadth>;
  for (const d of FAULT_DIMENSIONS) fault[d] = { ...e.fault[d], share: shareOf(e.fault[d].touched, e.fault[d].of) };
  return { seen, fault };
}

/** An episode of the detector as reported, with the faults and operations of the recorder during it. */
export function episodeReport(e: Episode, recorder: WindowRecorder): EpisodeReport {
  const share = (n: number) => (e.requests > 0 ? round(n / e.requests) : 0);
  const { names, scripted } = faultsDuring(recorder.faults, e.start, e.end, recorder.config.mergeGap);
  return {
    startS: round(toSeconds(e.start), 9),
    endS: round(toSeconds(e.end), 9),
    durationS: round(toSeconds(e.end - e.start), 9),
    ongoing: e.ongoing,
    scripted,
    requests: e.requests,
    blastRadius: { requests: share(e.failed + e.slow), failedRequests: share(e.failed), ...breadthViews(e) },
    violatedOps: e.violatedOps,
    worstErrorRate: round(e.worstErrorRate),
    badBy: badBy(e),
    faults: names,
    ...operationTimes(recorder.operations, e.start, e.end),
  };
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

/** Per dimension, the worst episode's breadth: the largest share (touched count where there is no share). */
export function worstViews(list: readonly EpisodeReport[], empty: BreadthViews): BreadthViews {
  const rank = (b: { touched: number; share: number | null }) => b.share ?? b.touched;
  const seen = { ...empty.seen };
  const fault = { ...empty.fault };
  for (const e of list) {
    for (const d of SEEN_DIMENSIONS) if (rank(e.blastRadius.seen[d]) > rank(seen[d])) seen[d] = e.blastRadius.seen[d];
    for (const d of FAULT_DIMENSIONS) if (rank(e.blastRadius.fault[d]) > rank(fault[d])) fault[d] = e.blastRadius.fault[d];
  }
  return { seen, fault };
}

/** No episode: nothing touched, out of what the run had (the run-level figures when nothing failed). */
export function emptyEpisode(recorder: WindowRecorder): Episode {
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
    outcomes: [],
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
