import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG } from "./chart-style.js";

/** One point of a Q–Q plot: a fit's quantile against the data's, at one probability, both in ms. */
export interface QqPoint {
  readonly fit: string;
  readonly fitted: number;
  readonly data: number;
}

/**
 * A Q–Q plot on log axes: the data's quantiles against each fit's at the same probabilities, one
 * colour per fit, with the diagonal y = x where a perfect fit would lie.
 */
export function qqChart(title: string, subtitle: string, fits: readonly string[], points: readonly QqPoint[]): TopLevelSpec {
  const values = points.flatMap((p) => [p.fitted, p.data]).filter((x) => x > 0 && Number.isFinite(x));
  const low = Math.min(...values);
  const high = Math.max(...values);
  const axis = (name: string) => ({ type: "quantitative" as const, title: name, scale: { type: "log" as const, domain: [low, high], nice: false } });
  return {
    title: { text: title, subtitle },
    config: CHART_CONFIG,
    width: 520,
    height: 520,
    layer: [
      {
        data: { values: [{ x: low, y: low }, { x: high, y: high }] },
        mark: { type: "line", color: "#888", strokeDash: [4, 4], strokeWidth: 1 },
        encoding: { x: { field: "x", ...axis("fitted quantile (ms)") }, y: { field: "y", ...axis("data quantile (ms)") } },
      },
      {
        data: { values: points.filter((p) => p.fitted > 0 && p.data > 0 && Number.isFinite(p.fitted)).map((p) => ({ ...p })) },
        mark: { type: "point", filled: true, size: 22, opacity: 0.8 },
        encoding: {
          x: { field: "fitted", ...axis("fitted quantile (ms)") },
          y: { field: "data", ...axis("data quantile (ms)") },
          color: { field: "fit", type: "nominal", title: null, sort: [...fits] },
          shape: { field: "fit", type: "nominal", title: null, sort: [...fits] },
        },
      },
    ],
  };
}
