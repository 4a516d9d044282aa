import { formatNumber, table } from "./format.js";

/** A figure's estimate as the table reads it (see ReportedEstimate). */
interface Shown {
  readonly mean: number;
  readonly std: number;
  readonly ci95Low: number;
  readonly ci95High: number;
}

/**
 * Replicated runs side by side: one row per headline figure, one column per variant with the
 * mean, the 95% interval and the standard deviation.
 */
export function estimateTable(figures: readonly string[], columns: ReadonlyArray<{ name: string; estimate: Record<string, Shown> }>): string {
  const cell = (e: Shown) => `${formatNumber(e.mean, 4)} (${formatNumber(e.ci95Low, 4)}–${formatNumber(e.ci95High, 4)}, sd ${formatNumber(e.std, 3)})`;
  const rows = [["", ...columns.map((c) => c.name)], ...figures.map((f) => [f, ...columns.map((c) => cell(c.estimate[f]))])];
  return table(rows);
}
