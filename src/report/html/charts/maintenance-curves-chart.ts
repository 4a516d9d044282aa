import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG } from "./chart-style.js";

/** One point of a sweep curve: the mean of a figure and its 95% interval. */
export interface CurvePoint {
  readonly x: number | string;
  /** The point's other grid values, e.g. "copyState"; one curve per series. */
  readonly series: string;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

/** What a curve chart shows and how its axes are named (with units). */
export interface CurveChartLabels {
  readonly title: string;
  readonly subtitle: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly seriesTitle: string | null;
}

/**
 * A sweep's curves: one figure's mean against one grid axis, one line per combination of the
 * other axes, the 95% interval as a band around it.
 */
export function maintenanceCurvesChart(labels: CurveChartLabels, series: readonly string[], points: readonly CurvePoint[]): TopLevelSpec {
  const numeric = points.every((p) => typeof p.x === "number");
  const x = numeric
    ? { field: "x", type: "quantitative" as const, title: labels.xTitle }
    : { field: "x", type: "ordinal" as const, title: labels.xTitle, sort: null, axis: { labelAngle: 0 } };
  // Lines and bands share one legend; stroke symbols at full opacity so it shows the lines' colors.
  const color = {
    field: "series",
    type: "nominal" as const,
    title: labels.seriesTitle,
    sort: [...series],
    legend: { symbolType: "stroke", symbolOpacity: 1, symbolStrokeWidth: 2.5 },
  };
  return {
    title: { text: labels.title, subtitle: labels.subtitle },
    config: CHART_CONFIG,
    width: 320,
    height: 200,
    data: { values: [...points] },
    encoding: { x },
    layer: [
      {
        mark: { type: "area", opacity: 0.15 },
        encoding: { y: { field: "low", type: "quantitative" }, y2: { field: "high" }, color },
      },
      {
        mark: { type: "line", point: true, strokeWidth: 2 },
        encoding: {
          y: { field: "mean", type: "quantitative", title: labels.yTitle },
          color,
        },
      },
    ],
  };
}
