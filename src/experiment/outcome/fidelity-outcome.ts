import type { FidelityConfig } from "../../model/config.js";
import type { FluidLoad } from "../../model/server/fluid-load.js";
import { LatencyHistogram } from "../../metrics/latency-histogram.js";
import type { WindowRecorder } from "../../metrics/window-recorder.js";
import { toMs } from "../../engine/time.js";
import type { RunOutcome } from "./run-outcome.js";
import type { PhaseOutcome } from "./phase-outcome.js";
import { round } from "./rounding.js";

/** What hybrid fidelity adds to an outcome: the sample behind the figures and their sampling error. */
export interface FidelityOutcome {
  readonly fidelity?: {
    /** Share of the requests simulated one by one. */
    readonly sample: number;
    /** Requests simulated one by one (the outcome's counts are these ÷ sample). */
    readonly sampledRequests: number;
    /** Sampled requests per SLO window, on average: what each window's percentile and error rate are judged from. */
    readonly sampledPerWindow: number;
    /** Share of the nodes' time their offered load was at 90% of their slots or more: where the fluid is weakest (README). */
    readonly nearSaturationShare: number;
    /** Binomial standard error of availability from the sample (an underestimate when failures cluster in time). */
    readonly availabilityStandardError: number;
    /** Distribution-free 95% intervals of the client-observed p50 and p99 from the sample's order statistics, ms. */
    readonly latencyIntervalMs: { readonly p50: readonly [number, number]; readonly p99: readonly [number, number] } | null;
  };
}

/**
 * A hybrid run's outcome: its counts scaled from the sample to the whole traffic (requests
 * ÷ sample, rounded), shares, rates and latencies as the sample measured them, and a `fidelity`
 * section with the sample's size and sampling error. Without fidelity, `run` as it is.
 */
export function withFidelity<T extends RunOutcome>(run: T, recorder: WindowRecorder, fidelity: FidelityConfig | undefined, fluid?: FluidLoad): T & FidelityOutcome {
  if (!fidelity) return run;
  const scale = (n: number) => Math.round(n / fidelity.sample);
  const requests = Object.fromEntries(Object.entries(run.requests).map(([k, n]) => [k, scale(n)])) as RunOutcome["requests"];
  const namespaces = Object.fromEntries(Object.entries(run.namespaces).map(([k, ns]) => [k, { ...ns, requests: scale(ns.requests) }]));
  const list = run.episodes.list.map((e) => ({ ...e, requests: scale(e.requests) }));
  const n = run.requests.total;
  const a = run.availability;
  return {
    ...run,
    requests,
    namespaces,
    episodes: { ...run.episodes, list },
    fidelity: {
      sample: fidelity.sample,
      sampledRequests: n,
      sampledPerWindow: run.windows > 0 ? Math.round(n / run.windows) : 0,
      nearSaturationShare: round(fluid && fluid.accountedTime > 0 ? fluid.nearSaturationTime / fluid.accountedTime : 0),
      availabilityStandardError: round(n > 0 ? Math.sqrt((a * (1 - a)) / n) : 0, 9),
      latencyIntervalMs: latencyIntervals(recorder),
    },
  };
}

/** Ranks np ± 1.96 √(np(1 − p)) of the sample's client-observed latencies, for p = 0.5 and 0.99. */
function latencyIntervals(recorder: WindowRecorder): { p50: [number, number]; p99: [number, number] } | null {
  const all = new LatencyHistogram();
  for (const h of recorder.namespaceHistograms) all.merge(h);
  for (const h of recorder.namespaceFailHistograms) all.merge(h);
  const n = all.count;
  if (n === 0) return null;
  const interval = (p: number): [number, number] => {
    const half = 1.96 * Math.sqrt((p * (1 - p)) / n);
    const [lo, hi] = all.percentiles([Math.max(0, p - half) * 100, Math.min(1, p + half) * 100]);
    return [round(toMs(lo)), round(toMs(hi))];
  };
  return { p50: interval(0.5), p99: interval(0.99) };
}

/** A phase's counts scaled like the run's (requests, shed work, hedges, retries); its shares and latencies as measured. */
export function phasesWithFidelity(outcome: PhaseOutcome, fidelity: FidelityConfig | undefined): PhaseOutcome {
  if (!fidelity || !outcome.phases) return outcome;
  const scale = (n: number) => Math.round(n / fidelity.sample);
  const phases = Object.fromEntries(
    Object.entries(outcome.phases).map(([name, p]) => [name, { ...p, requests: scale(p.requests), serverShed: scale(p.serverShed), hedges: scale(p.hedges), retries: scale(p.retries) }]),
  );
  return { phases };
}
