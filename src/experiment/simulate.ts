import type { StopReason } from "../engine/engine.js";
import type { ServerSample, ServerWatch } from "../metrics/server-watch.js";
import { WindowRecorder, type FaultRecord, type OperationRecord, type WindowRow } from "../metrics/window-recorder.js";
import { OPS } from "../model/config.js";
import { OUTCOME_NAMES } from "../model/request/codes.js";
import { World } from "../model/world.js";
import { formatCount } from "../scenario/units.js";
import { clusterEventEstimate, type EventEstimate } from "./run-budget.js";
import type { SimulationConfig } from "../scenario/simulation-config.js";
import { buildScenarioOutcome, type ScenarioOutcome } from "./outcome/scenario-outcome.js";
import { APP_TIER_PROBES } from "./outcome/app-tier-outcome.js";

export type { SimulationConfig };

/** A finished run: the outcome plus the raw material reports draw from. */
export interface SimulationResult {
  readonly outcome: ScenarioOutcome;
  readonly windows: readonly WindowRow[];
  readonly faults: readonly FaultRecord[];
  readonly operations: readonly OperationRecord[];
  /** Names of the per-window probe columns (offered load, hedges, retries, shed, capacity, utilisation, queue length, ...). */
  readonly probeNames: readonly string[];
  readonly zones: readonly string[];
  readonly regions: readonly string[];
  readonly ops: readonly string[];
  readonly engine: { readonly events: number; readonly peakPending: number; readonly fingerprint: string };
  /** With `traceFingerprints`: the engine's fingerprint as each window closed, in window order. */
  readonly windowFingerprints?: readonly string[];
  readonly stop: StopReason;
}

/**
 * Thrown when a run would exceed its event budget: the scenario asks for more than allowed.
 * With `estimate`, the run was refused before it started (see run-budget.ts).
 */
export class EventBudgetExceeded extends Error {
  constructor(
    readonly budget: number,
    readonly reachedS: number,
    readonly estimate?: EventEstimate,
  ) {
    super(
      estimate
        ? `the run would fire at least ${formatCount(estimate.events)} events (${estimate.counted}), more than its event budget of ${formatCount(budget)}`
        : `the run exceeded its event budget of ${formatCount(budget)} events at ${reachedS.toFixed(1)} s of simulated time`,
    );
  }
}

/** Refuses, before anything is built, a run whose events are sure to exceed `maxEvents`. */
export function refuseOverBudget(estimate: EventEstimate, maxEvents: number | undefined): void {
  if (maxEvents !== undefined && estimate.events > maxEvents) throw new EventBudgetExceeded(maxEvents, 0, estimate);
}

export interface SimulateOptions {
  readonly maxEvents?: number;
  readonly traceFingerprints?: boolean;
  /**
   * Told as each window closes: simulated µs so far, the run's duration and requests issued, e.g.
   * for a progress bar. It only reads: the run is the same with it or without.
   */
  readonly onProgress?: (simulatedUs: number, durationUs: number, requests: number) => void;
}

/** Builds the world for `seed`, runs it to its duration and returns the outcome. Deterministic. */
export function simulate(config: SimulationConfig, seed: number, options: SimulateOptions = {}): SimulationResult {
  refuseOverBudget(clusterEventEstimate(config), options.maxEvents);
  let recorder: WindowRecorder | undefined;
  const world = new World(config.world, seed, {
    requests: { onRequestDone: (request, latency) => recorder!.onRequestDone(request, latency) },
    faults: { onFault: (event) => recorder!.onFault(event) },
    operations: { onOperation: (event) => recorder!.onOperation(event) },
  });
  recorder = new WindowRecorder(
    world.engine,
    {
      ops: OPS,
      namespaces: config.world.workload.namespaces.map((n) => n.name),
      outcomes: OUTCOME_NAMES,
      zones: world.topology.zoneNames,
      regions: world.topology.regionNames,
      zoneRegion: world.topology.zoneRegion,
      clientZone: world.clients.map((c) => c.zone),
      ranges: world.cluster.ring.rangeCount,
    },
    config.metrics,
    serverWatch(world),
  );
  addTimelineProbes(recorder, world);
  const windowFingerprints: string[] | undefined = options.traceFingerprints ? [] : undefined;
  if (windowFingerprints) recorder.onWindowClosed(() => windowFingerprints.push(world.engine.fingerprint));
  const onProgress = options.onProgress;
  if (onProgress) recorder.onWindowClosed(() => onProgress(world.engine.now, config.world.duration, world.requestsIssued));
  recorder.start();
  const stop = world.run(options.maxEvents);
  if (stop === "budget") throw new EventBudgetExceeded(options.maxEvents!, world.engine.now / 1e6);
  recorder.finish();
  const stats = world.engine.stats;
  return {
    outcome: buildScenarioOutcome(world, recorder, config),
    windows: recorder.windows,
    faults: recorder.faults,
    operations: recorder.operations,
    probeNames: recorder.probeNames,
    zones: world.topology.zoneNames,
    regions: world.topology.regionNames,
    ops: OPS,
    engine: { events: stats.fired, peakPending: stats.peakPending, fingerprint: world.engine.fingerprint },
    stop,
    ...(windowFingerprints ? { windowFingerprints } : {}),
  };
}

