import type { Source } from "../random-streams.js";
import { checkFinite, throwIfProblems } from "./checks.js";

/** Parameters of a Zipf law over ranks 1..n (n a whole number ≥ 1) with exponent s ≥ 0. */
export interface ZipfParams {
  readonly n: number;
  readonly s: number;
}

/** Every problem with Zipf params as a human message; empty when they are fine. */
export function zipfProblems({ n, s }: ZipfParams): string[] {
  const found: string[] = [];
  if (!Number.isSafeInteger(n) || n < 1) found.push(`zipf: n must be a whole number ≥ 1, got ${n}`);
  if (checkFinite(found, "zipf", "s", s) && s < 0) found.push(`zipf: s (${s}) must be at least 0`);
  return found;
}

// (e^x − 1) / x and ln(1 + x) / x, with their Taylor series near 0 where the quotient cancels.
function expm1OverX(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + (x / 2) * (1 + (x / 3) * (1 + x / 4));
}
function log1pOverX(x: number): number {
  return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (1 / 2 - x * (1 / 3 - x / 4));
}

/**
 * Zipf ranks 1..n with P(k) ∝ 1 / k^s (s = 0 is uniform), in O(1) expected time and memory per
 * draw, by rejection-inversion (Hörmann & Derflinger, "Rejection-inversion to generate variates
 * from monotone discrete distributions", ACM TOMACS 6(3), 1996).
 */
export function zipfSampler(source: Source, params: ZipfParams): () => number {
  throwIfProblems(zipfProblems(params));
  const { n, s } = params;
  const q = 1 - s;
  // The hat is h(x) = x^−s; H(x) = (x^(1−s) − 1) / (1 − s) (ln x when s = 1) is its integral from 1.
  const h = (x: number) => Math.exp(-s * Math.log(x));
  const bigH = (x: number) => {
    const logX = Math.log(x);
    return expm1OverX(q * logX) * logX;
  };
  const bigHInverse = (u: number) => {
    const t = Math.max(-1, q * u); // −1 is H's bound as x → ∞ when s > 1; guards rounding past it
    return Math.exp(log1pOverX(t) * u);
  };
  // Rank k owns the slice [H(k + ½) − h(k), H(k + ½)] of (H(1.5) − 1, H(n + ½)], of length h(k);
  // since h is convex, these slices do not overlap, so an accepted u is rank k with P ∝ h(k).
  const low = bigH(1.5) - 1;
  const high = bigH(n + 0.5);
  // Squeeze: every x ≥ k − squeeze is accepted without evaluating H (Hörmann & Derflinger's s).
  const squeeze = 2 - bigHInverse(bigH(2.5) - h(2));
  return () => {
    for (;;) {
      const u = high + source() * (low - high); // uniform on (low, high]
      const x = bigHInverse(u);
      const k = Math.min(n, Math.max(1, Math.floor(x + 0.5)));
      if (k - x <= squeeze || u >= bigH(k + 0.5) - h(k)) return k;
    }
  };
}
