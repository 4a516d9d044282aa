import type { TopLevelSpec } from "vega-lite";
import type { TimelineWindow } from "../read-results.js";
import { CHART_CONFIG, TIMELINE_SIZE } from "./chart-style.js";
import { episodeLayer, type EpisodeSpan } from "./episode-layer.js";
import type { TimeAxis } from "./time-axis.js";
import { faultLayers, NO_MARKS, subtitleLines, thresholdLayers, type TimelineMarks } from "./timeline-marks.js";

/** The lines: client-observed percentiles, then the p99 of successes only (dashed). */
const SERIES = [
  ["p50", (w: TimelineWindow) => w.p50Ms],
  ["p99", (w: TimelineWindow) => w.p99Ms],
  ["p99.9", (w: TimelineWindow) => w.p999Ms],
  ["p99, successes only", (w: TimelineWindow) => w.successP99Ms],
] as const;
const COLORS = ["#4c78a8", "#f58518", "#b22222", "#54a24b"];

/**
 * Client-observed latency per window (every request; a failure counts at the time its client
 * gave up), on a log scale (tails jump by orders of magnitude), with the p99 of successes only
 * dashed beside it and the SLO episodes shaded. A window with nothing to measure leaves a gap.
 */
export function latencyChart(timeline: readonly TimelineWindow[], episodes: readonly EpisodeSpan[], axis: TimeAxis, marks: TimelineMarks = NO_MARKS): TopLevelSpec {
  // Results without the success columns (undefined) have no dashed line.
  const shown = SERIES.filter(([, of]) => timeline.some((w) => of(w) !== undefined));
  const values = timeline.flatMap((w) =>
    shown.map(([name, of]) => {
      const ms = of(w);
      return { t: (w.startS + w.endS) / 2 / axis.seconds, series: name, ms: ms !== null && ms !== undefined && ms > 0 ? ms : null };
    }),
  );
  const names = shown.map(([name]) => name);
  return {
    title: {
      text: "Latency per window, client-observed",
      subtitle: subtitleLines(
        ["every request, a failure at the time its client gave up; dashed: p99 of successes only", "percentiles per window, log scale; shaded: SLO episodes"],
        marks,
        marks.latencySlo,
      ),
    },
    ...TIMELINE_SIZE,
    config: CHART_CONFIG,
    layer: [
      episodeLayer(episodes, axis),
      ...faultLayers(marks.faults, axis),
      {
        data: { values },
        // A window with no latency (null) breaks the line: a gap, never a drop to 0.
        mark: { type: "line", strokeWidth: 1.5, interpolate: "monotone", invalid: "break-paths-filter-domains" },
        encoding: {
          x: { field: "t", type: "quantitative", title: axis.title, scale: { domain: [...axis.domain], nice: false } },
          y: { field: "ms", type: "quantitative", title: "latency (ms)", scale: { type: "log" }, axis: { values: logTicks(values.map((v) => v.ms)) } },
          color: { field: "series", type: "nominal", title: null, sort: names, scale: { domain: names, range: COLORS.slice(0, names.length) } },
          strokeDash: {
            field: "series",
            type: "nominal",
            title: null,
            sort: names,
            scale: { domain: names, range: names.map((n) => (n === "p99, successes only" ? [4, 3] : [1, 0])) },
          },
        },
      },
      ...thresholdLayers(marks.latencySlo),
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
