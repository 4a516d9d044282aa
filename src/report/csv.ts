import { stringify } from "csv-stringify/sync";
import type { Simulation } from "../experiment/simulate.js";
import type { ScopeStats } from "../metrics/window-recorder.js";

const ms = (us: number) => Number((us / 1000).toFixed(4));
const OUTCOME_COLUMNS = ["ok", "failed", "timedOut", "shed", "unavailable"];

/**
 * The incident timeline in tidy form: one row per window and scope, where the scope is all
 * requests, one op, one zone or one region (zones and regions by where the clients are). The
 * `all` rows also carry the probes: offered load, hedges, retries, shed, capacity, limits.
 */
export function windowsCsv(simulation: Simulation): string {
  const rows: unknown[][] = [];
  const scopeRow = (start: number, end: number, scope: string, s: ScopeStats, violating: string) => [
    start / 1e6,
    end / 1e6,
    scope,
    s.requests,
    ...s.outcomes,
    s.slow,
    s.requests > 0 ? Number(((s.requests - s.outcomes[0]) / s.requests).toPrecision(6)) : 0,
    ms(s.p50),
    ms(s.p90),
    ms(s.p99),
    ms(s.p999),
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
          requests > 0 ? Number((failed / requests).toPrecision(6)) : 0, "", "", "", "", "", ...probeBlank,
        ]),
      );
    place("zone", simulation.zones, w.zones);
    place("region", simulation.regions, w.regions);
  }
  return stringify(rows, {
    header: true,
    columns: [
      "start_s", "end_s", "scope", "requests", ...OUTCOME_COLUMNS, "slow", "error_rate", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "violated",
      ...simulation.probeNames,
    ],
  });
}

type WindowTriples = readonly (readonly [number, number, number])[];

/** One row per episode: when, how long, how big. */
export function episodesCsv(simulation: Simulation): string {
  const rows = simulation.outcome.episodes.list.map((e, i) => [
    i + 1,
    e.startS,
    e.endS,
    e.durationS,
    e.ongoing ? "yes" : "",
    e.requests,
    e.blastRadius.requests,
    e.blastRadius.failedRequests,
    e.blastRadius.ranges,
    e.blastRadius.clients,
    e.blastRadius.zones,
    e.blastRadius.regions,
    e.blastRadius.tenants,
    e.violatedOps.join(" "),
    e.worstErrorRate,
    e.faults.join("; "),
  ]);
  return stringify(rows, {
    header: true,
    columns: [
      "episode", "start_s", "end_s", "duration_s", "ongoing", "requests", "bad_request_share", "failed_request_share",
      "range_share", "client_share", "zone_share", "region_share", "tenant_share", "violated_ops", "worst_error_rate", "faults",
    ],
  });
}
