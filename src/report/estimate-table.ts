import { figureLabel, formatFigure, formatFigureInterval, formatFigureSpread } from "./figure-labels.js";
import { table } from "./format.js";

/** A figure's estimate as the table reads it (see ReportedEstimate); NaN where it has no value. */
interface Shown {
  readonly mean: number;
  readonly std: number;
  readonly ci95Low: number;
  readonly ci95High: number;
}

/**
 * Replicated runs side by side: one row per headline figure, in the words and units of a single
 * run, one column per variant with the mean, the 95% interval and the standard deviation.
 */
export function estimateTable(figures: readonly string[], columns: ReadonlyArray<{ name: string; estimate: Record<string, Shown> }>): string {
  const cell = (f: string, e: Shown | undefined) =>
    e === undefined ? "—" : `${formatFigure(f, e.mean)} (${formatFigureInterval(f, e.ci95Low, e.ci95High)}, sd ${formatFigureSpread(f, e.std)})`;
  const rows = [["", ...columns.map((c) => c.name)], ...figures.map((f) => [figureLabel(f).label, ...columns.map((c) => cell(f, c.estimate[f]))])];
  return table(rows, "  ", true);
}
