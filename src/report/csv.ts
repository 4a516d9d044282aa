import { stringify } from "csv-stringify/sync";
import type { SimulationResult } from "../experiment/simulate.js";
import type { LatencyStats, ScopeStats } from "../metrics/window-recorder.js";
import { FAULT_DIMENSIONS, SEEN_DIMENSIONS } from "../metrics/episode-detector.js";
import { FIGURE_NAMES } from "../experiment/figure-names.js";

const ms = (us: number) => Number((us / 1000).toFixed(4));
/** A window's latency columns: empty cells when it had nothing to measure, never 0. */
const latencyCells = (l: LatencyStats | null, which: ReadonlyArray<keyof LatencyStats>) => which.map((k) => (l ? ms(l[k]) : ""));
const LATENCY_COLUMNS = ["p50", "p90", "p99", "p999"] as const;
/** Named as the run's own latency figures are (figure-names.ts): p50_ms … p999_ms; successes only: success_p50_ms …. */
const LATENCY_HEADERS = (["latencyP50Ms", "latencyP90Ms", "latencyP99Ms", "latencyP999Ms"] as const).map((f) => FIGURE_NAMES[f].column);
// snake_case like every other column (the outcome's JSON keeps its camelCase timedOut).
const OUTCOME_COLUMNS = ["ok", "failed", "timed_out", "shed", "unavailable"];

/**
 * The incident timeline in tidy form: one row per window and scope, where the scope is all
 * requests, one op, one zone or one region (zones and regions by where the clients are). The
 * `all` rows also carry the probes: offered load, hedges, retries, shed, capacity, limits,
 * utilisation, queue length and the share of requests that waited.
 * Latency `p50_ms`…`p999_ms` is client-observed (failures at the time their client gave up);
 * `success_p50_ms`… counts successes only. A window with nothing to measure has empty cells.
 */
export function windowsCsv(simulation: SimulationResult): string {
  const rows: unknown[][] = [];
  const scopeRow = (start: number, end: number, scope: string, s: ScopeStats, violating: string) => [
    start / 1e6,
    end / 1e6,
    scope,
    s.requests,
    ...s.outcomes,
    s.slow,
    s.requests > 0 ? Number(((s.requests - s.outcomes[0]) / s.requests).toPrecision(6)) : 0,
    ...latencyCells(s.observed, LATENCY_COLUMNS),
    ...latencyCells(s.success, LATENCY_COLUMNS),
    violating,
  ];
  const probeBlank = simulation.probeNames.map(() => "");
  for (const w of simulation.windows) {
    const violated = w.violatedOps.join(" ");
    rows.push([...scopeRow(w.start, w.end, "all", w.all, violated), ...w.probes.map((v) => Number(v.toPrecision(6)))]);
    w.ops.forEach((s, i) =>
      rows.push([...scopeRow(w.start, w.end, `op:${simulation.ops[i]}`, s, w.violatedOps.includes(simulation.ops[i]) ? "yes" : ""), ...probeBlank]),
    );
    const place = (kind: string, names: readonly string[], triples: WindowTriples) =>
      triples.forEach(([requests, failed, slow], i) =>
        rows.push([
          w.start / 1e6, w.end / 1e6, `${kind}:${names[i]}`, requests, requests - failed, failed, "", "", "", slow,
          requests > 0 ? Number((failed / requests).toPrecision(6)) : 0, ...LATENCY_COLUMNS.map(() => ""), ...LATENCY_COLUMNS.map(() => ""), "", ...probeBlank,
        ]),
      );
    place("zone", simulation.zones, w.zones);
    place("region", simulation.regions, w.regions);
  }
  return stringify(rows, {
    header: true,
    columns: [
      "start_s", "end_s", "scope", "requests", ...OUTCOME_COLUMNS, "slow", "error_rate",
      ...LATENCY_HEADERS, ...LATENCY_HEADERS.map((c) => `success_${c}`), "violated",
      ...simulation.probeNames,
    ],
  });
}

type WindowTriples = readonly (readonly [number, number, number])[];

/**
 * One row per episode: when, how long, whether a scripted fault caused it, how big. Breadth in
 * both views as touched and of (`seen_` where it was felt, `fault_` where the fault was), with
 * the share of traffic the touched entities carried where a dimension has more than one.
 */
export function episodesCsv(simulation: SimulationResult): string {
  const rows = simulation.outcome.episodes.list.map((e, i) => [
    i + 1,
    e.startS,
    e.endS,
    e.durationS,
    e.ongoing ? "yes" : "",
    e.scripted ? "yes" : "",
    e.requests,
    e.blastRadius.requests,
    e.blastRadius.failedRequests,
    ...SEEN_DIMENSIONS.flatMap((d) => {
      const b = e.blastRadius.seen[d];
      return [b.touched, b.of, b.traffic ?? ""];
    }),
    ...FAULT_DIMENSIONS.flatMap((d) => [e.blastRadius.fault[d].touched, e.blastRadius.fault[d].of]),
    e.violatedOps.join(" "),
    e.worstErrorRate,
    e.timeToDetectS ?? "",
    e.timeToMitigateS ?? "",
    e.faults.join("; "),
    e.badBy.unavailable,
    e.badBy.timedOut,
    e.badBy.shed,
    e.badBy.failed,
    e.badBy.slow,
  ]);
  return stringify(rows, {
    header: true,
    columns: [
      "episode", "start_s", "end_s", "duration_s", "ongoing", "scripted", "requests", "bad_request_share", "failed_request_share",
      ...SEEN_DIMENSIONS.flatMap((d) => [`seen_${d}`, `seen_${d}_of`, `seen_${d}_traffic_share`]),
      ...FAULT_DIMENSIONS.flatMap((d) => [`fault_${d}`, `fault_${d}_of`]),
      "violated_ops", "worst_error_rate", "time_to_detect_s", "time_to_mitigate_s", "faults",
      // What made the bad requests bad, as shares of them (adding up to 1).
      "bad_unavailable_share", "bad_timed_out_share", "bad_shed_share", "bad_failed_share", "bad_slow_share",
    ],
  });
}
