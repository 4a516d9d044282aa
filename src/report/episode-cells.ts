import { formatSeconds, formatShare } from "./format.js";

/** What an episode row shows; both the run outcome and the report's parsed results have it. */
export interface EpisodeLike {
  readonly startS: number;
  readonly durationS: number;
  readonly ongoing: boolean;
  readonly blastRadius: { readonly requests: number; readonly ranges: number; readonly clients: number; readonly zones: number; readonly regions: number };
  readonly violatedOps: readonly string[];
  readonly faults: readonly string[];
}

/** One episode as table cells: number, start, duration (+ while ongoing), blast radius, ops, faults. */
export function episodeCells(e: EpisodeLike, index: number, opsSeparator = ", "): string[] {
  return [
    `#${index + 1}`,
    formatSeconds(e.startS),
    formatSeconds(e.durationS) + (e.ongoing ? "+" : ""),
    formatShare(e.blastRadius.requests),
    formatShare(e.blastRadius.ranges),
    formatShare(e.blastRadius.clients),
    formatShare(e.blastRadius.zones),
    formatShare(e.blastRadius.regions),
    e.violatedOps.join(opsSeparator),
    e.faults.join("; ") || "—",
  ];
}
