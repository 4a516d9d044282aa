import type { Micros } from "../engine/time.js";

/** One operation's service-level objective. */
export interface OpSlo {
  /** Latency percentile judged, e.g. 99 for p99. */
  readonly percentile: number;
  /** The latency that percentile must not exceed, µs. */
  readonly latency: Micros;
  /** Share of requests allowed to fail (anything but OK), 0..1. */
  readonly errorRate: number;
}

/** How windows are cut and judged, and how violating windows become episodes. */
export interface MetricsConfig {
  /** Window length, µs. */
  readonly window: Micros;
  /** SLO per operation, indexed like the op names given to the recorder. */
  readonly slo: readonly OpSlo[];
  /** Violating windows separated by at most this much time are one episode, µs. */
  readonly mergeGap: Micros;
  /** A window with fewer requests of an op than this does not judge that op. */
  readonly minRequests: number;
  /** Requests finishing before this time and the windows before it are left out, µs (default 0). */
  readonly warmUp?: Micros;
}

/** Why a window broke an op's SLO, or undefined when it did not. */
export function judgeWindow(slo: OpSlo, requests: number, failed: number, latencyAtPercentile: number, minRequests: number): string | undefined {
  if (requests < minRequests || requests === 0) return undefined;
  const errorRate = failed / requests;
  if (errorRate > slo.errorRate) return "errors";
  if (latencyAtPercentile > slo.latency) return "latency";
  return undefined;
}
