import { maintenanceCurvesChart, type CurvePoint } from "./charts/maintenance-curves-chart.js";
import { estimateCells, headlineFigures } from "./headline-labels.js";
import { headerLine, type ReportSection } from "./report-section.js";
import type { SweepFile } from "./result-schemas.js";

/**
 * The figures drawn as curves, per scenario kind, with chart titles (none: the figure's label,
 * which says how latency was measured); the table has every figure.
 */
const CURVES: Record<"fleet" | "cluster", ReadonlyArray<{ figure: string; title?: string }>> = {
  fleet: [
    { figure: "outagesPerYear", title: "Quorum losses per year" },
    { figure: "outageHoursMean", title: "Mean outage" },
    { figure: "timeAtRiskShare", title: "Time at risk (a node down)" },
  ],
  cluster: [
    { figure: "episodes", title: "How often: SLO episodes per run (a count)" },
    { figure: "blastRadiusMaxRequests", title: "How big: worst episode's bad requests" },
    { figure: "recoveryMaxS", title: "How long: longest recovery" },
    { figure: "availability", title: "Availability" },
    { figure: "latencyP99Ms" },
  ],
};

const valueText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/**
 * A sweep (fleet or cluster): each figure against the grid's last numeric axis (e.g. maintenance
 * every N days), one curve per combination of the other axes, with 95% bands; the table.
 */
export function sweepSection(sweep: SweepFile): ReportSection {
  const axes = sweep.grid;
  const numericAxes = axes.filter((a) => a.values.every((v) => typeof v === "number"));
  const xAxis = numericAxes[numericAxes.length - 1] ?? axes[axes.length - 1];
  const others = axes.filter((a) => a !== xAxis);
  const seriesOf = (point: Record<string, unknown>) => others.map((a) => valueText(point[a.path])).join(", ") || "all";
  const series = [...new Set(sweep.points.map((p) => seriesOf(p.point)))];
  const shown = headlineFigures(Object.keys(sweep.points[0]?.estimate ?? {}));
  const { figures, label: headlineLabel } = shown;
  const curves = CURVES[sweep.header.kind].filter((c) => figures.includes(c.figure));
  const charts = curves.map(({ figure, title }) => {
    const { name, scale } = headlineLabel(figure);
    const points: CurvePoint[] = sweep.points.flatMap((p) => {
      const x = p.point[xAxis.path];
      const e = p.estimate[figure];
      // A point without a value (null: nothing to measure) leaves a gap, not a zero.
      if (e?.mean == null || e.ci95Low === null || e.ci95High === null) return [];
      return [{ x: typeof x === "number" ? x : valueText(x), series: seriesOf(p.point), mean: e.mean * scale, low: e.ci95Low * scale, high: e.ci95High * scale }];
    });
    return maintenanceCurvesChart(
      {
        title: title ?? name.replace(/ \([^)]*\)$/, ""),
        subtitle: `mean of ${sweep.header.replications} replications; band: 95% confidence interval`,
        xTitle: xAxis.path,
        yTitle: name,
        seriesTitle: others.length > 0 ? others.map((a) => a.path.split(".").pop()).join(", ") : null,
      },
      series,
      points,
    );
  });
  return {
    scenario: sweep.header.scenario,
    heading: `Sweep: ${sweep.header.scenario}`,
    intro:
      `${sweep.header.kind} scenario · ${sweep.points.length} points × ${sweep.header.replications} replications on the same seeds · ${headerLine(sweep.header)}` +
      (shown.olderNote ? ` · ${shown.olderNote}` : ""),
    charts,
    tables: [
      {
        caption: "Sweep points: mean (95% interval)",
        head: [...axes.map((a) => a.path.split(".").pop() ?? a.path), "replications", ...figures.map((f) => headlineLabel(f).label)],
        rows: sweep.points.map((p) => [
          ...axes.map((a) => valueText(p.point[a.path])),
          String(p.replications),
          ...figures.map((f) => {
            const e = p.estimate[f];
            if (!e) return "—";
            const t = estimateCells(f, e);
            return `${t.mean} (${t.interval})`;
          }),
        ]),
      },
    ],
  };
}
