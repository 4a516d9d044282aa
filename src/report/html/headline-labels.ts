import { formatNumber } from "../format.js";
import type { ReportedEstimate } from "./result-schemas.js";

/** How the report names a headline figure (with its unit) and scales it: shares are shown in percent. */
export interface HeadlineLabel {
  readonly name: string;
  readonly scale: number;
}

/** Labels of the headline figures relisim writes (src/experiment/headline-figures.ts), cluster and fleet. */
const LABELS: Readonly<Record<string, HeadlineLabel>> = {
  episodes: { name: "episodes per run", scale: 1 },
  blastRadiusMaxRequests: { name: "worst bad requests (%)", scale: 100 },
  seenRegionsMax: { name: "felt by client regions, worst (%)", scale: 100 },
  seenZonesMax: { name: "felt by client zones, worst (%)", scale: 100 },
  faultZonesMax: { name: "fault in server zones, worst (%)", scale: 100 },
  recoveryMeanS: { name: "recovery mean (s)", scale: 1 },
  recoveryMaxS: { name: "recovery max (s)", scale: 1 },
  availability: { name: "availability (%)", scale: 100 },
  latencyP50Ms: { name: "p50 latency, client-observed (ms)", scale: 1 },
  latencyP99Ms: { name: "p99 latency, client-observed (ms)", scale: 1 },
  successLatencyP99Ms: { name: "p99 latency, successes only (ms)", scale: 1 },
  extraLoadShare: { name: "extra load (%)", scale: 100 },
  outagesPerYear: { name: "quorum losses / year", scale: 1 },
  outageHoursMean: { name: "mean outage (h)", scale: 1 },
  outageHoursMax: { name: "longest outage (h)", scale: 1 },
  rangeShareMax: { name: "worst range share (%)", scale: 100 },
  clustersAffected: { name: "clusters affected", scale: 1 },
  timeAtRiskShare: { name: "time at risk (%)", scale: 100 },
  maintenanceOps: { name: "maintenance ops", scale: 1 },
  maintenanceFailures: { name: "maintenance failures", scale: 1 },
};

/** Figures of an older relisim whose latency was of successes only (and breadth a share of key ranges). */
const OLDER_LABELS: Readonly<Record<string, HeadlineLabel>> = {
  blastRadiusMaxRanges: { name: "worst key ranges (%)", scale: 100 },
  latencyP50Ms: { name: "p50 latency, successes only (ms)", scale: 1 },
  latencyP99Ms: { name: "p99 latency, successes only (ms)", scale: 1 },
};

/** The figures a replicated result or sweep has, as this report shows them. */
export interface HeadlineFigures {
  /** The figures shown, in the file's order. */
  readonly figures: readonly string[];
  readonly label: (figure: string) => HeadlineLabel;
  /** Said in the section's intro when the file is of an older relisim; null otherwise. */
  readonly olderNote: string | null;
}

/**
 * The figures of a replicated result or sweep with their labels. A file of an older relisim
 * (it has `failureFrequencyPerDay`) still reads: that figure is left out, since it made a rate
 * of scripted faults too, and its latency is labelled as what it was, successes only.
 */
export function headlineFigures(names: readonly string[]): HeadlineFigures {
  if (!names.includes("failureFrequencyPerDay")) return { figures: names, label: headlineLabel, olderNote: null };
  return {
    figures: names.filter((f) => f !== "failureFrequencyPerDay"),
    label: (f) => OLDER_LABELS[f] ?? headlineLabel(f),
    olderNote:
      "written by an older relisim: its episodes-per-day figure is left out (it made a rate of scripted faults too) and its latency is of successes only; " +
      "re-run with this relisim for client-observed latency and breadth",
  };
}

/** The label of a headline figure; one this report does not know (a newer relisim's) keeps its own name. */
export function headlineLabel(figure: string): HeadlineLabel {
  return LABELS[figure] ?? { name: figure, scale: 1 };
}

/** An estimate's mean in the figure's unit, "—" when it has none (e.g. a latency with no success). */
export function formatMean(e: ReportedEstimate, scale: number): string {
  return e.mean === null ? "—" : formatNumber(e.mean * scale, 3);
}

/** An estimate's 95% interval as "low–high" in the figure's unit, "—" when it has none. */
export function formatInterval(e: ReportedEstimate, scale: number): string {
  if (e.ci95Low === null || e.ci95High === null) return "—";
  return `${formatNumber(e.ci95Low * scale, 3)}–${formatNumber(e.ci95High * scale, 3)}`;
}
