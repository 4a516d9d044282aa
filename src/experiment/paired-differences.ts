import { estimate, roundReported } from "./statistics.js";

/**
 * A figure's mean difference between a variant and the baseline over paired replications (the
 * same index, so the same derived seed: common random numbers), with the 95% Student-t interval
 * of the per-replication differences (n − 1 degrees of freedom). NaN where there is no value:
 * no pair at all, or an interval from fewer than two pairs.
 */
export interface PairedDifference {
  readonly mean: number;
  readonly ci95Low: number;
  readonly ci95High: number;
  /** The pairs the difference is over: replications where both have a finite value. */
  readonly n: number;
}

/**
 * variant − baseline over the replications both have (index i with i), skipping pairs where
 * either is not a number (a latency with no success). Rounded to 6 significant digits for reports.
 */
export function pairedDifference(baseline: readonly number[], variant: readonly number[]): PairedDifference {
  const differences: number[] = [];
  const n = Math.min(baseline.length, variant.length);
  for (let i = 0; i < n; i++) {
    const d = variant[i] - baseline[i];
    if (Number.isFinite(d)) differences.push(d);
  }
  if (differences.length === 0) return { mean: NaN, ci95Low: NaN, ci95High: NaN, n: 0 };
  const e = estimate(differences);
  if (e.n < 2) return { mean: roundReported(e.mean), ci95Low: NaN, ci95High: NaN, n: e.n };
  return { mean: roundReported(e.mean), ci95Low: roundReported(e.ci95[0]), ci95High: roundReported(e.ci95[1]), n: e.n };
}

/** Replications of one configuration: figures[i] is replication i's headline figures, in `names` order. */
export interface PairedRuns {
  readonly name: string;
  readonly figures: readonly (readonly number[])[];
}

/**
 * Each variant after the first against the first (the baseline): variant → figure → its paired
 * difference. Empty with fewer than two variants.
 */
export function differencesFromBaseline(names: readonly string[], runs: readonly PairedRuns[]): Record<string, Record<string, PairedDifference>> {
  const out: Record<string, Record<string, PairedDifference>> = {};
  const [baseline, ...others] = runs;
  for (const run of others) {
    const byFigure: Record<string, PairedDifference> = {};
    names.forEach((name, f) => {
      byFigure[name] = pairedDifference(
        baseline.figures.map((r) => r[f]),
        run.figures.map((r) => r[f]),
      );
    });
    out[run.name] = byFigure;
  }
  return out;
}
