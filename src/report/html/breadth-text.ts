import { FAULT_DIMENSIONS, SEEN_DIMENSIONS } from "../../metrics/episode-detector.js";
import { FAULT_LABELS, SEEN_LABELS, formatBreadth } from "../answer-cells.js";
import { formatSeconds } from "../format.js";
import type { ClusterOutcome } from "./result-schemas.js";

type Views = ClusterOutcome["blastRadius"];

/**
 * The dimensions worth a breadth: where it was felt, those with more than one entity (a lone
 * tenant or region says nothing as a share); where the fault was, those the run has.
 */
export function seenDimensions(views: readonly Views[]) {
  return SEEN_DIMENSIONS.filter((d) => views.some((v) => v.seen[d].of > 1));
}
export function faultDimensions(views: readonly Views[]) {
  return FAULT_DIMENSIONS.filter((d) => views.some((v) => v.fault[d].of > 0));
}

/** "client zones 1/3 (33% of traffic) · clients 2/6 (…)": where an episode was felt. */
export function feltByText(b: Views): string {
  return seenDimensions([b]).map((d) => `${SEEN_LABELS[d]} ${formatBreadth(b.seen[d])}`).join(" · ") || "—";
}

/** "server nodes 2/6 · server zones 1/3 · …": where the fault was. */
export function faultInText(b: Views): string {
  return faultDimensions([b]).map((d) => `${FAULT_LABELS[d]} ${formatBreadth(b.fault[d])}`).join(" · ") || "—";
}

/** What the breadth figures mean, said under the tables that show them. */
export const BREADTH_NOTE =
  "Breadth is the worst episode's, per figure, as touched/of. Felt by: the clients, client zones and regions, tenants and key ranges " +
  "whose own traffic broke the SLO, with the share of the traffic they carried; fault in: the server nodes, zones and regions down, degraded (slow disk, errors, GC storm, packet loss) or shedding.";

/** Time to detect or mitigate over the episodes where operations acted: "mean 4s · max 6s (2 episodes)". */
export function meanMaxText(m: { mean: number; max: number; episodes: number } | null): string {
  if (!m) return "—";
  return `mean ${formatSeconds(m.mean)} · max ${formatSeconds(m.max)} (${m.episodes} episode${m.episodes === 1 ? "" : "s"})`;
}
