import { Priority, type Engine } from "../engine/engine.js";
import type { Micros } from "../engine/time.js";
import { EntityCounts } from "./entity-counts.js";
import { EpisodeDetector, type EntitySet } from "./episode-detector.js";
import { LatencyHistogram } from "./latency-histogram.js";
import { judgeWindow, type MetricsConfig } from "./slo.js";

/** The names and shapes the recorder counts by. Outcome 0 is success. */
export interface RecorderDimensions {
  readonly ops: readonly string[];
  /** Namespace names (applications' tables; tenants). */
  readonly namespaces: readonly string[];
  readonly outcomes: readonly string[];
  readonly zones: readonly string[];
  readonly regions: readonly string[];
  readonly zoneRegion: readonly number[];
  readonly clientZone: readonly number[];
  readonly ranges: number;
}

/** What the recorder reads of a finished request. */
export interface FinishedRequest {
  readonly op: number;
  readonly namespace: number;
  readonly outcome: number;
  readonly client: number;
  readonly range: number;
}

/** Counts and latency of one scope (all ops, or one op) in one window or the whole run. */
export interface ScopeStats {
  readonly requests: number;
  /** Requests per outcome, indexed like `RecorderDimensions.outcomes`. */
  readonly outcomes: readonly number[];
  readonly slow: number;
  /** Latency of successful requests, µs. */
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly mean: number;
  readonly max: number;
}

/** One closed window: its scopes and whether (and by which ops) it broke the SLO. */
export interface WindowRow {
  readonly start: Micros;
  readonly end: Micros;
  readonly all: ScopeStats;
  readonly ops: readonly ScopeStats[];
  /** Per zone and per region: [requests, failed, slow]. */
  readonly zones: readonly (readonly [number, number, number])[];
  readonly regions: readonly (readonly [number, number, number])[];
  readonly violatedOps: readonly string[];
  /** The probes' values in this window, indexed like `WindowRecorder.probeNames`. */
  readonly probes: readonly number[];
}

/** An operation (autoscaling, ejection, a restart) noticing a problem or acting on it. */
export interface OperationRecord {
  readonly at: Micros;
  readonly kind: string;
  readonly target: string;
  readonly phase: "detected" | "mitigated";
}

/** A fault starting or ending, as it happened. */
export interface FaultRecord {
  readonly at: Micros;
  readonly kind: string;
  readonly target: string;
  readonly phase: "start" | "end";
}

/**
 * Streams every finished request into fixed windows: counts per outcome, latency histograms
 * (bounded relative error, no per-request storage) per op, and per-entity counts for blast
 * radius. Closing a window judges it against the SLO and feeds the episode detector.
 */
export class WindowRecorder {
  readonly windows: WindowRow[] = [];
  readonly faults: FaultRecord[] = [];
  readonly operations: OperationRecord[] = [];
  readonly probeNames: string[] = [];
  readonly #probes: Array<{ read: () => number; counter: boolean; last: number }> = [];
  readonly #onClose: Array<(row: WindowRow) => void> = [];
  readonly detector: EpisodeDetector;
  readonly dims: RecorderDimensions;
  readonly config: MetricsConfig;
  readonly #engine: Engine;
  readonly #nOutcomes: number;
  readonly #sloLatency: Float64Array;
  readonly #windowCounts: Float64Array;
  readonly #runCounts: Float64Array;
  readonly #windowSlow: Float64Array;
  readonly #runSlow: Float64Array;
  readonly #windowHist: LatencyHistogram[];
  readonly #entities: EntitySet;
  /** Whole-run latency of successful requests per client. */
  readonly clientHistograms: LatencyHistogram[];
  /** Whole-run per (namespace, op): latency of successes, and requests and failures. */
  readonly namespaceHistograms: LatencyHistogram[];
  readonly namespaceRequests: Float64Array;
  readonly namespaceFailed: Float64Array;
  readonly #zoneRegion: readonly number[];
  readonly #clientZone: readonly number[];
  #windowStart: Micros = 0;
  #lastViolated = false;
  readonly #warmUp: Micros;

