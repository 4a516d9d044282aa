import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG } from "./chart-style.js";

/** One plan on the cadence chart: its outages per year and 95% interval. */
export interface CadencePoint {
  readonly everyDays: number;
  readonly strategy: string;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

/**
 * The maintenance decision's chart: quorum losses per year against the maintenance cadence
 * (every N days, log axis), one line per strategy with its 95% band, and the fleet without
 * maintenance as a horizontal line with its band. A log y axis when the means span more than
 * a factor of 20 (weekly state copies beside quarterly imaging).
 */
export function decisionChart(points: readonly CadencePoint[], strategies: readonly string[], baseline: { mean: number; low: number; high: number }, subtitle: string): TopLevelSpec {
  const positive = points.map((p) => p.mean).filter((m) => m > 0);
  const logY = positive.length > 1 && Math.max(...positive) / Math.min(...positive) > 20;
  // Zero has no place on a log axis: it sits at half the smallest positive value drawn.
  const drawn = [...points.flatMap((p) => [p.mean, p.low]), baseline.mean, baseline.low].filter((v) => v > 0);
  const floor = logY ? Math.min(...drawn) / 2 : 0;
  const y = (v: number) => (logY ? Math.max(v, floor) : v);
  const values = points.map((p) => ({ ...p, mean: y(p.mean), low: y(p.low), high: y(p.high) }));
  const yScale = logY ? { type: "log" as const } : { zero: true };
  const color = {
    field: "strategy",
    type: "nominal" as const,
    title: "strategy",
    sort: [...strategies],
    legend: { symbolType: "stroke", symbolOpacity: 1, symbolStrokeWidth: 2.5 },
  };
  const days = points.map((p) => p.everyDays);
  // The cadences drawn, a little room either side; not rounded out to the next powers of 10.
  const domain = days.length > 0 ? [Math.min(...days) / 1.2, Math.max(...days) * 1.2] : [1, 100];
  const x = { field: "everyDays", type: "quantitative" as const, title: "maintenance every N days (log)", scale: { type: "log" as const, domain, nice: false } };
  return {
    title: { text: "Quorum losses per year by maintenance cadence", subtitle },
    config: CHART_CONFIG,
    width: 360,
    height: 220,
    layer: [
      {
        data: { values: [{ mean: y(baseline.mean), low: y(baseline.low), high: y(baseline.high) }] },
        layer: [
          { mark: { type: "rect", opacity: 0.12, color: "#555" }, encoding: { y: { field: "low", type: "quantitative", scale: yScale }, y2: { field: "high" } } },
          { mark: { type: "rule", strokeDash: [4, 3], color: "#555" }, encoding: { y: { field: "mean", type: "quantitative", scale: yScale } } },
          {
            mark: { type: "text", align: "left", dx: 4, dy: -6, color: "#555", fontSize: 10 },
            encoding: { y: { field: "mean", type: "quantitative", scale: yScale }, x: { value: 0 }, text: { value: "no maintenance" } },
          },
        ],
      },
      {
        data: { values },
        encoding: { x },
        layer: [
          { mark: { type: "area", opacity: 0.15 }, encoding: { y: { field: "low", type: "quantitative", scale: yScale }, y2: { field: "high" }, color } },
          { mark: { type: "line", point: true, strokeWidth: 2 }, encoding: { y: { field: "mean", type: "quantitative", title: "quorum losses per year", scale: yScale }, color } },
        ],
      },
    ],
  };
}
