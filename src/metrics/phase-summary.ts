import type { PhaseSpec } from "./slo.js";
import type { WindowRow } from "./window-recorder.js";

/** What the windows of one phase add up to. */
export interface PhaseSummary {
  readonly windows: number;
  readonly requests: number;
  /** Successful requests over all requests (1 with none). */
  readonly availability: number;
  /** Window p99s of client-observed latency (all ops), ms: the worst, and their mean. */
  readonly p99MsMax: number;
  readonly p99MsMean: number;
  /** Server utilisation (busy slot-time over capacity-time), time-weighted over the phase, and its worst window. */
  readonly utilization: number;
  readonly utilizationMax: number;
  /** Work the servers shed, and attempts the clients sent as hedges and retries. */
  readonly serverShed: number;
  readonly hedges: number;
  readonly retries: number;
  /** Server slots at the phase's last window. */
  readonly capacity: number;
}

/**
 * Sums the windows wholly inside `phase` (a window [start, end) with start ≥ from and end ≤ to);
 * with none (a run cut short), every figure is 0 and availability 1. Probe columns missing from
 * `probeNames` read as 0.
 */
export function summarisePhase(rows: readonly WindowRow[], probeNames: readonly string[], phase: PhaseSpec): PhaseSummary {
  const probe = (row: WindowRow, name: string) => {
    const i = probeNames.indexOf(name);
    return i < 0 ? 0 : row.probes[i];
  };
  let windows = 0;
  let requests = 0;
  let ok = 0;
  let p99Max = 0;
  let p99Sum = 0;
  let busy = 0;
  let span = 0;
  let utilMax = 0;
  let shed = 0;
  let hedges = 0;
  let retries = 0;
  let capacity = 0;
  for (const row of rows) {
    if (row.start < phase.from || row.end > phase.to) continue;
    windows++;
    requests += row.all.requests;
    ok += row.all.outcomes[0];
    const p99 = row.all.observed ? row.all.observed.p99 / 1000 : 0;
    p99Max = Math.max(p99Max, p99);
    p99Sum += p99;
    const u = probe(row, "utilization");
    busy += u * (row.end - row.start);
    span += row.end - row.start;
    utilMax = Math.max(utilMax, u);
    shed += probe(row, "server_shed");
    hedges += probe(row, "hedges");
    retries += probe(row, "retries");
    capacity = probe(row, "capacity");
  }
  return {
    windows,
    requests,
    availability: requests > 0 ? ok / requests : 1,
    p99MsMax: p99Max,
    p99MsMean: windows > 0 ? p99Sum / windows : 0,
    utilization: span > 0 ? busy / span : 0,
    utilizationMax: utilMax,
    serverShed: shed,
    hedges,
    retries,
    capacity,
  };
}
