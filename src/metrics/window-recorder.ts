import { Priority, type Engine } from "../engine/engine.js";
import type { Micros } from "../engine/time.js";
import type { FinishedRequest } from "../model/request/request.js";
import { BadStretch } from "./bad-stretch.js";
import type { EntityCounts, OpJudge } from "./entity-counts.js";
import { DeferredEntityCounts } from "./deferred-entity-counts.js";
import { entitySet, EpisodeDetector, type EntitySet } from "./episode-detector.js";
import { LatencyHistogram } from "./latency-histogram.js";
import { WindowProbes, type ProbeKind } from "./window-probes.js";
import { impairedNodes, serverSample, type ServerSample, type ServerWatch } from "./server-watch.js";
import { judgeOp, requestsToJudge, type MetricsConfig } from "./slo.js";

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

/** Percentiles, mean and maximum of a set of latencies, µs. */
export interface LatencyStats {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly mean: number;
  readonly max: number;
}

/** Counts and latency of one scope (all ops, or one op) in one window or the whole run. */
export interface ScopeStats {
  readonly requests: number;
  /** Requests per outcome, indexed like `RecorderDimensions.outcomes`. */
  readonly outcomes: readonly number[];
  readonly slow: number;
  /** Latency as clients saw it: every request, a failure at the time its client gave up; null with no request. */
  readonly observed: LatencyStats | null;
  /** Latency of successful requests only; null with no success. */
  readonly success: LatencyStats | null;
}

/** The latency summary of a histogram, or null when it is empty. */
export function latencyStats(h: LatencyHistogram): LatencyStats | null {
  if (h.count === 0) return null;
  const [p50, p90, p99, p999] = h.percentiles([50, 90, 99, 99.9]);
  return { p50, p90, p99, p999, mean: h.mean, max: h.max };
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
  /** Put there by the scenario's timeline (not by a random failure process). */
  readonly scripted: boolean;
}

/**
 * Streams every finished request into fixed windows: counts per outcome, latency histograms
 * (bounded relative error, no per-request storage) per op, per-(entity, op) counts for blast
 * radius, and per-second counts that place an episode's start and end inside its windows.
 * Closing a window judges it against the SLO and feeds the episode detector.
 */
export class WindowRecorder {
  readonly windows: WindowRow[] = [];
  readonly faults: FaultRecord[] = [];
  readonly operations: OperationRecord[] = [];
  readonly #probes = new WindowProbes();
  readonly #onClose: Array<(row: WindowRow) => void> = [];
  readonly detector: EpisodeDetector;
  readonly dims: RecorderDimensions;
  readonly config: MetricsConfig;
  /** Per op: its SLO and the requests it takes to judge it. */
  readonly judges: readonly OpJudge[];
  readonly #engine: Engine;
  readonly #nOutcomes: number;
  readonly #sloLatency: Float64Array;
  readonly #windowCounts: Float64Array;
  readonly #runCounts: Float64Array;
  readonly #windowSlow: Float64Array;
  readonly #runSlow: Float64Array;
  readonly #windowHist: LatencyHistogram[];
  /** Per op, the latency at which failed requests were given up, in the open window. */
  readonly #windowFailHist: LatencyHistogram[];
  readonly #stretch: BadStretch;
  readonly #entities: EntitySet;
  /** Per client and per range, what finished requests add, applied in batches. */
  readonly #deferred: DeferredEntityCounts;
  /** Whole-run per (namespace, op): latency of successes and of failures, and requests and failures. */
  readonly namespaceHistograms: LatencyHistogram[];
  readonly namespaceFailHistograms: LatencyHistogram[];
  readonly namespaceRequests: Float64Array;
  readonly namespaceFailed: Float64Array;
  readonly #zoneRegion: readonly number[];
  readonly #clientZone: readonly number[];
  /** Zone of each server node watched (empty without a server watch). */
  readonly nodeZone: readonly number[];
  #servers: { watch: ServerWatch; sample: ServerSample; impaired: Uint8Array } | undefined;
  #windowStart: Micros = 0;
  #lastViolated = false;
  readonly #warmUp: Micros;

