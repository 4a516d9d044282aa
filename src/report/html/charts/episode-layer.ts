import { EPISODE_FILL, type LayerPart } from "./chart-style.js";
import type { TimeAxis } from "./time-axis.js";

/** An SLO episode's span, seconds from the start of the run. */
export interface EpisodeSpan {
  readonly startS: number;
  readonly endS: number;
}

/**
 * The episodes as full-height shaded bands behind a timeline, with their own legend entry.
 * `fill` (not `color`) keeps the band out of the lines' color legend.
 */
export function episodeLayer(episodes: readonly EpisodeSpan[], axis: TimeAxis): LayerPart {
  return {
    data: { values: episodes.map((e) => ({ from: e.startS / axis.seconds, to: e.endS / axis.seconds })) },
    mark: { type: "rect", opacity: 0.7 },
    encoding: {
      x: { field: "from", type: "quantitative" },
      x2: { field: "to" },
      fill: { datum: "SLO episode", type: "nominal", scale: { range: [EPISODE_FILL] }, legend: { title: null } },
    },
  };
}
