import { figureLabel, formatFigureDifference } from "./figure-labels.js";
import { excludesZero } from "./figure-units.js";
import { table } from "./format.js";

/** A paired difference as the table reads it (see PairedDifference); NaN where it has no value. */
interface Difference {
  readonly mean: number;
  readonly ci95Low: number;
  readonly ci95High: number;
  readonly n: number;
}

/** The mark of a difference whose 95% interval excludes 0. */
export const EXCLUDES_ZERO_MARK = "*";

/** One difference: "−17.2 pp (−18.1 to −16.3 pp) *"; "0" when it is 0 in every replication. */
export function differenceCell(figure: string, d: Difference | undefined): string {
  if (d === undefined || d.n === 0 || Number.isNaN(d.mean)) return "—";
  const mean = formatFigureDifference(figure, d.mean);
  if (Number.isNaN(d.ci95Low) || Number.isNaN(d.ci95High)) return `${mean} (one pair: no interval)`;
  const low = formatFigureDifference(figure, d.ci95Low);
  const high = formatFigureDifference(figure, d.ci95High);
  if (mean === "0" && low === "0" && high === "0") return "0";
  const mark = excludesZero(figureLabel(figure).unit, d.ci95Low, d.ci95High) ? ` ${EXCLUDES_ZERO_MARK}` : "";
  return `${mean} (${low} to ${high})${mark}`;
}

/**
 * Paired differences against the baseline variant: one row per headline figure, one column per
 * other variant ("backoff − noRetries") with the mean difference, its 95% interval and a mark
 * when the interval excludes 0.
 */
export function differenceTable(
  figures: readonly string[],
  baseline: string,
  differences: Readonly<Record<string, Readonly<Record<string, Difference>>>>,
): string {
  const variants = Object.keys(differences);
  const rows = [
    ["", ...variants.map((v) => `${v} \u2212 ${baseline}`)],
    ...figures.map((f) => [figureLabel(f).label, ...variants.map((v) => differenceCell(f, differences[v][f]))]),
  ];
  return table(rows, "  ", true);
}

/**
 * The heading, table and how to read it; with fewer than two replications, only why there is no
 * table (a difference of one pair has no interval).
 */
export function differenceSection(
  figures: readonly string[],
  baseline: string,
  differences: Readonly<Record<string, Readonly<Record<string, Difference>>>>,
  replications: number,
): string {
  if (Object.keys(differences).length === 0) return "";
  if (replications < 2) return `Paired differences against ${baseline} need --replications ≥ 2 (one replication gives no interval).`;
  return [
    `Paired differences against ${baseline}: mean of (variant − ${baseline}) over replications on the same seeds (95% CI); ${EXCLUDES_ZERO_MARK} the interval excludes 0`,
    "",
    differenceTable(figures, baseline, differences),
    "",
    "  Replication i of every variant runs on the same seed (common random numbers), so each interval is of the",
    "  per-replication differences: noise both variants share cancels. Shares differ in percentage points (pp).",
  ].join("\n");
}