  constructor(engine: Engine, dims: RecorderDimensions, config: MetricsConfig, servers?: ServerWatch) {
    if (config.slo.length !== dims.ops.length) throw new RangeError("one SLO per op is needed");
    this.#engine = engine;
    this.#warmUp = config.warmUp ?? 0;
    this.dims = dims;
    this.config = config;
    this.judges = config.slo.map((slo) => ({ slo, need: requestsToJudge(config.minRequests) }));
    this.#nOutcomes = dims.outcomes.length;
    this.#sloLatency = Float64Array.from(config.slo, (s) => s.latency);
    const nOps = dims.ops.length;
    this.#windowCounts = new Float64Array(nOps * this.#nOutcomes);
    this.#runCounts = new Float64Array(nOps * this.#nOutcomes);
    this.#windowSlow = new Float64Array(nOps);
    this.#runSlow = new Float64Array(nOps);
    this.#windowHist = Array.from({ length: nOps }, () => new LatencyHistogram());
    this.#windowFailHist = Array.from({ length: nOps }, () => new LatencyHistogram());
    this.#stretch = new BadStretch(config.window, nOps);
    const nsCells = dims.namespaces.length * nOps;
    this.namespaceHistograms = Array.from({ length: nsCells }, () => new LatencyHistogram());
    this.namespaceFailHistograms = Array.from({ length: nsCells }, () => new LatencyHistogram());
    this.namespaceRequests = new Float64Array(nsCells);
    this.namespaceFailed = new Float64Array(nsCells);
    this.#zoneRegion = dims.zoneRegion;
    this.#clientZone = dims.clientZone;
    const nodeZone = servers?.nodeZone ?? [];
    this.nodeZone = nodeZone;
    if (servers) {
      this.#servers = { watch: servers, sample: serverSample(nodeZone.length), impaired: new Uint8Array(nodeZone.length) };
    }
    const clientZones = dims.zones.map((_, z) => dims.clientZone.includes(z));
    const shape = {
      ops: nOps,
      sizes: {
        clients: dims.clientZone.length,
        zones: dims.zones.length,
        regions: dims.regions.length,
        tenants: dims.namespaces.length,
        ranges: dims.ranges,
      },
      clientZones,
      clientRegions: dims.regions.map((_, r) => dims.clientZone.some((z) => dims.zoneRegion[z] === r)),
      nodeZone,
      zoneRegion: dims.zoneRegion,
    };
    this.#entities = entitySet(shape);
    const clientHistograms = dims.clientZone.map(() => new LatencyHistogram());
    this.#deferred = new DeferredEntityCounts(clientHistograms, this.#entities.clients, this.#entities.ranges);
    this.detector = new EpisodeDetector(shape, { mergeGap: config.mergeGap, judges: this.judges });
  }

