import { formatBreadth } from "./answer-cells.js";
import { formatSeconds, formatShare } from "./format.js";

interface Count {
  readonly touched: number;
  readonly of: number;
  readonly traffic?: number | null;
}

/** What an episode row shows; both the run outcome and the report's parsed results have it. */
export interface EpisodeLike {
  readonly startS: number;
  readonly durationS: number;
  readonly ongoing: boolean;
  readonly scripted?: boolean;
  readonly blastRadius: {
    readonly requests: number;
    readonly seen: { readonly clients: Count; readonly zones: Count; readonly regions: Count; readonly ranges: Count };
    readonly fault: { readonly nodes: Count; readonly zones: Count; readonly regions: Count };
  };
  readonly violatedOps: readonly string[];
  readonly faults: readonly string[];
}

/** The header of `episodeCells`' rows. */
export const EPISODE_COLUMNS = ["episode", "start", "duration", "bad req", "felt: regions", "zones", "clients", "key ranges", "fault: zones", "nodes", "ops", "faults"];

/**
 * One episode as table cells: number (* when a scripted fault caused it), start, duration
 * (+ while ongoing), bad requests, where it was felt and where the fault was, ops, faults.
 */
export function episodeCells(e: EpisodeLike, index: number, opsSeparator = ", "): string[] {
  const s = e.blastRadius.seen;
  const f = e.blastRadius.fault;
  return [
    `#${index + 1}${e.scripted ? "*" : ""}`,
    formatSeconds(e.startS),
    formatSeconds(e.durationS) + (e.ongoing ? "+" : ""),
    formatShare(e.blastRadius.requests),
    formatBreadth(s.regions, true),
    formatBreadth(s.zones, true),
    formatBreadth(s.clients, true),
    formatBreadth(s.ranges, true),
    formatBreadth(f.zones),
    formatBreadth(f.nodes),
    e.violatedOps.join(opsSeparator),
    e.faults.join("; ") || "—",
  ];
}
