import { pairedDifference, type PairedDifference } from "./paired-differences.js";

/** One candidate's replications of the figure it is ranked by: values[i] is replication i's (same seed for every candidate). */
export interface RankedCandidate {
  readonly name: string;
  readonly values: readonly number[];
}

/**
 * How a pair of neighbours in the ranking stands:
 * - `resolved`: the paired 95% interval of (riskier − safer) lies above 0;
 * - `tied`: it lies within ±margin × the safer's mean (closer than matters, either way);
 * - `unresolved`: neither (more replications may tell);
 * - `capped`: neither, with both at the cap on replications.
 */
export type PairVerdict = "resolved" | "tied" | "unresolved" | "capped";

export interface PairJudgement {
  /** The candidate ranked just before (safer by the mean). */
  readonly safer: string;
  readonly riskier: string;
  /** riskier − safer over the replications both have. */
  readonly difference: PairedDifference;
  readonly verdict: PairVerdict;
}

export interface Ranking {
  /** Candidate indices, safest (lowest mean) first; equal means keep the input order. */
  readonly order: readonly number[];
  /** order[k] against order[k + 1], for each k. */
  readonly pairs: readonly PairJudgement[];
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * Ranks candidates by the mean of their values, safest first, and judges each adjacent pair by
 * the paired 95% Student-t interval of its difference (common random numbers: replication i of
 * both ran on the same seed). `margin` ≥ 0 is the practical margin, a share of the safer's mean;
 * a pair neither resolved nor tied once both have `cap` replications is `capped`.
 */
export function rankCandidates(candidates: readonly RankedCandidate[], margin: number, cap = Infinity): Ranking {
  if (!(margin >= 0)) throw new RangeError(`the margin must be a number >= 0, got ${margin}`);
  const means = candidates.map((c) => mean(c.values));
  const order = candidates.map((_, i) => i).sort((a, b) => means[a] - means[b] || a - b);
  const pairs: PairJudgement[] = [];
  for (let k = 0; k + 1 < order.length; k++) {
    const safer = candidates[order[k]];
    const riskier = candidates[order[k + 1]];
    const difference = pairedDifference(safer.values, riskier.values);
    const verdict = judge(difference, margin * Math.abs(means[order[k]]));
    const capped = verdict === "unresolved" && Math.min(safer.values.length, riskier.values.length) >= cap;
    pairs.push({ safer: safer.name, riskier: riskier.name, difference, verdict: capped ? "capped" : verdict });
  }
  return { order, pairs };
}

/** A pair's verdict from its paired difference (riskier − safer) and the margin in the figure's units. */
export function judge(d: PairedDifference, margin: number): "resolved" | "tied" | "unresolved" {
  if (!(d.n >= 2) || Number.isNaN(d.ci95Low) || Number.isNaN(d.ci95High)) return "unresolved";
  if (d.ci95Low > 0) return "resolved";
  if (d.ci95Low >= -margin && d.ci95High <= margin) return "tied";
  return "unresolved";
}

/**
 * The stopping rule's next step: the candidates (indices) that need more replications because
 * they are in an unresolved pair and below `cap`; empty when every pair is resolved, tied or
 * capped (the ranking made with the same cap).
 */
export function needMore(ranking: Ranking, candidates: readonly RankedCandidate[], cap: number): number[] {
  const more = new Set<number>();
  ranking.pairs.forEach((p, k) => {
    if (p.verdict !== "unresolved") return;
    for (const i of [ranking.order[k], ranking.order[k + 1]]) if (candidates[i].values.length < cap) more.add(i);
  });
  return [...more].sort((a, b) => a - b);
}
