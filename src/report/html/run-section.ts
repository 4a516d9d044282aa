import { formatCount, formatMs, formatNumber, formatSeconds, formatShare } from "../format.js";
import { episodeCells } from "../episode-cells.js";
import { errorRateChart } from "./charts/error-rate-chart.js";
import { latencyChart } from "./charts/latency-chart.js";
import { loadChart } from "./charts/load-chart.js";
import { timeAxis } from "./charts/time-axis.js";
import { coarsenTimeline } from "./coarsen-timeline.js";
import type { ClusterRun } from "./read-results.js";
import type { ReportTable } from "./report-page.js";
import { headerLine, type ReportSection } from "./report-section.js";
import type { ClusterOutcome } from "./result-schemas.js";

/** Enough points for an 820 px wide chart; longer timelines are merged, keeping the worst. */
const MAX_POINTS = 800;
/** Episodes listed in the table; all of them are in episodes.csv. */
const MAX_EPISODE_ROWS = 50;

/** One cluster run: its timeline charts, the three answers, requests, latency and episodes. */
export function runSection(run: ClusterRun): ReportSection {
  const { header, outcome } = run.summary;
  const variant = header.variant ? ` [${header.variant}]` : "";
  const charts = [];
  if (run.timeline && run.timeline.length > 0) {
    const timeline = coarsenTimeline(run.timeline, MAX_POINTS);
    const axis = timeAxis(outcome.durationS);
    const episodes = outcome.episodes.list;
    charts.push(latencyChart(timeline, episodes, axis), errorRateChart(timeline, episodes, axis), loadChart(timeline, episodes, axis));
  }
  const merged = run.timeline && run.timeline.length > MAX_POINTS ? `; charts merge every ${Math.ceil(run.timeline.length / MAX_POINTS)} windows, keeping the worst` : "";
  return {
    scenario: header.scenario,
    heading: `Run: ${header.scenario}${variant}`,
    intro:
      `${formatSeconds(outcome.durationS)} simulated, ${formatCount(outcome.requests.total)} requests · ${headerLine(header)}` +
      (run.timeline ? merged : " · no windows.csv, so no timeline charts"),
    charts,
    tables: [answersTable(outcome), requestsTable(outcome), latencyTable(outcome), ...(outcome.episodes.count > 0 ? [episodesTable(outcome)] : [])],
  };
}

function answersTable(o: ClusterOutcome): ReportTable {
  const b = o.blastRadius;
  const some = o.episodes.count > 0;
  return {
    caption: "The three answers",
    head: ["question", "answer"],
    rows: [
      ["How often", `${o.episodes.count} episode${o.episodes.count === 1 ? "" : "s"} · ${formatNumber(o.failureFrequencyPerDay, 3)} per day · ${o.violatingWindows} of ${o.windows} windows broke the SLO`],
      ["How big", some ? `worst episode: ${formatShare(b.maxRequests)} of its requests failed or slow; touched ${formatShare(b.ranges)} of key ranges, ${formatShare(b.clients)} of clients, ${formatShare(b.zones)} of zones, ${formatShare(b.regions)} of regions` : "—"],
      ["How long", some ? `recovery mean ${formatSeconds(o.recoveryS.mean)} · p50 ${formatSeconds(o.recoveryS.p50)} · max ${formatSeconds(o.recoveryS.max)}` : "—"],
      ["Availability", `${formatShare(o.availability)} (${formatNumber(o.nines, 3)} nines)`],
    ],
  };
}

function requestsTable(o: ClusterOutcome): ReportTable {
  const r = o.requests;
  const names = ["ok", "failed", "timedOut", "shed", "unavailable", "total"] as const;
  return {
    caption: "Requests",
    head: ["outcome", "requests", "share"],
    rows: names.map((n) => [n === "timedOut" ? "timed out" : n, formatCount(r[n]), formatShare(r.total > 0 ? r[n] / r.total : 0)]),
  };
}

function latencyTable(o: ClusterOutcome): ReportTable {
  return {
    caption: "Latency of successful requests (ms)",
    head: ["op", "p50", "p90", "p99", "p99.9", "mean", "max"],
    rows: Object.entries(o.latencyMs).map(([op, l]) => [op, formatMs(l.p50), formatMs(l.p90), formatMs(l.p99), formatMs(l.p999), formatMs(l.mean), formatMs(l.max)]),
  };
}

function episodesTable(o: ClusterOutcome): ReportTable {
  const list = o.episodes.list;
  return {
    caption: "Episodes",
    head: ["episode", "start", "duration", "bad requests", "key ranges", "clients", "zones", "regions", "ops", "faults"],
    rows: list.slice(0, MAX_EPISODE_ROWS).map((e, i) => episodeCells(e, i)),
    note: list.length > MAX_EPISODE_ROWS ? `… and ${list.length - MAX_EPISODE_ROWS} more in episodes.csv` : undefined,
  };
}
