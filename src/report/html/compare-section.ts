import { frequencyCell } from "../answer-cells.js";
import { compareCells } from "../compare-rows.js";
import { formatMs, formatNumber, formatShare, formatShares } from "../format.js";
import { BREADTH_NOTE, seenDimensions } from "./breadth-text.js";
import type { TopLevelSpec } from "vega-lite";
import { timeAxis } from "./charts/time-axis.js";
import { variantBarsChart, type VariantBar } from "./charts/variant-bars-chart.js";
import { variantOverlayCharts } from "./charts/variant-overlay-chart.js";
import type { TimelineMarks } from "./charts/timeline-marks.js";
import { timelineMarks } from "./run-section.js";
import { coarsenTimeline } from "./coarsen-timeline.js";
import type { ClusterRun } from "./read-results.js";
import type { ReportTable } from "./report-page.js";
import { differencesTable } from "./differences-table.js";
import { FLEET_FIGURES } from "./fleet-figures.js";
import { barLabels, estimateCells, headlineLabel } from "./headline-labels.js";
import { figureLabel } from "../figure-labels.js";
import { headerLine, type ReportSection } from "./report-section.js";
import type { ClusterCompare, ClusterOutcome, FleetCompare, FleetOutcome, LatencyByOp } from "./result-schemas.js";

/** A figure of a cluster outcome as a bar: its value in the bar's unit (null: no bar) and its table label. */
interface ClusterFigure {
  readonly name: string;
  readonly value: (o: ClusterOutcome) => number | null;
  readonly label: (o: ClusterOutcome) => string;
  /** Every variant's label at once, where they share a format (shares with one number of decimals). */
  readonly labels?: (os: readonly ClusterOutcome[]) => string[];
}

type Percentile = "p50" | "p99" | "p999";
const ms = (l: LatencyByOp, p: Percentile) => l.all?.[p] ?? null;
const msText = (l: LatencyByOp, p: Percentile) => (l.all ? formatMs(l.all[p]) : "—");
const breadthShare = (b: { touched: number; of: number }) => (b.of > 0 ? (b.touched / b.of) * 100 : null);
/** A breadth bar's label: touched/of, the bar's length (the table has the traffic share). */
const count = (b: { touched: number; of: number }) => `${b.touched}/${b.of}`;
/** A figure's name on a chart: its words everywhere (figure-names.ts) with the bar's unit. */
const chartName = (figure: string) => headlineLabel(figure).name;

/**
 * The bars, leading with what clients saw (client-observed latency counts failures at the time
 * the client gave up, so a variant that fails fast cannot look quick), then the three answers,
 * availability, and the latency of successes only last. Breadth figures only where the
 * variants have more than one zone.
 */
function clusterFigures(outcomes: readonly ClusterOutcome[]): ClusterFigure[] {
  const views = outcomes.map((o) => o.blastRadius);
  const zonesFelt = seenDimensions(views).includes("zones");
  const zonesFault = outcomes.some((o) => o.blastRadius.fault.zones.of > 1);
  return [
    { name: chartName("latencyP99Ms"), value: (o) => ms(o.latencyMs, "p99"), label: (o) => msText(o.latencyMs, "p99") },
    { name: chartName("latencyP999Ms"), value: (o) => ms(o.latencyMs, "p999"), label: (o) => msText(o.latencyMs, "p999") },
    { name: chartName("episodes"), value: (o) => o.episodes.count, label: (o) => frequencyCell(o.frequency) },
    {
      name: chartName("blastRadiusMaxRequests"),
      value: (o) => o.blastRadius.maxRequests * 100,
      label: (o) => formatShare(o.blastRadius.maxRequests),
      labels: (os) => formatShares(os.map((o) => o.blastRadius.maxRequests)),
    },
    ...(zonesFelt
      ? [{ name: chartName("seenZonesMax"), value: (o: ClusterOutcome) => breadthShare(o.blastRadius.seen.zones), label: (o: ClusterOutcome) => count(o.blastRadius.seen.zones) }]
      : []),
    ...(zonesFault
      ? [{ name: chartName("faultZonesMax"), value: (o: ClusterOutcome) => breadthShare(o.blastRadius.fault.zones), label: (o: ClusterOutcome) => count(o.blastRadius.fault.zones) }]
      : []),
    recoveryFigure(outcomes),
    { name: chartName("availability"), value: (o) => o.availability * 100, label: (o) => formatShare(o.availability), labels: (os) => formatShares(os.map((o) => o.availability)) },
    { name: chartName("successLatencyP99Ms"), value: (o) => ms(o.successLatencyMs, "p99"), label: (o) => msText(o.successLatencyMs, "p99") },
  ];
}

/**
 * The longest recovery in one unit for axis and labels alike, the one that suits the longest:
 * seconds, minutes or hours (an axis in seconds labelled "2m 40s" read as two units).
 */
function recoveryFigure(outcomes: readonly ClusterOutcome[]): ClusterFigure {
  const longest = Math.max(0, ...outcomes.map((o) => o.recoveryS.max));
  const [per, unit] = longest >= 2 * 3600 ? [3600, "h"] : longest >= 120 ? [60, "min"] : [1, "s"];
  return { name: `${figureLabel("recoveryMaxS").label} (${unit})`, value: (o) => o.recoveryS.max / per, label: (o) => `${formatNumber(o.recoveryS.max / per, 3)} ${unit}` };
}

