import { formatCount, formatMs, formatNumber, formatSeconds, formatShare } from "../format.js";
import { variantBarsChart, type VariantBar } from "./charts/variant-bars-chart.js";
import type { ReportTable } from "./report-page.js";
import { differencesTable } from "./differences-table.js";
import { FLEET_FIGURES, interval } from "./fleet-figures.js";
import { headerLine, type ReportSection } from "./report-section.js";
import type { ClusterCompare, ClusterOutcome, FleetCompare, FleetOutcome } from "./result-schemas.js";

/** A figure of a cluster outcome as a bar: its value in the bar's unit and its table label. */
interface ClusterFigure {
  readonly name: string;
  readonly value: (o: ClusterOutcome) => number;
  readonly label: (o: ClusterOutcome) => string;
}

const CLUSTER_FIGURES: readonly ClusterFigure[] = [
  { name: "episodes", value: (o) => o.episodes.count, label: (o) => String(o.episodes.count) },
  { name: "worst bad requests (%)", value: (o) => o.blastRadius.maxRequests * 100, label: (o) => formatShare(o.blastRadius.maxRequests) },
  { name: "recovery max (s)", value: (o) => o.recoveryS.max, label: (o) => formatSeconds(o.recoveryS.max) },
  { name: "availability (%)", value: (o) => o.availability * 100, label: (o) => formatShare(o.availability) },
  { name: "p99 latency (ms)", value: (o) => o.latencyMs.all?.p99 ?? 0, label: (o) => formatMs(o.latencyMs.all?.p99 ?? 0) },
  { name: "p99.9 latency (ms)", value: (o) => o.latencyMs.all?.p999 ?? 0, label: (o) => formatMs(o.latencyMs.all?.p999 ?? 0) },
];

/** Cluster variants on one seed: bars per figure (one run each, so no intervals) and the table. */
export function clusterCompareSection(compare: ClusterCompare): ReportSection {
  const variants = Object.keys(compare.variants);
  const outcomes = Object.values(compare.variants);
  const bars: VariantBar[] = CLUSTER_FIGURES.flatMap((f) =>
    variants.map((variant, i) => ({ variant, figure: f.name, value: f.value(outcomes[i]), label: f.label(outcomes[i]) })),
  );
  const row = (label: string, f: (o: ClusterOutcome) => string) => [label, ...outcomes.map(f)];
  const table: ReportTable = {
    caption: "Variants side by side",
    head: ["", ...variants],
    rows: [
      row("episodes", (o) => String(o.episodes.count)),
      row("per day", (o) => formatNumber(o.failureFrequencyPerDay, 3)),
      row("worst bad requests", (o) => formatShare(o.blastRadius.maxRequests)),
      row("worst key ranges", (o) => formatShare(o.blastRadius.ranges)),
      row("worst clients", (o) => formatShare(o.blastRadius.clients)),
      row("worst zones", (o) => formatShare(o.blastRadius.zones)),
      row("worst regions", (o) => formatShare(o.blastRadius.regions)),
      row("recovery mean", (o) => formatSeconds(o.recoveryS.mean)),
      row("recovery max", (o) => formatSeconds(o.recoveryS.max)),
      row("availability", (o) => formatShare(o.availability)),
      row("nines", (o) => formatNumber(o.nines, 3)),
      row("requests", (o) => formatCount(o.requests.total)),
      row("timed out", (o) => formatCount(o.requests.timedOut)),
      row("unavailable", (o) => formatCount(o.requests.unavailable)),
      row("failed", (o) => formatCount(o.requests.failed)),
      row("shed", (o) => formatCount(o.requests.shed)),
      ...(["p50", "p99", "p999"] as const).map((p) => row(`${p === "p999" ? "p99.9" : p} ms`, (o) => formatMs(o.latencyMs.all?.[p] ?? 0))),
    ],
  };
  return {
    scenario: compare.header.scenario,
    heading: `Compare: ${compare.header.scenario}`,
    intro: `${variants.length} variants on the same seed (common random numbers) · ${headerLine(compare.header)}`,
    charts: [
      variantBarsChart(
        { text: "Variants side by side", subtitle: "one run per variant on the same seed: the difference is the strategy, not noise" },
        CLUSTER_FIGURES.map((f) => f.name),
        variants,
        bars,
      ),
    ],
    tables: [table],
  };
}

/** Fleet variants, each replicated on the same seeds: bars with 95% intervals, the table, and the paired differences when the file has them. */
export function fleetCompareSection(compare: FleetCompare): ReportSection {
  const variants = Object.keys(compare.variants);
  const outcomes: FleetOutcome[] = Object.values(compare.variants);
  const bars: VariantBar[] = FLEET_FIGURES.flatMap(({ key, name, scale }) =>
    variants.map((variant, i) => {
      const e = outcomes[i][key];
      return { variant, figure: name, value: e.mean * scale, low: e.ci95Low * scale, high: e.ci95High * scale, label: formatNumber(e.mean * scale, 3) };
    }),
  );
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
        rows: FLEET_FIGURES.flatMap(({ key, name, scale }) => [
          [name, ...outcomes.map((o) => formatNumber(o[key].mean * scale, 3))],
          ["  95% CI", ...outcomes.map((o) => interval(o[key], scale))],
        ]),
      },
      ...[differencesTable(compare, FLEET_FIGURES.map((f) => f.key), replications)].filter((t) => t !== undefined),
    ],
  };
}
