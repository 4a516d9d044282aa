import { formatNumber } from "../format.js";
import { maintenanceCurvesChart, type CurvePoint } from "./charts/maintenance-curves-chart.js";
import { headerLine, type ReportSection } from "./report-section.js";
import type { Estimate, FleetOutcome, SweepFile } from "./result-schemas.js";

/** The figures drawn as curves, with units; shares are shown in percent. */
const CURVES = [
  { key: "outagesPerYear", title: "Quorum losses per year", yTitle: "quorum losses / year", scale: 1 },
  { key: "outageHoursMean", title: "Mean outage", yTitle: "mean outage (h)", scale: 1 },
  { key: "timeAtRiskShare", title: "Time at risk (a node down)", yTitle: "time at risk (%)", scale: 100 },
] as const satisfies ReadonlyArray<{ key: keyof FleetOutcome; title: string; yTitle: string; scale: number }>;

const valueText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
const ci = (e: Estimate, scale = 1) => `${formatNumber(e.ci95Low * scale, 3)}–${formatNumber(e.ci95High * scale, 3)}`;

/**
 * A sweep: each figure against the grid's last numeric axis (e.g. maintenance every N days),
 * one curve per combination of the other axes (e.g. the strategy), with 95% bands; the table.
 */
export function sweepSection(sweep: SweepFile): ReportSection {
  const axes = sweep.grid;
  const numericAxes = axes.filter((a) => a.values.every((v) => typeof v === "number"));
  const xAxis = numericAxes[numericAxes.length - 1] ?? axes[axes.length - 1];
  const others = axes.filter((a) => a !== xAxis);
  const seriesOf = (point: Record<string, unknown>) => others.map((a) => valueText(point[a.path])).join(", ") || "all";
  const series = [...new Set(sweep.points.map((p) => seriesOf(p.point)))];
  const charts = CURVES.map(({ key, title, yTitle, scale }) => {
    const points: CurvePoint[] = sweep.points.map((p) => {
      const x = p.point[xAxis.path];
      const e = p.estimate[key];
      return { x: typeof x === "number" ? x : valueText(x), series: seriesOf(p.point), mean: e.mean * scale, low: e.ci95Low * scale, high: e.ci95High * scale };
    });
    return maintenanceCurvesChart(
      {
        title,
        subtitle: `mean of ${sweep.header.replications} replications; band: 95% confidence interval`,
        xTitle: xAxis.path,
        yTitle,
        seriesTitle: others.length > 0 ? others.map((a) => a.path.split(".").pop()).join(", ") : null,
      },
      series,
      points,
    );
  });
  return {
    scenario: sweep.header.scenario,
    heading: `Sweep: ${sweep.header.scenario}`,
    intro: `${sweep.points.length} points × ${sweep.header.replications} replications on the same seeds · ${headerLine(sweep.header)}`,
    charts,
    tables: [
      {
        caption: "Sweep points (mean and 95% interval)",
        head: [...axes.map((a) => a.path.split(".").pop() ?? a.path), "quorum losses / year", "95% CI", "mean outage h", "95% CI", "time at risk", "95% CI"],
        rows: sweep.points.map(({ point, estimate: e }) => [
          ...axes.map((a) => valueText(point[a.path])),
          formatNumber(e.outagesPerYear.mean, 3),
          ci(e.outagesPerYear),
          formatNumber(e.outageHoursMean.mean, 3),
          ci(e.outageHoursMean),
          `${formatNumber(e.timeAtRiskShare.mean * 100, 3)}%`,
          `${ci(e.timeAtRiskShare, 100)}%`,
        ]),
      },
    ],
  };
}
