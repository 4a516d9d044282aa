import type { TopLevelSpec } from "vega-lite";
import type { TimelineWindow } from "../read-results.js";
import { CHART_CONFIG, TIMELINE_SIZE } from "./chart-style.js";
import { episodeLayer, type EpisodeSpan } from "./episode-layer.js";
import type { TimeAxis } from "./time-axis.js";

const PERCENTILES = [
  ["p50", (w: TimelineWindow) => w.p50Ms],
  ["p99", (w: TimelineWindow) => w.p99Ms],
  ["p99.9", (w: TimelineWindow) => w.p999Ms],
] as const;

/**
 * Latency percentiles of successful requests per window, on a log scale (tails jump by orders
 * of magnitude), with the SLO episodes shaded. Windows without a success have no latency and
 * leave a gap.
 */
export function latencyChart(timeline: readonly TimelineWindow[], episodes: readonly EpisodeSpan[], axis: TimeAxis): TopLevelSpec {
  const values = timeline.flatMap((w) =>
    PERCENTILES.map(([name, of]) => ({ t: (w.startS + w.endS) / 2 / axis.seconds, percentile: name, ms: of(w) > 0 ? of(w) : null })),
  );
  return {
    title: { text: "Latency of successful requests per window", subtitle: "percentiles, log scale; shaded: SLO episodes" },
    ...TIMELINE_SIZE,
    config: CHART_CONFIG,
    layer: [
      episodeLayer(episodes, axis),
      {
        data: { values },
        mark: { type: "line", strokeWidth: 1.5, interpolate: "monotone" },
        encoding: {
          x: { field: "t", type: "quantitative", title: axis.title, scale: { domain: [...axis.domain], nice: false } },
          y: { field: "ms", type: "quantitative", title: "latency (ms)", scale: { type: "log" }, axis: { values: logTicks(values.map((v) => v.ms)) } },
          color: {
            field: "percentile",
            type: "nominal",
            title: null,
            scale: { domain: PERCENTILES.map(([name]) => name), range: ["#4c78a8", "#f58518", "#b22222"] },
          },
        },
      },
    ],
  };
}

/** 1-2-5 ticks across the data's decades: a log axis labelled without clutter. */
export function logTicks(values: readonly (number | null)[]): number[] {
  let min = Infinity;
  let max = 0;
  for (const v of values) {
    if (v === null || v <= 0) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (max === 0) return [1];
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  const ticks: number[] = [];
  for (let k = low; k <= high; k++) for (const m of [1, 2, 5]) ticks.push(Number((m * 10 ** k).toPrecision(1)));
  return ticks;
}
