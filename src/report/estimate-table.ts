import { figureLabel, formatFigure, formatFigureInterval, formatFigureSpread } from "./figure-labels.js";
import { formatShares, table } from "./format.js";

/** A figure's estimate as the table reads it (see ReportedEstimate); NaN where it has no value. */
export interface Shown {
  readonly mean: number;
  readonly std: number;
  readonly ci95Low: number;
  readonly ci95High: number;
}

/** A variant's column: its estimates by figure and how many replications they are over. */
interface Column {
  readonly name: string;
  readonly replications: number;
  readonly estimate: Readonly<Record<string, Shown>>;
}

/** An estimate's parts as every table writes them: the mean, its 95% interval and the sd, in the figure's unit. */
export interface EstimateText {
  readonly mean: string;
  readonly interval: string;
  readonly sd: string;
}

/**
 * An estimate of a figure in its unit (figure-names.ts): a share's mean and interval with one
 * number of decimals (99.08%, 98.90%–99.23%, not 98.9%–99.23%), an interval kept within the
 * figure's range; NaN (no value, e.g. a latency with no success) as "—".
 */
export function estimateText(figure: string, e: Shown): EstimateText {
  const { unit, max } = figureLabel(figure);
  const sd = formatFigureSpread(figure, e.std);
  if (unit === "share" && [e.mean, e.ci95Low, e.ci95High].every((x) => !Number.isNaN(x))) {
    const [mean, low, high] = formatShares([e.mean, e.ci95Low, Math.min(max ?? 1, e.ci95High)].map((x) => Math.max(0, x)));
    return { mean, interval: `${low}–${high}`, sd };
  }
  const interval = Number.isNaN(e.ci95Low) || Number.isNaN(e.ci95High) ? "—" : formatFigureInterval(figure, e.ci95Low, e.ci95High);
  return { mean: formatFigure(figure, e.mean), interval, sd };
}

/**
 * Replicated runs side by side: one row per headline figure, in the words and units of a single
 * run, one column per variant with the mean, the 95% interval and the standard deviation (a
 * variant of one replication has only its value: no interval).
 */
export function estimateTable(figures: readonly string[], columns: readonly Column[]): string {
  const cell = (f: string, c: Column) => {
    const e = c.estimate[f];
    if (e === undefined) return "—";
    if (c.replications < 2) return formatFigure(f, e.mean);
    const t = estimateText(f, e);
    return `${t.mean} (${t.interval}, sd ${t.sd})`;
  };
  const rows = [["", ...columns.map((c) => c.name)], ...figures.map((f) => [figureLabel(f).label, ...columns.map((c) => cell(f, c))])];
  return table(rows, "  ", true);
}
