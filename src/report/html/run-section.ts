import { frequencyText } from "../answer-cells.js";
import { formatCount, formatMs, formatNines, formatNumber, formatSeconds, formatShare, formatShares } from "../format.js";
import { episodeTable } from "../episode-cells.js";
import { BREADTH_NOTE, faultInText, feltByText, meanMaxText } from "./breadth-text.js";
import { errorRateChart } from "./charts/error-rate-chart.js";
import { latencyChart } from "./charts/latency-chart.js";
import { loadChart } from "./charts/load-chart.js";
import { timeAxis } from "./charts/time-axis.js";
import type { TimelineMarks } from "./charts/timeline-marks.js";
import { coarsenTimeline } from "./coarsen-timeline.js";
import type { ClusterRun } from "./read-results.js";
import type { ReportTable } from "./report-page.js";
import { headerLine, type ReportSection } from "./report-section.js";
import type { ClusterOutcome, LatencyByOp } from "./result-schemas.js";

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
    const marks = timelineMarks(outcome);
    charts.push(latencyChart(timeline, episodes, axis, marks), errorRateChart(timeline, episodes, axis, marks), loadChart(timeline, episodes, axis, marks));
  }
  const merged = run.timeline && run.timeline.length > MAX_POINTS ? `; charts merge every ${Math.ceil(run.timeline.length / MAX_POINTS)} windows, keeping the worst` : "";
  return {
    scenario: header.scenario,
    heading: `Run: ${header.scenario}${variant}`,
    intro:
      `${formatSeconds(outcome.durationS)} simulated, ${formatCount(outcome.requests.total)} requests · ${headerLine(header)}` +
      (run.timeline ? merged : " · no windows.csv, so no timeline charts"),
    charts,
    tables: [
      answersTable(outcome),
      requestsTable(outcome),
      latencyTable("Latency, client-observed (ms)", outcome.latencyMs, outcome.successLatencyMs, "Every request; a failure counts at the time its client gave up."),
      latencyTable("Latency, successes only (ms)", outcome.successLatencyMs, outcome.latencyMs),
      ...(outcome.episodes.count > 0 ? [episodesTable(outcome)] : []),
    ],
  };
}

/** The run's faults and its SLO's thresholds (for ops that had traffic), to mark on its timelines. */
export function timelineMarks(o: ClusterOutcome): TimelineMarks {
  const judged = (o.slo ?? []).filter((s) => o.latencyMs[s.op]);
  return {
    faults: o.faultTimeline ?? [],
    latencySlo: judged.map((s) => ({ value: s.latencyMs, label: `${s.op} p${s.percentile} SLO ${formatMs(s.latencyMs)} ms` })),
    errorSlo: judged.map((s) => ({ value: s.errorRate * 100, label: `${s.op} SLO ${formatShare(s.errorRate)} errors` })),
  };
}

function answersTable(o: ClusterOutcome): ReportTable {
  const b = o.blastRadius;
  const some = o.episodes.count > 0;
  const acted = [
    ...(o.timeToDetectS ? [["Time to detect", meanMaxText(o.timeToDetectS)]] : []),
    ...(o.timeToMitigateS ? [["Time to mitigate", meanMaxText(o.timeToMitigateS)]] : []),
  ];
  return {
    caption: "The three answers",
    head: ["question", "answer"],
    rows: [
      ["How often", `${frequencyText(o.frequency)} · ${o.violatingWindows} of ${o.windows} windows broke the SLO`],
      ["How big", some ? `worst episode: ${formatShare(b.maxRequests)} of its requests failed or slow` : "—"],
      ...(some ? [["felt by", feltByText(b)], ["fault in", faultInText(b)]] : []),
      ["How long", some ? `recovery mean ${formatSeconds(o.recoveryS.mean)} · p50 ${formatSeconds(o.recoveryS.p50)} · max ${formatSeconds(o.recoveryS.max)}` : "—"],
      ...acted,
      ["Availability", `${formatShare(o.availability)} (${formatNines(o.nines, o.availability)} nines)`],
      ...(o.fidelity
        ? [["Fidelity", `hybrid: ${formatShare(o.fidelity.sample)} of requests simulated one by one (${formatCount(o.fidelity.sampledRequests)}, ${formatCount(o.fidelity.sampledPerWindow)} per SLO window), the rest as fluid load; counts scaled from the sample; availability ± ${formatShare(o.fidelity.availabilityStandardError)} (binomial s.e.)` +
            ((o.fidelity.nearSaturationShare ?? 0) >= 0.01 ? `; caution: nodes ran near saturation ${formatShare(o.fidelity.nearSaturationShare!)} of the time, where the fluid is weakest` : "")]]
        : []),
    ],
    note: some ? BREADTH_NOTE + (acted.length > 0 ? " Time to detect and mitigate: from the episode's start, over the episodes where operations acted." : "") : undefined,
  };
}

function requestsTable(o: ClusterOutcome): ReportTable {
  const r = o.requests;
  const names = ["ok", "failed", "timedOut", "shed", "unavailable", "total"] as const;
  const shares = formatShares(names.map((n) => (r.total > 0 ? r[n] / r.total : 0)));
  return {
    caption: "Requests",
    head: ["outcome", "requests", "share"],
    // One column of shares, one number of decimals: 99.988% above 0.012%, not 0.01%.
    rows: names.map((n, i) => [n === "timedOut" ? "timed out" : n, formatCount(r[n]), shares[i]]),
  };
}

/** Latency per op, ms; an op with no request to measure has no row, one with none of this kind dashes. */
function latencyTable(caption: string, latency: LatencyByOp, other: LatencyByOp, note?: string): ReportTable {
  const dash = ["—", "—", "—", "—", "—", "—"];
  return {
    caption,
    head: ["op", "p50", "p90", "p99", "p99.9", "mean", "max"],
    rows: Object.entries(latency)
      .filter(([op, l]) => l !== null || (other[op] ?? null) !== null)
      .map(([op, l]) => [op, ...(l ? [l.p50, l.p90, l.p99, l.p999, l.mean, l.max].map(formatMs) : dash)]),
    note,
  };
}

function episodesTable(o: ClusterOutcome): ReportTable {
  const list = o.episodes.list;
  const more = list.length > MAX_EPISODE_ROWS ? ` … and ${list.length - MAX_EPISODE_ROWS} more in episodes.csv.` : "";
  const scripted = list.some((e) => e.scripted) ? " * a scripted fault of the scenario's timeline was active: counted, never a rate." : "";
  const [head, ...rows] = episodeTable(list, MAX_EPISODE_ROWS);
  return {
    caption: "Episodes",
    head,
    rows,
    note:
      "felt by: the client regions, client zones, clients and key ranges whose traffic broke the SLO, touched/of (share of the episode's traffic they carried); " +
      `fault in: the server zones and nodes down, degraded (slow disk, errors, GC storm, packet loss) or shedding.${scripted}${more}`,
  };
}
