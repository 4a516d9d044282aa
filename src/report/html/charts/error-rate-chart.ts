import type { TopLevelSpec } from "vega-lite";
import type { TimelineWindow } from "../read-results.js";
import { CHART_CONFIG, TIMELINE_SIZE } from "./chart-style.js";
import { episodeLayer, type EpisodeSpan } from "./episode-layer.js";
import type { TimeAxis } from "./time-axis.js";
import { faultLayers, NO_MARKS, subtitleLines, thresholdLayers, type TimelineMarks } from "./timeline-marks.js";

/** The share of requests that did not succeed, per window, with the SLO episodes shaded. */
export function errorRateChart(timeline: readonly TimelineWindow[], episodes: readonly EpisodeSpan[], axis: TimeAxis, marks: TimelineMarks = NO_MARKS): TopLevelSpec {
  const values = timeline.map((w) => ({ t: (w.startS + w.endS) / 2 / axis.seconds, percent: w.errorRate * 100 }));
  return {
    title: { text: "Error rate per window", subtitle: subtitleLines(["failed, timed out, shed or unavailable; shaded: SLO episodes"], marks, marks.errorSlo) },
    ...TIMELINE_SIZE,
    config: CHART_CONFIG,
    layer: [
      episodeLayer(episodes, axis),
      ...faultLayers(marks.faults, axis),
      {
        data: { values },
        mark: { type: "area", line: { color: "#b22222", strokeWidth: 1.5 }, color: "#b22222", opacity: 0.25 },
        encoding: {
          x: { field: "t", type: "quantitative", title: axis.title, scale: { domain: [...axis.domain], nice: false } },
          y: { field: "percent", type: "quantitative", title: "error rate (%)" },
        },
      },
      ...thresholdLayers(marks.errorSlo),
    ],
  };
}