  constructor(engine: Engine, dims: RecorderDimensions, config: MetricsConfig) {
    if (config.slo.length !== dims.ops.length) throw new RangeError("one SLO per op is needed");
    this.#engine = engine;
    this.#warmUp = config.warmUp ?? 0;
    this.dims = dims;
    this.config = config;
    this.#nOutcomes = dims.outcomes.length;
    this.#sloLatency = Float64Array.from(config.slo, (s) => s.latency);
    const nOps = dims.ops.length;
    this.#windowCounts = new Float64Array(nOps * this.#nOutcomes);
    this.#runCounts = new Float64Array(nOps * this.#nOutcomes);
    this.#windowSlow = new Float64Array(nOps);
    this.#runSlow = new Float64Array(nOps);
    this.#windowHist = Array.from({ length: nOps }, () => new LatencyHistogram());
    this.clientHistograms = dims.clientZone.map(() => new LatencyHistogram());
    const nsCells = dims.namespaces.length * nOps;
    this.namespaceHistograms = Array.from({ length: nsCells }, () => new LatencyHistogram());
    this.namespaceRequests = new Float64Array(nsCells);
    this.namespaceFailed = new Float64Array(nsCells);
    this.#zoneRegion = dims.zoneRegion;
    this.#clientZone = dims.clientZone;
    this.#entities = {
      ranges: new EntityCounts(dims.ranges),
      clients: new EntityCounts(dims.clientZone.length),
      zones: new EntityCounts(dims.zones.length),
      regions: new EntityCounts(dims.regions.length),
      tenants: new EntityCounts(dims.namespaces.length),
    };
    const failAllowance = Math.min(...config.slo.map((s) => s.errorRate));
    const slowAllowance = Math.min(...config.slo.map((s) => 1 - s.percentile / 100));
    this.detector = new EpisodeDetector(
      {
        ranges: dims.ranges,
        clients: dims.clientZone.length,
        zones: dims.zones.length,
        regions: dims.regions.length,
        tenants: dims.namespaces.length,
      },
      { mergeGap: config.mergeGap, failAllowance, slowAllowance },
    );
  }

  /** Arms the first window close (after the warm-up, if any); call once at time 0. */
  start(): void {
    if (this.#warmUp > 0) this.#engine.schedule(this.#warmUp, this.#begin, undefined, Priority.LOW);
    else this.#begin();
  }

  /** The first window opens: counters' baselines are taken here, so the warm-up is left out. */
  readonly #begin = (): void => {
    this.#windowStart = this.#engine.now;
    for (const p of this.#probes) if (p.counter) p.last = p.read();
    this.#engine.schedule(this.config.window, this.#closeWindow, undefined, Priority.LOW);
  };

  /** Records one finished request with its latency in µs. */
  onRequestDone(request: FinishedRequest, latency: Micros): void {
    if (this.#engine.now < this.#warmUp) return;
    const op = request.op;
    const ok = request.outcome === 0;
    const slow = ok && latency > this.#sloLatency[op];
    const cell = op * this.#nOutcomes + request.outcome;
    const nsCell = request.namespace * this.dims.ops.length + op;
    this.namespaceRequests[nsCell]++;
    if (!ok) this.namespaceFailed[nsCell]++;
    else this.namespaceHistograms[nsCell].record(latency);
    this.#windowCounts[cell]++;
    this.#runCounts[cell]++;
    if (ok) {
      this.#windowHist[op].record(latency);
      this.clientHistograms[request.client].record(latency);
      if (slow) {
        this.#windowSlow[op]++;
        this.#runSlow[op]++;
      }
    }
    // Zones and regions are summed from the clients when the window closes.
    const e = this.#entities;
    e.ranges.add(request.range, !ok, slow);
    e.clients.add(request.client, !ok, slow);
    e.tenants.add(request.namespace, !ok, slow);
  }

  /**
   * Adds a column to every window: `read` is sampled when a window closes; a counter reports
   * its increase over the window, a gauge its value at the window's end.
   */
  addProbe(name: string, read: () => number, kind: "counter" | "gauge"): void {
    this.probeNames.push(name);
    this.#probes.push({ read, counter: kind === "counter", last: kind === "counter" ? read() : 0 });
  }

  /** Calls `listener` with each window as it closes (e.g. to note the engine's fingerprint then). */
  onWindowClosed(listener: (row: WindowRow) => void): void {
    this.#onClose.push(listener);
  }

  /** Notes an operation detecting or mitigating a problem now. */
  onOperation(event: { kind: string; target: string; phase: "detected" | "mitigated" }): void {
    this.operations.push({ at: this.#engine.now, ...event });
  }

  /** Notes a fault starting or ending now. */
  onFault(event: { kind: string; target: string; phase: "start" | "end" }): void {
    this.faults.push({ at: this.#engine.now, ...event });
  }

  /** Closes the last (possibly partial) window and any open episode; call once at the end. */
  finish(): void {
    if (this.#engine.now > this.#windowStart && this.#engine.now > this.#warmUp) this.#close(this.#engine.now);
    this.detector.finish(this.#lastViolated);
  }

  /** Whole-run statistics for op `op`, or for all ops when `op` is undefined. */
  runStats(op?: number): ScopeStats {
    return this.#scope(this.#runCounts, this.#runSlow, this.#runHistograms(), op);
  }

  /**
   * Whole-run latency per op: the sum of the namespaces' histograms, which record the same
   * requests (successes after the warm-up); one histogram fewer to fill per request.
   */
  #runHistograms(): LatencyHistogram[] {
    const nOps = this.dims.ops.length;
    return this.dims.ops.map((_, op) => {
      const h = new LatencyHistogram();
      for (let ns = 0; ns < this.dims.namespaces.length; ns++) h.merge(this.namespaceHistograms[ns * nOps + op]);
      return h;
    });
  }

  /** Each zone's and region's counts of the window: the sums of their clients'. */
  #sumPlaces(): void {
    const { clients, zones, regions } = this.#entities;
    for (let c = 0; c < clients.size; c++) {
      const zone = this.#clientZone[c];
      const region = this.#zoneRegion[zone];
      zones.total[zone] += clients.total[c];
      zones.failed[zone] += clients.failed[c];
      zones.slow[zone] += clients.slow[c];
      regions.total[region] += clients.total[c];
      regions.failed[region] += clients.failed[c];
      regions.slow[region] += clients.slow[c];
    }
  }

  readonly #closeWindow = (): void => {
    this.#close(this.#engine.now);
    this.#engine.schedule(this.config.window, this.#closeWindow, undefined, Priority.LOW);
  };

  #close(end: Micros): void {
    const nOps = this.dims.ops.length;
    const ops: ScopeStats[] = [];
    const violated: string[] = [];
    let judged = false;
    for (let op = 0; op < nOps; op++) {
      const stats = this.#scope(this.#windowCounts, this.#windowSlow, this.#windowHist, op);
      ops.push(stats);
      if (stats.requests >= this.config.minRequests && stats.requests > 0) judged = true;
      const slo = this.config.slo[op];
      const latency = this.#windowHist[op].percentile(slo.percentile);
      if (judgeWindow(slo, stats.requests, stats.requests - stats.outcomes[0], latency, this.config.minRequests)) {
        violated.push(this.dims.ops[op]);
      }
    }
    const all = this.#scope(this.#windowCounts, this.#windowSlow, this.#windowHist, undefined);
    this.#sumPlaces();
    const e = this.#entities;
    const triples = (c: EntityCounts) => Array.from(c.total, (t, i) => [t, c.failed[i], c.slow[i]] as const);
    const probes = this.#probes.map((p) => {
      const value = p.read();
      if (!p.counter) return value;
      const delta = value - p.last;
      p.last = value;
      return delta;
    });
    const row: WindowRow = {
      start: this.#windowStart,
      end,
      all,
      ops,
      zones: triples(e.zones),
      regions: triples(e.regions),
      violatedOps: violated,
      probes,
    };
    this.windows.push(row);
    for (const listener of this.#onClose) listener(row);
    this.detector.onWindow(
      { judged, start: row.start, end, violatedOps: violated, requests: all.requests, failed: all.requests - all.outcomes[0], slow: all.slow },
      e,
    );
    // The last judged window decides whether an episode open at the end is still ongoing.
    if (judged) this.#lastViolated = violated.length > 0;
    for (const c of Object.values(e)) c.reset();
    this.#windowCounts.fill(0);
    this.#windowSlow.fill(0);
    for (const h of this.#windowHist) h.reset();
    this.#windowStart = end;
  }

  #scope(counts: Float64Array, slowCounts: Float64Array, hists: LatencyHistogram[], op: number | undefined): ScopeStats {
    const n = this.#nOutcomes;
    const outcomes = new Array<number>(n).fill(0);
    let slow = 0;
    let hist: LatencyHistogram;
    if (op === undefined) {
      hist = new LatencyHistogram();
      for (let o = 0; o < this.dims.ops.length; o++) {
        for (let k = 0; k < n; k++) outcomes[k] += counts[o * n + k];
        slow += slowCounts[o];
        hist.merge(hists[o]);
      }
    } else {
      for (let k = 0; k < n; k++) outcomes[k] = counts[op * n + k];
      slow = slowCounts[op];
      hist = hists[op];
    }
    const [p50, p90, p99, p999] = hist.percentiles([50, 90, 99, 99.9]);
    return {
      requests: outcomes.reduce((a, b) => a + b, 0),
      outcomes,
      slow,
      p50,
      p90,
      p99,
      p999,
      mean: hist.mean,
      max: hist.max,
    };
  }
}
