import { FAULT_DIMENSIONS, SEEN_DIMENSIONS } from "../../metrics/episode-detector.js";
import { OPS } from "../../model/config.js";
import { OUTCOME_NAMES } from "../../model/request/codes.js";
import type { SimulationConfig } from "../../scenario/simulation-config.js";
import { PHASE_FIGURES } from "./phase-outcome.js";

/**
 * The keys a run's outcome will have (see ScenarioOutcome), from its config alone: so `validate`
 * can check an expectation's paths without simulating. A leaf is 0 (a number); null stands for
 * anything (a list, a map keyed by what the run meets, a figure that may be missing).
 * test/experiment/outcome/outcome-shape.test.ts holds it to the outcomes of every example.
 */
export type OutcomeShape = 0 | null | { readonly [key: string]: OutcomeShape };

const numbers = (...keys: string[]): OutcomeShape => Object.fromEntries(keys.map((k) => [k, 0]));
const each = (keys: readonly string[], shape: OutcomeShape): OutcomeShape => Object.fromEntries(keys.map((k) => [k, shape]));

const LATENCY = numbers("p50", "p90", "p99", "p999", "mean", "max");
const BREADTH = {
  seen: each(SEEN_DIMENSIONS, numbers("touched", "of", "share", "traffic")),
  fault: each(FAULT_DIMENSIONS, numbers("touched", "of", "share")),
};
const MEAN_MAX = numbers("mean", "max", "episodes");

export function outcomeShape(config: SimulationConfig): OutcomeShape {
  const namespaces = config.world.workload.namespaces.map((n) => n.name);
  const api = config.world.api;
  return {
    durationS: 0,
    frequency: { ...numbers("episodes", "scripted", "unscripted"), perDay: { ...numbers("count", "rate", "ci95Low", "ci95High", "exposureDays"), method: null } },
    episodes: { count: 0, list: null },
    recoveryS: numbers("mean", "p50", "max"),
    timeToDetectS: MEAN_MAX,
    timeToMitigateS: MEAN_MAX,
    blastRadius: { ...numbers("meanRequests", "maxRequests"), ...BREADTH },
    ...numbers("availability", "nines"),
    requests: numbers("total", ...OUTCOME_NAMES),
    latencyMs: each(["all", ...OPS], LATENCY),
    successLatencyMs: each(["all", ...OPS], LATENCY),
    namespaces: each(namespaces, { ...numbers("requests", "availability"), latencyMs: each(OPS, LATENCY), successLatencyMs: each(OPS, LATENCY) }),
    clientLatencyMs: each(["p50", "p99"], numbers("best", "median", "worst")),
    ...numbers("violatingWindows", "windows"),
    slo: null,
    faultTimeline: null,
    client: {
      load: numbers("firstAttempts", "hedges", "retries", "extraShare"),
      hedges: numbers("sent", "won", "cancelled", "limited", "waited"),
      retries: { ...numbers("total", "refusedByBudget"), byAttempt: null },
      ...numbers("attemptTimeouts", "spuriousTimeouts", "clientLimited", "crossZoneShare", "cacheHitShare"),
      pauses: numbers("count", "totalS"),
      hedgeDelays: each(namespaces, each(OPS, numbers("armed", "meanDelayMs", "meanAverageMs", "targetMs", "aboveTarget"))),
      ...(config.world.client.hedging?.tied ? { tied: numbers("cancelled", "duplicated", "duplicatedShare") } : {}),
      ...(config.world.workload.namespaces.some((ns) => ns.fanOut) ? { fanOut: numbers("reads", "parts", "partsPerRead", "cancelled", "failed") } : {}),
      ...(config.world.workload.namespaces.some((ns) => ns.cas) ? { cas: numbers("requests", "succeeded", "tries", "writes", "conflicts", "attemptsPerSuccess", "callsPerSuccess") } : {}),
      ...(config.world.workload.closedLoop ? { closedLoop: { ...numbers("clients", "operations", "finished"), finishS: null } } : {}),
    },
    payloads: {
      network: numbers("messages", "bytes", "packets", "packetsLost", "retransmits", "messagesDelayed", "retransmitDelayS"),
      compression: numbers("valueBytes", "compressedBytes", "ratio", "cpuS"),
      pages: numbers("items", "itemsFailed", "count", "perItem", "meanBytes", "maxBytes", "meanRows", "cutShort"),
      scans: numbers("started", "completed", "failed", "meanCursors"),
      chunks: numbers("writes", "chunks", "committed", "uncommittedWrites"),
    },
    ...(api ? { writes: numbers("issued", "applied", "distinct", "duplicates", "deduplicated", "tokensHeldPeak", "tokenFetches", "tokenFailures") } : {}),
    ...(config.world.appTier
      ? {
          appTier: {
            servers: numbers("start", "peak", "end"),
            ...numbers("utilization", "admitted", "shed", "waitedShare", "meanWaitMs", "latencyShare", "scaleOuts", "scaleIns", "preInjected"),
            causedEpisodes: numbers("appTier", "store"),
            episodes: null,
          },
        }
      : {}),
    ...(config.world.cluster.replacement ? { replacement: numbers("started", "serving", "meanS", "maxS", "downloadS", "streamingS", "rounds", "peerSlotS") } : {}),
    ...(api?.timeSeries ? { timeSeries: numbers("sent", "stored", "lost", "failed", "unsettled", "lostShare", "lostInQueues", "extraPages") } : {}),
    ...(config.world.fidelity ? { fidelity: { ...numbers("sample", "sampledRequests", "sampledPerWindow", "nearSaturationShare", "availabilityStandardError"), latencyIntervalMs: null } } : {}),
    ...(config.metrics.phases?.length ? { phases: each(config.metrics.phases.map((p) => p.name), numbers(...PHASE_FIGURES)) } : {}),
  };
}
