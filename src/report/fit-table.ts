import { AD_TIE, type FitResult } from "../experiment/fit/fit-measurements.js";
import { checkSpecText, specText } from "../experiment/fit/spec-text.js";
import { formatCount, formatMs, table } from "./format.js";

/** The percentiles the table compares, fit against data. */
export const FIT_TABLE_LEVELS = [["p50", 0.5], ["p99", 0.99], ["p99.9", 0.999]] as const;

const statistic = (x: number) => (x >= 1000 ? formatCount(x) : x.toFixed(2));
const ms = (x: number | undefined) => (x === undefined ? "–" : formatMs(x));

/** What was read, for the report's first line: `10,000 samples` or `a histogram of 14 finite buckets, 10,000 observations (cumulative counts)`. */
export function measurementsText(result: FitResult): string {
  const m = result.measurements;
  if (m.kind === "samples") return `${formatCount(result.n)} samples`;
  return `a histogram of ${m.buckets.edges.length} finite buckets, ${formatCount(result.n)} observations (${m.cumulative ? "cumulative" : "per-bucket"} counts)`;
}

/** The ranked fits as rows (header first): rank, family, parameters, AD, KS and the fit's percentiles beside the data's. */
export function fitRows(result: FitResult): string[][] {
  const head = ["rank", "family", "parameters (ms; shapes plain)", "AD", "KS", ...FIT_TABLE_LEVELS.map(([name]) => name)];
  const data = ["", "data", "", "", "", ...FIT_TABLE_LEVELS.map(([, p]) => ms(result.dataQuantile(p)))];
  const rows = result.ranked.map((r, i) => [
    `${i + 1}${r === result.best ? " *" : ""}`,
    r.fit.family,
    r.fit.parameters,
    statistic(r.ad),
    r.ks.toFixed(4),
    ...FIT_TABLE_LEVELS.map(([, p]) => ms(r.fit.quantile(p))),
  ]);
  return [head, data, ...rows];
}

/** How the statistics were computed and how to read them, in a few lines. */
export function fitNotes(result: FitResult): string[] {
  const histogram = result.measurements.kind === "histogram";
  return [
    histogram
      ? `Fitted by maximum likelihood on the bucket counts (multinomial). AD: grouped Anderson–Darling A² (Choulakian, Lockhart & Stephens 1994), KS: largest gap at the bucket edges; N = ${formatCount(result.n)}.`
      : `Fitted by maximum likelihood${result.fittedOn < result.n ? ` on ${formatCount(result.fittedOn)} evenly spaced order statistics of the ${formatCount(result.n)} samples` : ""} (empirical: the samples' own percentiles). AD: Anderson–Darling A², which weighs the tails; KS: Kolmogorov–Smirnov distance; n = ${formatCount(result.n)}.`,
    "Ranked by AD. These are statistics, not p-values: with parameters estimated from the same data the usual tables do not apply.",
    `Fits within ${AD_TIE} of the lowest AD are tied (a right model keeps A² of order 1 at any n; a wrong one grows with n); * marks the tied fit with the fewest parameters.`,
  ];
}

/**
 * The terminal report of `relisim fit`: what was read, the ranked table, the families left out,
 * and the best fit as YAML ready to paste (checked against the scenario schema).
 */
export function formatFitReport(result: FitResult, file: string, unit: string): string {
  const lines = [
    `${file}: ${measurementsText(result)}, read in ${unit}; relisim's specs take durations, written here in ms (µs below 1 ms)`,
    "",
    table(fitRows(result)),
  ];
  for (const s of result.skipped) lines.push(`  not fitted: ${s.family}: ${s.reason}`);
  lines.push("", ...fitNotes(result), "");
  const text = specText(result.best.fit.spec);
  const checked = checkSpecText(text);
  if (checked.ok) {
    lines.push(
      `Best fit (*), ready to paste where a scenario takes a duration distribution (cluster.node.disk, cluster.node.cpu.GET, network latencies, appTier.service):`,
      `  disk: ${text}`,
    );
  } else {
    lines.push(`The best fit (*) cannot be written as a scenario's spec: ${text}`, ...checked.problems.map((p) => `  ${p}`));
  }
  return `${lines.join("\n")}\n`;
}
