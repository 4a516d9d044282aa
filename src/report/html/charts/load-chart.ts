import type { TopLevelSpec } from "vega-lite";
import type { TimelineWindow } from "../read-results.js";
import { CHART_CONFIG, TIMELINE_SIZE } from "./chart-style.js";
import { episodeLayer, type EpisodeSpan } from "./episode-layer.js";
import type { TimeAxis } from "./time-axis.js";
import { faultLayers, NO_MARKS, subtitleLines, type TimelineMarks } from "./timeline-marks.js";

const SERIES = ["offered", "attempts (with hedges, retries)", "goodput"] as const;

/**
 * What the clients asked for against what succeeded, per second: offered load, attempts sent
 * (the extra is hedges and retries) and goodput. Results without the offered probe show the
 * requests recorded instead.
 */
export function loadChart(timeline: readonly TimelineWindow[], episodes: readonly EpisodeSpan[], axis: TimeAxis, marks: TimelineMarks = NO_MARKS): TopLevelSpec {
  const values = timeline.flatMap((w) => {
    const t = (w.startS + w.endS) / 2 / axis.seconds;
    const perS = (n: number) => n / Math.max(1e-9, w.endS - w.startS);
    const rows: Array<{ t: number; series: (typeof SERIES)[number]; rate: number }> = [
      { t, series: SERIES[0], rate: perS(w.offered ?? w.requests) },
      { t, series: SERIES[2], rate: perS(w.ok) },
    ];
    if (w.attempts !== undefined) rows.push({ t, series: SERIES[1], rate: perS(w.attempts) });
    return rows;
  });
  const shown = SERIES.filter((s) => values.some((v) => v.series === s));
  return {
    title: { text: "Offered load vs goodput", subtitle: subtitleLines(["requests per second per window; shaded: SLO episodes"], marks) },
    ...TIMELINE_SIZE,
    config: CHART_CONFIG,
    layer: [
      episodeLayer(episodes, axis),
      ...faultLayers(marks.faults, axis),
      {
        data: { values },
        mark: { type: "line", strokeWidth: 1.5 },
        encoding: {
          x: { field: "t", type: "quantitative", title: axis.title, scale: { domain: [...axis.domain], nice: false } },
          y: { field: "rate", type: "quantitative", title: "requests / s" },
          color: { field: "series", type: "nominal", title: null, sort: shown, scale: { domain: shown, range: ["#4c78a8", "#9d755d", "#54a24b"].filter((_, i) => shown.includes(SERIES[i])) } },
          strokeDash: { field: "series", type: "nominal", title: null, sort: shown, scale: { domain: shown, range: shown.map((s) => (s === "attempts (with hedges, retries)" ? [4, 3] : [1, 0])) } },
        },
      },
    ],
  };
}
