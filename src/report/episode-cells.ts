import { FAULT_LABELS, SEEN_LABELS, formatBreadth } from "./answer-cells.js";
import { formatSeconds, formatShare, formatShares } from "./format.js";

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
  /** Shares of its bad requests by kind (absent in results written before relisim recorded it). */
  readonly badBy?: { readonly failed: number; readonly timedOut: number; readonly shed: number; readonly unavailable: number; readonly slow: number } | null;
}

/**
 * The header of `episodeCells`' rows, for the terminal and the HTML report alike: breadth named
 * as everywhere else ("felt by client zones", "fault in server nodes": answer-cells.ts).
 */
export const EPISODE_COLUMNS = [
  "episode",
  "start",
  "duration",
  "bad requests",
  ...(["regions", "zones", "clients", "ranges"] as const).map((d) => `felt by ${SEEN_LABELS[d]}`),
  ...(["zones", "nodes"] as const).map((d) => `fault in ${FAULT_LABELS[d]}`),
  "ops",
  "faults",
  "bad requests were",
];

/**
 * One episode as table cells: number (* when a scripted fault caused it), start, duration
 * (+ while ongoing), bad requests, where it was felt and where the fault was, ops, faults, and
 * what its bad requests were: the short "why" beside the faults that were active.
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
    badByText(e.badBy),
  ];
}

/**
 * The first `limit` episodes as a table, the header first, for the terminal and the HTML report
 * alike; a dimension with one entity everywhere (one client region) says nothing per episode, so
 * its column goes.
 */
export function episodeTable(list: readonly EpisodeLike[], limit: number, opsSeparator = ", "): string[][] {
  const lone = list.every((e) => e.blastRadius.seen.regions.of <= 1) ? EPISODE_COLUMNS.indexOf(`felt by ${SEEN_LABELS.regions}`) : -1;
  const keep = (cells: readonly string[]) => cells.filter((_, i) => i !== lone);
  const shown = list.slice(0, limit);
  // The bad-requests column with one number of decimals: 12.40% above 3.23%, not 12.4%.
  const bad = formatShares(shown.map((e) => e.blastRadius.requests));
  const at = EPISODE_COLUMNS.indexOf("bad requests");
  return [keep(EPISODE_COLUMNS), ...shown.map((e, i) => keep(episodeCells(e, i, opsSeparator).map((c, j) => (j === at ? bad[i] : c))))];
}

const BAD_KINDS = [
  ["unavailable", "unavailable"],
  ["timedOut", "timed out"],
  ["shed", "shed"],
  ["failed", "server errors"],
  ["slow", "too slow"],
] as const;

/**
 * Why an episode's requests were bad, the largest kinds first: "unavailable 62%, timed out 38%".
 * Kinds under 1% are left out; "—" for results that did not record it.
 */
export function badByText(badBy: EpisodeLike["badBy"]): string {
  if (!badBy) return "—";
  const kinds = BAD_KINDS.map(([key, label]) => ({ label, share: badBy[key] })).filter((k) => k.share >= 0.01);
  kinds.sort((a, b) => b.share - a.share);
  return kinds.map((k) => `${k.label} ${Math.round(k.share * 100)}%`).join(", ") || "—";
}
