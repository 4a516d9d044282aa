import { variantBarsChart, type VariantBar } from "./charts/variant-bars-chart.js";
import { differencesTable } from "./differences-table.js";
import { barLabels, estimateCells, headlineFigures, type HeadlineLabel } from "./headline-labels.js";
import type { ReportTable } from "./report-page.js";
import { headerLine, type ReportSection } from "./report-section.js";
import type { Replicated, ReportedEstimate } from "./result-schemas.js";

/** The figures a comparison leads with: latency as the clients saw it. */
const LEAD = ["latencyP50Ms", "latencyP99Ms"];

/**
 * Cluster variants, each replicated on the same seeds (`compare --replications`, or `run
 * --replications` as one variant): a panel of bars per headline figure with 95% error bars, and
 * the table of mean, interval and sd; then, when compare.json has them, the paired differences.
 * A comparison leads with client-observed latency.
 */
export function replicatedSection(results: Replicated, kind: "run" | "compare"): ReportSection {
  const variants = Object.keys(results.variants);
  const outcomes = Object.values(results.variants);
  // The figures in the order relisim wrote them (its headline order), from the first variant;
  // a comparison puts what clients saw first.
  const shown = headlineFigures(Object.keys(outcomes[0]?.estimate ?? {}));
  const lead = kind === "compare" && !shown.olderNote ? LEAD.filter((f) => shown.figures.includes(f)) : [];
  const figures = [...lead, ...shown.figures.filter((f) => !lead.includes(f))];
  const headlineLabel = shown.label;
  const bars: VariantBar[] = figures.flatMap((figure) => {
    const { name, scale } = headlineLabel(figure);
    const labels = barLabels(figure, outcomes.map((o) => o.estimate[figure]?.mean ?? null));
    return variants.flatMap((variant, i) => {
      const e = outcomes[i].estimate[figure];
      // A figure with no value (null: no successful request to time) has no bar.
      if (e?.mean == null || e.ci95Low === null || e.ci95High === null) return [];
      return [{ variant, figure: name, value: e.mean * scale, low: e.ci95Low * scale, high: e.ci95High * scale, label: labels[i] }];
    });
  });
  const counts = [...new Set(outcomes.map((o) => o.replications))];
  const replications = counts.length === 1 ? `${counts[0]}` : `${Math.min(...counts)}–${Math.max(...counts)}`;
  const scenario = results.header.scenario;
  const precision = typeof results.header.precision === "number" ? ` (until ±${results.header.precision} of the mean)` : "";
  return {
    scenario,
    heading: kind === "compare" ? `Compare: ${scenario}` : `Run: ${scenario}`,
    intro:
      (kind === "compare" ? `${variants.length} variants × ${replications} replications on the same seeds (common random numbers)` : `${replications} replications`) +
      `${precision} · ${headerLine(results.header)}` +
      (shown.olderNote ? ` · ${shown.olderNote}` : ""),
    charts:
      bars.length === 0
        ? []
        : [
            variantBarsChart(
              { text: kind === "compare" ? "Variants side by side" : "Headline figures", subtitle: `mean of ${replications} replications; error bars: 95% confidence interval` },
              figures.map((f) => headlineLabel(f).name),
              variants,
              bars,
            ),
          ],
    tables: [estimatesTable(results, figures, headlineLabel), differencesTable(results, figures, Math.min(...outcomes.map((o) => o.replications)))].filter((t) => t !== undefined),
  };
}

/** One row per figure; per variant, its mean with the 95% interval, then the standard deviation. */
function estimatesTable(results: Replicated, figures: readonly string[], headlineLabel: (figure: string) => HeadlineLabel): ReportTable {
  const variants = Object.entries(results.variants);
  // In the figure's unit, as the terminal's table (estimate-table.ts): "99.08% (98.90%–99.23%)", "3m 5s".
  const cells = (figure: string) =>
    variants.flatMap(([, o]) => {
      const e: ReportedEstimate | undefined = o.estimate[figure];
      if (!e) return ["—", "—"];
      const t = estimateCells(figure, e);
      return [e.mean === null ? "—" : `${t.mean} (${t.interval})`, e.std === null ? "—" : t.sd];
    });
  return {
    caption: "Headline figures: mean (95% interval), standard deviation",
    head: ["", ...variants.flatMap(([name]) => [name, "sd"])],
    rows: [
      ["replications", ...variants.flatMap(([, o]) => [String(o.replications), ""])],
      ...figures.map((figure) => {
        return [headlineLabel(figure).label, ...cells(figure)];
      }),
    ],
  };
}

