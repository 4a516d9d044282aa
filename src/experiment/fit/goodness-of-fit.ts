/**
 * Goodness-of-fit statistics of a fitted CDF against data: the Kolmogorov–Smirnov distance and
 * the Anderson–Darling statistic, which weighs the tails by 1 / (F (1 − F)). Statistics only:
 * with parameters estimated from the same data the usual p-value tables do not apply.
 */

/** A fitted probability kept inside [1e-12, 1 − 1e-12], so a sample on a fit's boundary (Pareto's scale, an empirical fit's ends) adds a bounded term. */
function clampProbability(p: number): number {
  return Math.min(Math.max(p, 1e-12), 1 - 1e-12);
}

/** The KS and AD statistics of `cdf` against sorted samples `xs`. */
export function sampleStatistics(xs: Float64Array, cdf: (x: number) => number): { ad: number; ks: number } {
  const n = xs.length;
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = cdf(xs[i]);
  let ks = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    ks = Math.max(ks, (i + 1) / n - f[i], f[i] - i / n);
    sum += (2 * i + 1) * (Math.log(clampProbability(f[i])) + Math.log1p(-clampProbability(f[n - 1 - i])));
  }
  return { ad: -n - sum / n, ks };
}

/** A histogram: finite upper edges (le) in increasing order, the count in each bucket up to its edge, and the count above the last edge. */
export interface Buckets {
  /** Upper edges, increasing, finite. */
  readonly edges: readonly number[];
  /** Count in (previous edge, edge]; the first bucket starts at 0. */
  readonly counts: readonly number[];
  /** Count above the last finite edge (the `+Inf` bucket). */
  readonly overflow: number;
}

/** The total count of a histogram. */
export function bucketTotal(b: Buckets): number {
  return b.counts.reduce((s, c) => s + c, b.overflow);
}

/**
 * The grouped statistics of `cdf` against a histogram with N observations: KS at the bucket edges,
 * max |Fₙ(e) − F(e)|, and the grouped Anderson–Darling statistic of Choulakian, Lockhart and
 * Stephens (1994), A² = N Σⱼ (Fₙ(eⱼ) − F(eⱼ))² pⱼ / (F(eⱼ)(1 − F(eⱼ))), pⱼ the fitted bucket probability.
 */
export function bucketStatistics(b: Buckets, cdf: (x: number) => number): { ad: number; ks: number } {
  const total = bucketTotal(b);
  let cumulative = 0;
  let previous = 0;
  let ks = 0;
  let ad = 0;
  b.edges.forEach((edge, j) => {
    cumulative += b.counts[j];
    const empirical = cumulative / total;
    const fitted = cdf(edge);
    ks = Math.max(ks, Math.abs(empirical - fitted));
    const h = clampProbability(fitted);
    ad += ((empirical - fitted) ** 2 * (fitted - previous)) / (h * (1 - h));
    previous = fitted;
  });
  return { ad: total * ad, ks };
}
