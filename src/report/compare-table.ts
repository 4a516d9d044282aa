import type { ResultHeader, VariantRun } from "../experiment/run-scenario.js";
import { FAULT_DIMENSIONS, SEEN_DIMENSIONS } from "../metrics/episode-detector.js";
import type { LatencyByOp } from "../experiment/outcome/run-outcome.js";
import { FAULT_LABELS, SEEN_LABELS, formatBreadth, frequencyCell } from "./answer-cells.js";
import { EPISODE_COLUMNS, episodeCells } from "./episode-cells.js";
import { timelineLines } from "./summary-table.js";
import { formatCount, formatMs, formatNumber, formatSeconds, formatShare, table } from "./format.js";

const latencyCell = (l: LatencyByOp, key: "p50" | "p99" | "p999") => (l.all ? formatMs(l.all[key]) : "—");

/**
 * Variants side by side: one column each, the three answers first. Breadth is the worst
 * episode's, where it was felt and where the fault was; latency leads with what clients saw.
 */
export function compareTable(header: ResultHeader, runs: readonly VariantRun[]): string {
  const o = runs.map((r) => r.simulation.outcome);
  const row = (label: string, f: (x: (typeof o)[number]) => string) => [label, ...o.map(f)];
  const anyRate = o.some((x) => x.frequency.perDay);
  // A dimension of one entity everywhere (one tenant) says nothing as a breadth.
  const seen = SEEN_DIMENSIONS.filter((d) => o.some((x) => x.blastRadius.seen[d].of > 1));
  const fault = FAULT_DIMENSIONS.filter((d) => o.some((x) => x.blastRadius.fault[d].of > 1));
  const detect = o.some((x) => x.timeToDetectS);
  const rows = [
    ["", ...runs.map((r) => r.name)],
    row("episodes", (x) => frequencyCell(x.frequency)),
    ...(anyRate ? [row("  per day (95% CI)", (x) => (x.frequency.perDay ? `${formatNumber(x.frequency.perDay.ci95Low, 2)}–${formatNumber(x.frequency.perDay.ci95High, 2)}` : "—"))] : []),
    row("worst bad requests", (x) => formatShare(x.blastRadius.maxRequests)),
    ...seen.map((d) => row(`felt by ${SEEN_LABELS[d]}`, (x) => formatBreadth(x.blastRadius.seen[d], true))),
    ...fault.map((d) => row(`fault in ${FAULT_LABELS[d]}`, (x) => formatBreadth(x.blastRadius.fault[d]))),
    row("recovery mean", (x) => formatSeconds(x.recoveryS.mean)),
    row("recovery max", (x) => formatSeconds(x.recoveryS.max)),
    ...(detect
      ? [
          row("time to detect", (x) => (x.timeToDetectS ? formatSeconds(x.timeToDetectS.mean) : "—")),
          row("time to mitigate", (x) => (x.timeToMitigateS ? formatSeconds(x.timeToMitigateS.mean) : "—")),
        ]
      : []),
    row("availability", (x) => formatShare(x.availability)),
    row("nines", (x) => formatNumber(x.nines, 3)),
    row("requests", (x) => formatCount(x.requests.total)),
    row("timed out", (x) => formatCount(x.requests.timedOut)),
    row("unavailable", (x) => formatCount(x.requests.unavailable)),
    row("failed", (x) => formatCount(x.requests.failed)),
    row("shed", (x) => formatCount(x.requests.shed)),
    row("p50 ms client-observed", (x) => latencyCell(x.latencyMs, "p50")),
    row("p99 ms client-observed", (x) => latencyCell(x.latencyMs, "p99")),
    row("p99.9 ms client-observed", (x) => latencyCell(x.latencyMs, "p999")),
    row("p99 ms successes only", (x) => latencyCell(x.successLatencyMs, "p99")),
  ];
  return [
    `${header.scenario} — ${runs.length} variants on seed ${header.seed} (common random numbers)`,
    "",
    table(rows, "  ", true),
    "",
    "  Breadth is the worst episode's: felt by = whose own traffic broke the SLO (share of traffic they carried);",
    "  fault in = servers down, degraded (slow disk, errors, GC storm, packet loss) or shedding. Client-observed latency counts failures when the client gave up.",
    "",
    ...runs.flatMap((r) => [`  ${r.name}`, ...timelineLines(r.simulation).map((l) => `  ${l}`), ...episodeLines(r), ""]),
    `  relisim ${header.relisim} · node ${header.node} · scenario hash ${header.hash}`,
  ].join("\n");
}

const SHOWN_EPISODES = 8;

/** A variant's episodes under its timeline: where each was felt and where its fault was. */
function episodeLines(run: VariantRun): string[] {
  const list = run.simulation.outcome.episodes.list;
  if (list.length === 0) return [];
  const rows = [EPISODE_COLUMNS, ...list.slice(0, SHOWN_EPISODES).map((e, i) => episodeCells(e, i, ","))];
  return [
    "",
    ...table(rows, "    ").split("\n"),
    ...(list.length > SHOWN_EPISODES ? [`    … and ${list.length - SHOWN_EPISODES} more (see ${run.name}/episodes.csv)`] : []),
    ...(list.some((e) => e.scripted) ? ["    * during a scripted fault of the timeline"] : []),
  ];
}
