import type { TopLevelSpec } from "vega-lite";
import { CHART_CONFIG, type LayerPart } from "./chart-style.js";

/** One bar: a variant's value of one figure, with its 95% interval when there is one. */
export interface VariantBar {
  readonly variant: string;
  readonly figure: string;
  readonly value: number;
  readonly low?: number;
  readonly high?: number;
  /** The value as the tables write it, printed beside the bar. */
  readonly label: string;
}

/**
 * Variants side by side: one small panel per figure (each with its own scale), one horizontal
 * bar per variant in every panel, 95% intervals as error bars where the figures have them.
 */
export function variantBarsChart(
  title: { readonly text: string; readonly subtitle: string },
  figures: readonly string[],
  variants: readonly string[],
  bars: readonly VariantBar[],
): TopLevelSpec {
  const withEnds = bars.map((b) => ({ ...b, end: b.high ?? b.value }));
  const layer: LayerPart[] = [
    {
      mark: { type: "bar", height: { band: 0.7 } },
      encoding: {
        x: { field: "value", type: "quantitative", title: null, scale: { zero: true } },
        color: { field: "variant", type: "nominal", sort: [...variants], legend: null },
      },
    },
    {
      mark: { type: "text", align: "left", dx: 4, fontSize: 11 },
      encoding: { x: { field: "end", type: "quantitative" }, text: { field: "label" } },
    },
  ];
  if (bars.some((b) => b.low !== undefined)) {
    layer.splice(1, 0, {
      mark: { type: "errorbar", ticks: { thickness: 1.5, size: 8 }, rule: { strokeWidth: 1.5 }, color: "#222" },
      encoding: { x: { field: "low", type: "quantitative" }, x2: { field: "high" } },
    });
  }
  return {
    title,
    config: CHART_CONFIG,
    data: { values: withEnds },
    facet: { field: "figure", type: "nominal", sort: [...figures], header: { title: null, labelAnchor: "start", labelFontSize: 12 } },
    columns: 3,
    spec: {
      width: 220,
      height: { step: 22 },
      encoding: { y: { field: "variant", type: "nominal", sort: [...variants], title: null } },
      layer,
    },
    resolve: { scale: { x: "independent" } },
  };
}