/**
 * What the recorder reads of each server node per window, for the fault view of blast radius:
 * impaired (down or under a fault) at any time, requests sent and shed.
 */
function serverWatch(world: World): ServerWatch {
  const nodes = world.cluster.nodes;
  const last = nodes.map(() => ({ impaired: false, impairments: 0, received: 0, shed: 0 }));
  return {
    nodeZone: nodes.map((n) => n.place.zone),
    sample(into: ServerSample): void {
      nodes.forEach((node, i) => {
        const stats = node.stats;
        const received = stats.served + stats.shed;
        const was = last[i];
        // Impaired at any time in the window: as it began (as the last one ended), now, or in between.
        into.impaired[i] = was.impaired || node.impaired || node.impairments !== was.impairments ? 1 : 0;
        into.received[i] = received - was.received;
        into.shed[i] = stats.shed - was.shed;
        last[i] = { impaired: node.impaired, impairments: node.impairments, received, shed: stats.shed };
      });
    },
  };
}

/** The incident timeline's columns: what the clients offered and what the servers could do. */
function addTimelineProbes(recorder: WindowRecorder, world: World): void {
  const clients = world.clients;
  const nodes = world.cluster.nodes;
  const sum = (f: (c: (typeof clients)[number]) => number) => () => clients.reduce((a, c) => a + f(c), 0);
  recorder.addProbe("offered", sum((c) => c.stats.requests), "counter");
  recorder.addProbe("cache_hits", sum((c) => c.stats.cacheHits), "counter");
  recorder.addProbe("attempts", sum((c) => c.stats.firstAttempts + c.stats.hedges + c.stats.retries), "counter");
  recorder.addProbe("hedges", sum((c) => c.stats.hedges), "counter");
  recorder.addProbe("retries", sum((c) => c.stats.retries), "counter");
  recorder.addProbe("server_shed", () => nodes.reduce((a, n) => a + n.stats.shed, 0), "counter");
  recorder.addProbe("capacity", () => nodes.reduce((a, n) => a + n.capacity, 0), "gauge");
  recorder.addProbe(
    "limit",
    () => {
      const up = nodes.filter((n) => n.up);
      return up.length > 0 ? up.reduce((a, n) => a + n.limit, 0) / up.length : 0;
    },
    "gauge",
  );
  // Over each window's own span: busy slot-time over capacity-time (capacity that changed inside
  // the window counts for the time it was there), the queue's time integral over elapsed time.
  const total = (f: (n: (typeof nodes)[number]["stats"]) => number) => () => nodes.reduce((a, n) => a + f(n.stats), 0);
  recorder.addRatioProbe("utilization", total((s) => s.slotTime), total((s) => s.capacityTime));
  recorder.addRatioProbe("queue_length", total((s) => s.queueTime), () => world.engine.now);
  recorder.addRatioProbe("p_wait", total((s) => s.waited), total((s) => s.started));
  if (world.appTier) addAppTierProbes(recorder, world.appTier);
}

/** The app tier's columns: servers, utilisation, shed, and the time spent in it and end to end. */
function addAppTierProbes(recorder: WindowRecorder, tier: NonNullable<World["appTier"]>): void {
  const pools = tier.pools;
  const sum = (f: (p: (typeof pools)[number]) => number) => () => pools.reduce((a, p) => a + f(p), 0);
  recorder.addProbe("app_servers", () => tier.servers, "gauge");
  recorder.addRatioProbe("app_utilization", sum((p) => p.stats.slotTime), sum((p) => p.stats.capacityTime));
  recorder.addProbe(APP_TIER_PROBES.shed, sum((p) => p.shed), "counter");
  recorder.addProbe(APP_TIER_PROBES.appTime, () => tier.stats.appTime / 1000, "counter");
  recorder.addProbe(APP_TIER_PROBES.latencyTime, () => tier.stats.latencyTime / 1000, "counter");
}
