import type { FitResult, RankedFit } from "../../experiment/fit/fit-measurements.js";
import { sampleQuantile } from "../../experiment/fit/empirical-percentiles.js";
import { specText } from "../../experiment/fit/spec-text.js";
import { fitNotes, fitRows, measurementsText } from "../fit-table.js";
import { qqChart, type QqPoint } from "./charts/qq-chart.js";
import { renderSvg } from "./render-svg.js";
import { buildReportPage } from "./report-page.js";

/** The fits the Q–Q plot shows: the recommended one and the best ranked others, three in all. */
export function plottedFits(result: FitResult): RankedFit[] {
  return [result.best, ...result.ranked.filter((r) => r !== result.best)].slice(0, 3);
}

/**
 * The probabilities of a samples Q–Q plot: every percent, then every 0.1% above the 99th, and
 * 0.1%, 0.5%, 99.95%, 99.99% where the samples reach them (p and 1 − p at least 1 / n).
 */
export function qqLevels(n: number): number[] {
  const levels = [0.001, 0.005];
  for (let i = 1; i <= 99; i++) levels.push(i / 100);
  for (let i = 991; i <= 999; i++) levels.push(i / 1000);
  levels.push(0.9995, 0.9999);
  return levels.filter((p) => p >= 1 / n && 1 - p >= 1 / n);
}

/** The Q–Q points of the plotted fits: at fixed probabilities for samples, at the bucket edges for a histogram. */
export function qqPoints(result: FitResult, fits: readonly RankedFit[]): QqPoint[] {
  const m = result.measurements;
  const pairs: Array<[number, number]> = [];
  if (m.kind === "samples") {
    for (const p of qqLevels(m.values.length)) pairs.push([p, sampleQuantile(m.values, p)]);
  } else {
    let cumulative = 0;
    m.buckets.edges.forEach((edge, j) => {
      cumulative += m.buckets.counts[j];
      const p = cumulative / result.n;
      if (p > 0 && p < 1) pairs.push([p, edge]);
    });
  }
  return fits.flatMap((r) => pairs.map(([p, data]) => ({ fit: r.fit.family, fitted: r.fit.quantile(p), data })));
}

/** The self-contained HTML page of `relisim fit --html`: the Q–Q plot of the top three fits and the ranked table. */
export async function fitHtml(result: FitResult, file: string, warnings: string[] = []): Promise<string> {
  const fits = plottedFits(result);
  const where = result.measurements.kind === "samples" ? "at every percentile and the tail's tenths of a percent" : "at each bucket edge";
  const chart = qqChart(`Q–Q plot: ${file}`, `data against fitted quantiles ${where}, log axes; on the dashed diagonal a fit is exact`, fits.map((r) => r.fit.family), qqPoints(result, fits));
  const [head, ...rows] = fitRows(result);
  return buildReportPage({
    title: `relisim fit — ${file}`,
    sections: [
      {
        heading: "Distributions fitted",
        intro: `${measurementsText(result)}. Best fit (*): ${specText(result.best.fit.spec)}`,
        charts: [{ svg: await renderSvg(chart, warnings) }],
        tables: [{ caption: "Fits ranked by Anderson–Darling A²", head, rows, note: fitNotes(result).join(" ") }],
      },
    ],
    footer: "Written by relisim fit. The chart is static SVG; the page loads nothing.",
  });
}
