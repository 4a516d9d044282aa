import { formatNumber } from "../format.js";
import type { ReportedEstimate } from "./result-schemas.js";

/** How the report names a headline figure (with its unit) and scales it: shares are shown in percent. */
export interface HeadlineLabel {
  readonly name: string;
  readonly scale: number;
}

/** Labels of the headline figures relisim writes (src/experiment/headline-figures.ts), cluster and fleet. */
const LABELS: Readonly<Record<string, HeadlineLabel>> = {
  failureFrequencyPerDay: { name: "episodes / day", scale: 1 },
  episodes: { name: "episodes", scale: 1 },
  blastRadiusMaxRequests: { name: "worst bad requests (%)", scale: 100 },
  blastRadiusMaxRanges: { name: "worst key ranges (%)", scale: 100 },
  recoveryMeanS: { name: "recovery mean (s)", scale: 1 },
  recoveryMaxS: { name: "recovery max (s)", scale: 1 },
  availability: { name: "availability (%)", scale: 100 },
  latencyP50Ms: { name: "p50 latency (ms)", scale: 1 },
  latencyP99Ms: { name: "p99 latency (ms)", scale: 1 },
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
