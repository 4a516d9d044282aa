import { figureLabel, formatFigure } from "../figure-labels.js";
import { formatNumber, formatShares } from "../format.js";
import type { FigureUnit } from "../figure-units.js";
import { estimateText, type EstimateText } from "../estimate-table.js";
import type { ReportedEstimate } from "./result-schemas.js";

/**
 * How the report names a headline figure and scales it: on a chart, with the unit of its axis
 * (`name`: "recovery mean (s)", shares in percent); in a table, whose cells carry their units
 * ("1m 25s", "99.08%"), in the words of the terminal (`label`: "recovery mean").
 */
export interface HeadlineLabel {
  readonly name: string;
  readonly label: string;
  readonly scale: number;
}

/** The unit a chart axis or table row names in parentheses; "ms" is already in the labels that have it. */
const UNIT_SUFFIX: Partial<Record<FigureUnit, string>> = { share: " (%)", seconds: " (s)", hours: " (h)" };

/** Figures of an older relisim whose latency was of successes only (and breadth a share of key ranges). */
const OLDER_LABELS: Readonly<Record<string, HeadlineLabel>> = {
  blastRadiusMaxRanges: { name: "worst key ranges (%)", label: "worst key ranges", scale: 100 },
  latencyP50Ms: { name: "p50 ms successes only", label: "p50 ms successes only", scale: 1 },
  latencyP99Ms: { name: "p99 ms successes only", label: "p99 ms successes only", scale: 1 },
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

/**
 * The label of a headline figure: the terminal reports' words (figure-labels.ts) with its unit;
 * shares in percent. One this report does not know (a newer relisim's) keeps its own name.
 */
export function headlineLabel(figure: string): HeadlineLabel {
  const { label, unit } = figureLabel(figure);
  return { name: `${label}${UNIT_SUFFIX[unit] ?? ""}`, label, scale: unit === "share" ? 100 : 1 };
}

/**
 * The labels beside one figure's bars (one per variant, null: no bar), in the unit of the bars'
 * axis: shares in % with one number of decimals, durations as plain seconds or hours ("160 s",
 * not "2m 40s" on an axis in seconds), other figures as the tables write them.
 */
export function barLabels(figure: string, means: readonly (number | null)[]): string[] {
  const { unit } = figureLabel(figure);
  const known = means.map((m) => (m === null ? Number.NaN : m));
  if (unit === "share") {
    const shares = formatShares(known.filter((m) => !Number.isNaN(m)));
    return known.map((m) => (Number.isNaN(m) ? "—" : shares.shift()!));
  }
  const suffix = unit === "seconds" ? " s" : unit === "hours" ? " h" : null;
  return known.map((m) => (Number.isNaN(m) ? "—" : suffix ? `${formatNumber(m, 3)}${suffix}` : formatFigure(figure, m)));
}

const orNaN = (x: number | null | undefined) => (x === null || x === undefined ? Number.NaN : x);

/**
 * An estimate of a figure (null where it has none, e.g. a latency with no success) as the
 * terminal writes it (estimate-table.ts): the mean, the 95% interval and the sd in its unit.
 */
export function estimateCells(figure: string, e: Partial<ReportedEstimate>): EstimateText {
  return estimateText(figure, { mean: orNaN(e.mean), std: orNaN(e.std), ci95Low: orNaN(e.ci95Low), ci95High: orNaN(e.ci95High) });
}
