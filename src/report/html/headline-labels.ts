import { figureLabel } from "../figure-labels.js";
import type { FigureUnit } from "../figure-units.js";
import { formatNumber } from "../format.js";
import type { ReportedEstimate } from "./result-schemas.js";

/** How the report names a headline figure (with its unit) and scales it: shares are shown in percent. */
export interface HeadlineLabel {
  readonly name: string;
  readonly scale: number;
}

/** The unit a chart axis or table row names in parentheses; ms is already in the labels that have it. */
const UNIT_SUFFIX: Partial<Record<FigureUnit, string>> = { share: " (%)", seconds: " (s)", hours: " (h)" };

/**
 * The label of a headline figure, from the terminal reports' table (figure-labels.ts), with its
 * unit; shares are shown in percent. One this report does not know (a newer relisim's) keeps its own name.
 */
export function headlineLabel(figure: string): HeadlineLabel {
  const { label, unit } = figureLabel(figure);
  return { name: `${label}${UNIT_SUFFIX[unit] ?? ""}`, scale: unit === "share" ? 100 : 1 };
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
