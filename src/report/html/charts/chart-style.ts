import type { Config } from "vega-lite";
import type { Field } from "vega-lite/types_unstable/channeldef.js";
import type { LayerSpec } from "vega-lite/types_unstable/spec/index.js";

/** One layer of a layered chart. */
export type LayerPart = LayerSpec<Field>["layer"][number];

/** Width and height of a timeline chart's plot area, px (the page is ~960 px wide). */
export const TIMELINE_SIZE = { width: 820, height: 190 } as const;

/** The look shared by every chart: readable type, quiet grid, legends on top. */
export const CHART_CONFIG: Config = {
  font: "Helvetica, Arial, sans-serif",
  background: "white",
  padding: 8,
  title: { anchor: "start", fontSize: 14, fontWeight: "bold", subtitleFontSize: 11, subtitleColor: "#555" },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", gridColor: "#e6e6e6", domainColor: "#888", tickColor: "#888" },
  // A fixed y-axis width lines up the plot areas (and the shaded episodes) of stacked charts.
  axisY: { minExtent: 52 },
  legend: { orient: "top", labelFontSize: 11, titleFontSize: 11, symbolStrokeWidth: 2, labelLimit: 320, gridAlign: "none" },
  view: { stroke: "#ccc" },
  header: { labelFontSize: 12, labelFontWeight: "bold" },
};

/** Fill of a shaded SLO episode, behind the lines. */
export const EPISODE_FILL = "#f6c3bd";
