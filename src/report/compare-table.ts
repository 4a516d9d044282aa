import type { ResultHeader, VariantRun } from "../experiment/run-scenario.js";
import { timelineLines } from "./summary-table.js";
import { formatCount, formatMs, formatNumber, formatSeconds, formatShare, table } from "./format.js";

/** Variants side by side: one column each, the three answers first. */
export function compareTable(header: ResultHeader, runs: readonly VariantRun[]): string {
  const o = runs.map((r) => r.simulation.outcome);
  const row = (label: string, f: (x: (typeof o)[number]) => string) => [label, ...o.map(f)];
  const rows = [
    ["", ...runs.map((r) => r.name)],
    row("episodes", (x) => String(x.episodes.count)),
    row("per day", (x) => formatNumber(x.failureFrequencyPerDay, 3)),
    row("worst bad requests", (x) => formatShare(x.blastRadius.maxRequests)),
    row("worst key ranges", (x) => formatShare(x.blastRadius.ranges)),
    row("worst clients", (x) => formatShare(x.blastRadius.clients)),
    row("worst zones", (x) => formatShare(x.blastRadius.zones)),
    row("worst regions", (x) => formatShare(x.blastRadius.regions)),
    row("worst tenants", (x) => formatShare(x.blastRadius.tenants)),
    row("recovery mean", (x) => formatSeconds(x.recoveryS.mean)),
    row("recovery max", (x) => formatSeconds(x.recoveryS.max)),
    row("availability", (x) => formatShare(x.availability)),
    row("nines", (x) => formatNumber(x.nines, 3)),
    row("requests", (x) => formatCount(x.requests.total)),
    row("timed out", (x) => formatCount(x.requests.timedOut)),
    row("unavailable", (x) => formatCount(x.requests.unavailable)),
    row("failed", (x) => formatCount(x.requests.failed)),
    row("shed", (x) => formatCount(x.requests.shed)),
    row("p50 ms", (x) => formatMs(x.latencyMs.all.p50)),
    row("p99 ms", (x) => formatMs(x.latencyMs.all.p99)),
    row("p99.9 ms", (x) => formatMs(x.latencyMs.all.p999)),
  ];
  return [
    `${header.scenario} — ${runs.length} variants on seed ${header.seed} (common random numbers)`,
    "",
    table(rows, "  ", true),
    "",
    ...runs.flatMap((r) => [`  ${r.name}`, ...timelineLines(r.simulation).map((l) => `  ${l}`), ""]),
    `  relisim ${header.relisim} · node ${header.node} · scenario hash ${header.hash}`,
  ].join("\n");
}
