import type { TopLevelSpec } from "vega-lite";
import type { TimelineWindow } from "../read-results.js";
import { CHART_CONFIG, TIMELINE_SIZE } from "./chart-style.js";
import { logTicks } from "./latency-chart.js";
import type { TimeAxis } from "./time-axis.js";
import { faultLayers, NO_MARKS, subtitleLines, thresholdLayers, type TimelineMarks } from "./timeline-marks.js";

/** One variant's timeline, as its run directory holds it. */
export interface VariantTimeline {
  readonly variant: string;
  readonly timeline: readonly TimelineWindow[];
}

const PALETTE = ["#4c78a8", "#f58518", "#54a24b", "#b22222", "#9d755d", "#72b7b2", "#eeca3b", "#b279a2"];

/**
 * The variants of a comparison overlaid on one timeline per figure: client-observed p99
 * (log scale) and the error rate, one line per variant, with the faults' starts and ends and the
 * SLO's thresholds marked as on a run's timelines. They ran on one seed, so where the lines part
 * is the strategy's doing, at the moment it happened.
 */
export function variantOverlayCharts(runs: readonly VariantTimeline[], axis: TimeAxis, marks: TimelineMarks = NO_MARKS): TopLevelSpec[] {
  const variants = runs.map((r) => r.variant);
  const colour = { field: "variant", type: "nominal" as const, title: null, sort: variants, scale: { domain: variants, range: PALETTE.slice(0, variants.length) } };
  const x = { field: "t", type: "quantitative" as const, title: axis.title, scale: { domain: [...axis.domain], nice: false } };
  const at = (w: TimelineWindow) => (w.startS + w.endS) / 2 / axis.seconds;
  const p99 = runs.flatMap((r) => r.timeline.map((w) => ({ t: at(w), variant: r.variant, ms: w.p99Ms !== null && w.p99Ms > 0 ? w.p99Ms : null })));
  const errors = runs.flatMap((r) => r.timeline.map((w) => ({ t: at(w), variant: r.variant, percent: w.errorRate * 100 })));
  return [
    {
      title: {
        text: "p99 per window, client-observed, by variant",
        subtitle: subtitleLines(["every request, a failure at the time its client gave up; log scale; one seed for all"], marks, marks.latencySlo),
      },
      ...TIMELINE_SIZE,
      config: CHART_CONFIG,
      // The lines' data; the marks' layers bring their own.
      data: { values: p99 },
      layer: [
        ...faultLayers(marks.faults, axis),
        {
          mark: { type: "line", strokeWidth: 1.5, interpolate: "monotone", invalid: "break-paths-filter-domains" },
          encoding: {
            x,
            y: { field: "ms", type: "quantitative", title: "p99 (ms)", scale: { type: "log" }, axis: { values: logTicks([...p99.map((v) => v.ms), ...marks.latencySlo.map((s) => s.value)]) } },
            color: colour,
          },
        },
        ...thresholdLayers(marks.latencySlo),
      ],
    },
    {
      title: { text: "Error rate per window, by variant", subtitle: subtitleLines(["failed, timed out, shed or unavailable; one seed for all"], marks, marks.errorSlo) },
      ...TIMELINE_SIZE,
      config: CHART_CONFIG,
      data: { values: errors },
      layer: [
        ...faultLayers(marks.faults, axis),
        { mark: { type: "line", strokeWidth: 1.5 }, encoding: { x, y: { field: "percent", type: "quantitative", title: "error rate (%)" }, color: colour } },
        ...thresholdLayers(marks.errorSlo),
      ],
    },
  ];
}
