import { formatDifference, formatValue, type FigureUnit } from "./figure-units.js";

/** How the reports name a headline figure, its unit, and the largest value it can take (shares: 1). */
export interface FigureLabel {
  readonly label: string;
  readonly unit: FigureUnit;
  /** An interval's upper bound stops here (a share of requests is at most 100%); none when unbounded. */
  readonly max?: number;
}

const share = (label: string): FigureLabel => ({ label, unit: "share", max: 1 });

/**
 * Every headline figure relisim has written (src/experiment/headline-figures.ts, cluster and
 * fleet), by name, in the words of a single run's table. Keyed by name, not by position, so
 * results of older and newer versions read alike; a name not here is shown as it is.
 */
const LABELS: Readonly<Record<string, FigureLabel>> = {
  failureFrequencyPerDay: { label: "episodes / day", unit: "rate" },
  episodes: { label: "episodes", unit: "count" },
  blastRadiusMaxRequests: share("worst bad requests"),
  blastRadiusMaxRanges: share("worst key ranges"),
  // Breadth of the worst episode, in the words of the single-run tables (report/answer-cells.ts).
  seenRegionsMax: share("felt by client regions"),
  seenZonesMax: share("felt by client zones"),
  faultZonesMax: share("fault in server zones"),
  recoveryMeanS: { label: "recovery mean", unit: "seconds" },
  recoveryMaxS: { label: "recovery max", unit: "seconds" },
  availability: share("availability"),
  // Client-observed: failures count at the time the client gave up.
  latencyP50Ms: { label: "p50 ms client-observed", unit: "ms" },
  latencyP99Ms: { label: "p99 ms client-observed", unit: "ms" },
  successLatencyP99Ms: { label: "p99 ms successes only", unit: "ms" },
  // Hedges and retries over first attempts: above 100% when each request is sent more than twice.
  extraLoadShare: { label: "extra load", unit: "share" },
  outagesPerYear: { label: "quorum losses / year", unit: "rate" },
  outageHoursMean: { label: "outage mean", unit: "hours" },
  outageHoursMax: { label: "outage max", unit: "hours" },
  rangeShareMax: share("worst range share"),
  clustersAffected: { label: "clusters affected", unit: "count" },
  timeAtRiskShare: share("time at risk"),
  nodeFailures: { label: "node failures", unit: "count" },
  maintenanceOps: { label: "maintenance ops", unit: "count" },
  maintenanceFailures: { label: "maintenance failures", unit: "count" },
};

/** The label of a headline figure; one these reports do not know keeps its own name, as a plain number. */
export function figureLabel(figure: string): FigureLabel {
  return LABELS[figure] ?? { label: figure, unit: "number" };
}

/** A headline figure's value in its unit: availability 0.987 → "98.7%", recoveryMeanS 85 → "1m 25s". */
export function formatFigure(figure: string, x: number): string {
  return formatValue(figureLabel(figure).unit, x);
}

/** A 95% interval of a figure as "low–high" in its unit, the bounds kept within the figure's range. */
export function formatFigureInterval(figure: string, low: number, high: number): string {
  const { unit, max } = figureLabel(figure);
  const top = max === undefined ? high : Math.min(max, high);
  return `${formatValue(unit, low)}–${formatValue(unit, top)}`;
}

/** A difference between two variants' values of a figure, signed, in its unit: "−17.2 pp", "+3.5s". */
export function formatFigureDifference(figure: string, x: number): string {
  return formatDifference(figureLabel(figure).unit, x);
}

/** A standard deviation in the figure's unit (shares stay in %, durations in s). */
export function formatFigureSpread(figure: string, sd: number): string {
  return formatValue(figureLabel(figure).unit, sd);
}
