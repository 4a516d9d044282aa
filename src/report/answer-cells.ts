import type { Frequency } from "../experiment/outcome/run-outcome.js";
import type { PoissonRate } from "../metrics/poisson-interval.js";
import { formatNumber, formatShare } from "./format.js";

export { FAULT_LABELS, SEEN_LABELS } from "../experiment/figure-names.js";

/**
 * A breadth as "touched/of", with the share of traffic the touched entities carried where there
 * is one ("3/12, 27% of traffic"); a dimension of one entity has no share.
 */
export function formatBreadth(b: { readonly touched: number; readonly of: number; readonly traffic?: number | null }, short = false): string {
  const count = `${b.touched}/${b.of}`;
  if (b.traffic === undefined || b.traffic === null || b.touched === 0) return count;
  return short ? `${count} (${formatShare(b.traffic)})` : `${count} (${formatShare(b.traffic)} of traffic)`;
}

/** A rate with its interval and how it was found: "14.4 per day (1.7–52, 95% CI, exact Poisson)". */
export function formatRateInterval(r: PoissonRate, per: "day" | "year"): string {
  const how = r.method === "garwood" ? "95% CI, exact Poisson" : "95% upper bound, rule of three";
  const range = r.method === "garwood" ? `${formatNumber(r.ci95Low, 2)}–${formatNumber(r.ci95High, 2)}` : `≤ ${formatNumber(r.ci95High, 2)}`;
  return `${formatNumber(r.rate, 3)} per ${per} (${range}, ${how})`;
}

/** A per-day rate with its interval and how it was found. */
export function formatRate(r: NonNullable<Frequency["perDay"]>): string {
  return formatRateInterval(r, "day");
}

/** How often, in words: a count of episodes, scripted ones said as such, and a rate only where there is one. */
export function frequencyText(f: Frequency): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  let text = plural(f.episodes, "episode");
  if (f.scripted > 0) text += f.scripted === f.episodes ? ` during scripted faults (a count in this run, not a rate)` : `, ${f.scripted} during scripted faults`;
  if (f.perDay) text += ` · ${f.unscripted} from random faults: ${formatRate(f.perDay)}`;
  return text;
}

/** The frequency as a table cell: the count, with the rate where there is one. */
export function frequencyCell(f: Frequency): string {
  if (!f.perDay) return f.scripted === f.episodes && f.episodes > 0 ? `${f.episodes} (scripted)` : String(f.episodes);
  return `${f.episodes} · ${formatNumber(f.perDay.rate, 3)}/day`;
}