/** The table: the same rows as the terminal's comparison (compare-rows.ts), with the notes a page has room for. */
function clusterTable(variants: readonly string[], outcomes: readonly ClusterOutcome[]): ReportTable {
  const anyScripted = outcomes.some((o) => o.frequency.scripted > 0);
  const acted = outcomes.some((o) => o.timeToDetectS || o.timeToMitigateS);
  return {
    caption: "Variants side by side",
    head: ["", ...variants],
    rows: compareCells(outcomes),
    note:
      (anyScripted ? "(scripted): episodes during the timeline's scripted faults — a count, not a rate. " : "") +
      (acted ? "Time to detect and mitigate: means over the episodes where operations acted. " : "") +
      BREADTH_NOTE +
      " Client-observed latency counts every request, a failure at the time its client gave up.",
  };
}

/** Cluster variants on one seed: bars per figure (one run each, so no intervals) and the table. */
export function clusterCompareSection(compare: ClusterCompare, variantRuns: readonly ClusterRun[] = []): ReportSection {
  const variants = Object.keys(compare.variants);
  const outcomes = Object.values(compare.variants);
  const figures = clusterFigures(outcomes);
  const bars: VariantBar[] = figures.flatMap((f) => {
    const labels = f.labels ? f.labels(outcomes) : outcomes.map(f.label);
    return variants.flatMap((variant, i) => {
      const value = f.value(outcomes[i]);
      return value === null ? [] : [{ variant, figure: f.name, value, label: labels[i] }];
    });
  });
  return {
    scenario: compare.header.scenario,
    heading: `Compare: ${compare.header.scenario}`,
    intro: `${variants.length} variants on the same seed (common random numbers) · ${headerLine(compare.header)}`,
    charts: [
      variantBarsChart(
        { text: "Variants side by side", subtitle: "one run per variant on the same seed: the difference is the strategy, not noise; latency first, as clients saw it" },
        figures.map((f) => f.name),
        variants,
        bars,
      ),
      ...overlays(variantRuns),
    ],
    tables: [clusterTable(variants, outcomes)],
  };
}

/** With two or more variants' timelines at hand: those variants overlaid, one chart per figure, with their faults and SLO marked. */
function overlays(variantRuns: readonly ClusterRun[]): TopLevelSpec[] {
  const runs = variantRuns.filter((r) => r.timeline && r.timeline.length > 0);
  if (runs.length < 2) return [];
  const axis = timeAxis(Math.max(...runs.map((r) => r.summary.outcome.durationS)));
  return variantOverlayCharts(
    runs.map((r) => ({ variant: r.summary.header.variant ?? "base", timeline: coarsenTimeline(r.timeline!, OVERLAY_POINTS) })),
    axis,
    sharedMarks(runs.map((r) => timelineMarks(r.summary.outcome))),
  );
}

/**
 * The marks of variants drawn on one chart: every fault any of them had (once, where variants
 * share it), and the SLO's thresholds only when all variants judged by the same ones.
 */
function sharedMarks(marks: readonly TimelineMarks[]): TimelineMarks {
  const faults = new Map<string, TimelineMarks["faults"][number]>();
  for (const m of marks) for (const f of m.faults) faults.set(JSON.stringify([f.fault, f.startS, f.endS]), f);
  const same = (pick: (m: TimelineMarks) => unknown) => marks.every((m) => JSON.stringify(pick(m)) === JSON.stringify(pick(marks[0])));
  const slo = same((m) => [m.latencySlo, m.errorSlo]);
  return {
    faults: [...faults.values()].sort((a, b) => a.startS - b.startS || (a.fault < b.fault ? -1 : a.fault > b.fault ? 1 : 0)),
    latencySlo: slo ? marks[0].latencySlo : [],
    errorSlo: slo ? marks[0].errorSlo : [],
  };
}
const OVERLAY_POINTS = 800;

/** Fleet variants, each replicated on the same seeds: bars with 95% intervals, the table, and the paired differences when the file has them. */
export function fleetCompareSection(compare: FleetCompare): ReportSection {
  const variants = Object.keys(compare.variants);
  const outcomes: FleetOutcome[] = Object.values(compare.variants);
  const bars: VariantBar[] = FLEET_FIGURES.flatMap(({ key, name, scale }) => {
    const labels = barLabels(key, outcomes.map((o) => o[key].mean));
    return variants.map((variant, i) => {
      const e = outcomes[i][key];
      return { variant, figure: name, value: e.mean * scale, low: e.ci95Low * scale, high: e.ci95High * scale, label: labels[i] };
    });
  });
  const replications = outcomes[0]?.replications ?? 0;
  return {
    scenario: compare.header.scenario,
    heading: `Compare: ${compare.header.scenario}`,
    intro: `${variants.length} fleet variants × ${replications} replications on the same seeds (the same failures) · ${headerLine(compare.header)}`,
    charts: [
      variantBarsChart(
        { text: "Variants side by side", subtitle: `mean of ${replications} replications; error bars: 95% confidence interval` },
        FLEET_FIGURES.map((f) => f.name),
        variants,
        bars,
      ),
    ],
    tables: [
      {
        caption: "Variants side by side (mean, then 95% interval)",
        head: ["", ...variants],
        rows: FLEET_FIGURES.flatMap(({ key, label }) => [
          [label, ...outcomes.map((o) => estimateCells(key, o[key]).mean)],
          ["  95% CI", ...outcomes.map((o) => estimateCells(key, o[key]).interval)],
        ]),
      },
      ...[differencesTable(compare, FLEET_FIGURES.map((f) => f.key), replications)].filter((t) => t !== undefined),
    ],
  };
}