  /** Arms the first window close (after the warm-up, if any); call once at time 0. */
  start(): void {
    if (this.#warmUp > 0) this.#engine.schedule(this.#warmUp, this.#begin, undefined, Priority.LOW);
    else this.#begin();
  }

  /** The first window opens: counters' baselines are taken here, so the warm-up is left out. */
  readonly #begin = (): void => {
    this.#windowStart = this.#engine.now;
    this.#probes.open();
    // The servers' counters too: their first sample would otherwise span the warm-up.
    if (this.#servers) this.#servers.watch.sample(this.#servers.sample);
    this.#engine.schedule(this.config.window, this.#closeWindow, undefined, Priority.LOW);
  };

  /** Records one finished request with its latency in µs (for a failure: when its client gave up). */
  onRequestDone(request: FinishedRequest, latency: Micros): void {
    const now = this.#engine.now;
    if (now < this.#warmUp) return;
    const op = request.op;
    const ok = request.outcome === 0;
    const slow = ok && latency > this.#sloLatency[op];
    const cell = op * this.#nOutcomes + request.outcome;
    const nsCell = request.namespace * this.dims.ops.length + op;
    this.namespaceRequests[nsCell]++;
    this.#windowCounts[cell]++;
    this.#runCounts[cell]++;
    if (ok) {
      this.namespaceHistograms[nsCell].record(latency);
      this.#windowHist[op].record(latency);
      if (slow) {
        this.#windowSlow[op]++;
        this.#runSlow[op]++;
      }
    } else {
      this.namespaceFailed[nsCell]++;
      this.namespaceFailHistograms[nsCell].record(latency);
      this.#windowFailHist[op].record(latency);
    }
    this.#stretch.add(now - this.#windowStart, op, !ok, slow);
    // Zones and regions are summed from the clients when the window closes.
    this.#entities.tenants.add(request.namespace, op, !ok, slow);
    this.#deferred.add(request.client, request.range, op, !ok, slow, latency);
  }

  /** Whole-run latency of successful requests per client. */
  get clientHistograms(): readonly LatencyHistogram[] {
    this.#deferred.flush();
    return this.#deferred.clientHistograms;
  }

  /**
   * Adds a column to every window: `read` is sampled when a window closes; a counter reports
   * its increase over the window, a gauge its value at the window's end.
   */
  addProbe(name: string, read: () => number, kind: ProbeKind): void {
    this.#probes.add(name, read, kind);
  }

  /** Adds a column: the increase of `numerator` over the increase of `denominator` in each window. */
  addRatioProbe(name: string, numerator: () => number, denominator: () => number): void {
    this.#probes.addRatio(name, numerator, denominator);
  }

  /** The probe columns' names, in the order of `WindowRow.probes`. */
  get probeNames(): readonly string[] {
    return this.#probes.names;
  }

  /** Calls `listener` with each window as it closes (e.g. to note the engine's fingerprint then). */
  onWindowClosed(listener: (row: WindowRow) => void): void {
    this.#onClose.push(listener);
  }

  /** Notes an operation detecting or mitigating a problem now. */
  onOperation(event: { kind: string; target: string; phase: "detected" | "mitigated" }): void {
    this.operations.push({ at: this.#engine.now, ...event });
  }

  /** Notes a fault starting or ending now; `scripted` when the scenario's timeline put it there. */
  onFault(event: { kind: string; target: string; phase: "start" | "end"; scripted: boolean }): void {
    this.faults.push({ at: this.#engine.now, ...event });
  }

  /** Closes the last (possibly partial) window and any open episode; call once at the end. */
  finish(): void {
    if (this.#engine.now > this.#windowStart && this.#engine.now > this.#warmUp) this.#close(this.#engine.now);
    this.detector.finish(this.#lastViolated, this.#engine.now);
  }

  /** Whole-run statistics for op `op`, or for all ops when `op` is undefined. */
  runStats(op?: number): ScopeStats {
    const [success, failed] = this.#runHistograms();
    return this.#scope(this.#runCounts, this.#runSlow, success, failed, op);
  }

  /**
   * Whole-run latency per op, of successes and of failures: the sums of the namespaces'
   * histograms, which record the same requests; two histograms fewer to fill per request.
   */
  #runHistograms(): [LatencyHistogram[], LatencyHistogram[]] {
    const nOps = this.dims.ops.length;
    const sum = (cells: readonly LatencyHistogram[]) =>
      this.dims.ops.map((_, op) => {
        const h = new LatencyHistogram();
        for (let ns = 0; ns < this.dims.namespaces.length; ns++) h.merge(cells[ns * nOps + op]);
        return h;
      });
    return [sum(this.namespaceHistograms), sum(this.namespaceFailHistograms)];
  }

  /** Each zone's and region's counts of the window: the sums of their clients'. */
  #sumPlaces(): void {
    const { clients, zones, regions } = this.#entities;
    for (let c = 0; c < clients.size; c++) {
      const zone = this.#clientZone[c];
      zones.addEntity(zone, clients, c);
      regions.addEntity(this.#zoneRegion[zone], clients, c);
    }
  }

  /** The nodes impaired in the closing window, judged against the ops that had traffic in it. */
  #impairedServers(ops: readonly ScopeStats[]): Uint8Array {
    const servers = this.#servers;
    if (!servers) return new Uint8Array(0);
    servers.watch.sample(servers.sample);
    servers.impaired.fill(0);
    let shedAllowance = 1;
    let need = 1;
    ops.forEach((s, op) => {
      if (s.requests === 0) return;
      const judge = this.judges[op];
      shedAllowance = Math.min(shedAllowance, judge.slo.errorRate);
      need = Math.max(need, judge.need);
    });
    impairedNodes(servers.sample, { shedAllowance, need }, servers.impaired);
    return servers.impaired;
  }

  readonly #closeWindow = (): void => {
    this.#close(this.#engine.now);
    this.#engine.schedule(this.config.window, this.#closeWindow, undefined, Priority.LOW);
  };

  #close(end: Micros): void {
    this.#deferred.flush(); // the window's clients and ranges are read below
    const nOps = this.dims.ops.length;
    const ops: ScopeStats[] = [];
    const violated: string[] = [];
    const violatedIndex: number[] = [];
    let judged = false;
    for (let op = 0; op < nOps; op++) {
      const stats = this.#scope(this.#windowCounts, this.#windowSlow, this.#windowHist, this.#windowFailHist, op);
      ops.push(stats);
      const judge = this.judges[op];
      if (stats.requests >= judge.need && stats.requests > 0) judged = true;
      if (judgeOp(judge.slo, judge.need, stats.requests, stats.requests - stats.outcomes[0], stats.slow)) {
        violated.push(this.dims.ops[op]);
        violatedIndex.push(op);
      }
    }
    const all = this.#scope(this.#windowCounts, this.#windowSlow, this.#windowHist, this.#windowFailHist, undefined);
    this.#sumPlaces();
    const e = this.#entities;
    const triples = (c: EntityCounts) =>
      Array.from({ length: c.size }, (_, i) => {
        let t = 0;
        let f = 0;
        let s = 0;
        for (let op = 0; op < c.ops; op++) {
          t += c.total[i * c.ops + op];
          f += c.failed[i * c.ops + op];
          s += c.slow[i * c.ops + op];
        }
        return [t, f, s] as const;
      });
    const probes = this.#probes.close();
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
    const servers = this.#impairedServers(ops);
    const bad = violated.length > 0 ? this.#stretch.locate(row.start, end, violatedIndex, this.config.slo) : { from: row.start, until: end };
    this.detector.onWindow(
      {
        judged,
        start: row.start,
        end,
        violatedOps: violated,
        requests: all.requests,
        failed: all.requests - all.outcomes[0],
        slow: all.slow,
        outcomes: all.outcomes,
        badFrom: bad.from,
        badUntil: bad.until,
      },
      e,
      servers,
    );
    // The last judged window decides whether an episode open at the end is still ongoing.
    if (judged) this.#lastViolated = violated.length > 0;
    for (const c of Object.values(e)) c.reset();
    this.#windowCounts.fill(0);
    this.#windowSlow.fill(0);
    for (const h of this.#windowHist) h.reset();
    for (const h of this.#windowFailHist) h.reset();
    this.#stretch.reset();
    this.#windowStart = end;
  }

  #scope(counts: Float64Array, slowCounts: Float64Array, hists: LatencyHistogram[], failHists: LatencyHistogram[], op: number | undefined): ScopeStats {
    const n = this.#nOutcomes;
    const outcomes = new Array<number>(n).fill(0);
    let slow = 0;
    const success = new LatencyHistogram();
    const failed = new LatencyHistogram();
    const ops = op === undefined ? this.dims.ops.map((_, o) => o) : [op];
    for (const o of ops) {
      for (let k = 0; k < n; k++) outcomes[k] += counts[o * n + k];
      slow += slowCounts[o];
      success.merge(hists[o]);
      failed.merge(failHists[o]);
    }
    const observed = success.clone();
    observed.merge(failed);
    return {
      requests: outcomes.reduce((a, b) => a + b, 0),
      outcomes,
      slow,
      observed: latencyStats(observed),
      success: latencyStats(success),
    };
  }
}
