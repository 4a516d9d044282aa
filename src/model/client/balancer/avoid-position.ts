/**
 * Position in `candidates` that a pick must skip: the position of `avoid` when another candidate
 * exists, else −1 (nothing to avoid, `avoid` absent, or it is the only candidate). Candidates are
 * distinct node indices.
 */
export function avoidPosition(candidates: readonly number[], avoid: number): number {
  if (avoid < 0 || candidates.length < 2) return -1;
  return candidates.indexOf(avoid);
}

/**
 * Position in `candidates` of the `k`-th eligible candidate (0-based), counting past the skipped
 * position `skip` (−1 when none is skipped).
 */
export function eligiblePosition(k: number, skip: number): number {
  return skip >= 0 && k >= skip ? k + 1 : k;
}
