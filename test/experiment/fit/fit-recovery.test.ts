import { describe, expect, test } from "vitest";
import type { DistributionSpec } from "../../../src/engine/distribution-spec.js";
import { streamFor } from "../../../src/engine/random-streams.js";
import { makeSampler } from "../../../src/engine/sampler.js";
import { fitLognormal, fitPareto } from "../../../src/experiment/fit/closed-form-fits.js";
import { AD_TIE, fitMeasurements, thinSorted, type FitResult } from "../../../src/experiment/fit/fit-measurements.js";
import type { FittedDistribution } from "../../../src/experiment/fit/fitted-distribution.js";
import { sampleStatistics } from "../../../src/experiment/fit/goodness-of-fit.js";
import { fitLognormalMixture } from "../../../src/experiment/fit/lognormal-mixture-em.js";
import { fitScaledBeta } from "../../../src/experiment/fit/scaled-beta-mle.js";
import { trigamma } from "../../../src/engine/distributions/special-functions.js";
import { fitWeibull } from "../../../src/experiment/fit/weibull-mle.js";

/**
 * Parameters recovered from samples drawn by relisim's own samplers (fixed streams) with known
 * parameters: each within 4 asymptotic standard errors of maximum likelihood, the errors in
 * closed form (inverse Fisher information / n). A miss by chance has probability about 6e-5 per
 * parameter, and the streams are fixed, so the test is deterministic.
 */

const Z_99 = 2.3263478740408408;

function draw(spec: DistributionSpec, n: number, name: string): Float64Array {
  const sample = makeSampler(spec, streamFor(20261205, `test/fit/${name}`));
  return Float64Array.from({ length: n }, sample).sort();
}

/** Log-scale mu and sigma of a fitted lognormal spec (median, p99). */
function logScale(fit: FittedDistribution | { median: number; p99: number }) {
  const s = ("spec" in fit ? fit.spec : fit) as { median: number; p99: number };
  return { mu: Math.log(s.median), sigma: Math.log(s.p99 / s.median) / Z_99 };
}

const within = (estimate: number, truth: number, se: number, k = 4) => {
  expect(Math.abs(estimate - truth), `estimate ${estimate}, truth ${truth}, ${k} SE = ${k * se}`).toBeLessThanOrEqual(k * se);
};

/** The family `relisim fit` recommends, and that every fit with a lower A² is within the tie. */
function expectChosen(result: FitResult, family: string) {
  expect(result.best.fit.family, result.ranked.map((r) => `${r.fit.family} ${r.ad.toFixed(2)}`).join(", ")).toBe(family);
  const right = result.ranked.find((r) => r.fit.family === family)!;
  expect(right.ad - result.ranked[0].ad).toBeLessThanOrEqual(AD_TIE);
}

describe("maximum likelihood recovers known parameters (4 standard errors)", () => {
  test("lognormal (median 2 ms, p99 9 ms), n = 10,000: SE(mu) = sigma/√n, SE(sigma) = sigma/√(2n); ranked first", () => {
    const n = 10_000;
    const truth = logScale({ median: 2, p99: 9 });
    const xs = draw({ dist: "lognormal", median: 2, p99: 9 }, n, "lognormal");
    const got = logScale(fitLognormal(xs));
    within(got.mu, truth.mu, truth.sigma / Math.sqrt(n));
    within(got.sigma, truth.sigma, truth.sigma / Math.sqrt(2 * n));
    expectChosen(fitMeasurements({ kind: "samples", values: xs }), "lognormal");
  });

  test("Weibull (scale 3, shape 1.5), n = 10,000: Var(k) = 0.608 k²/n, Var(λ) = 1.109 λ²/(k² n); ranked first", () => {
    const n = 10_000;
    const [scale, shape] = [3, 1.5];
    const xs = draw({ dist: "weibull", scale, shape }, n, "weibull");
    const spec = fitWeibull(xs).spec as { scale: number; shape: number };
    // The Weibull's inverse Fisher information: 6k²/π² per observation for the shape, (1 + 6(1 − γ)²/π²) λ²/k² for the scale.
    const gamma = 0.5772156649015329;
    within(spec.shape, shape, Math.sqrt((6 / Math.PI ** 2) * shape ** 2 / n));
    within(spec.scale, scale, Math.sqrt(((1 + (6 * (1 - gamma) ** 2) / Math.PI ** 2) * scale ** 2) / (shape ** 2 * n)));
    expectChosen(fitMeasurements({ kind: "samples", values: xs }), "weibull");
  });

  test("Pareto (scale 1, alpha 2.5), n = 10,000: SE(alpha) = alpha/√n; scale above the truth by Exp(mean scale/(n alpha)); ranked first", () => {
    const n = 10_000;
    const [scale, alpha] = [1, 2.5];
    const xs = draw({ dist: "pareto", scale, alpha }, n, "pareto");
    const spec = fitPareto(xs).spec as { scale: number; alpha: number };
    within(spec.alpha, alpha, alpha / Math.sqrt(n));
    // The smallest of n draws exceeds the scale by more than 10 · scale/(n alpha) with probability e^-10.
    expect(spec.scale).toBeGreaterThanOrEqual(scale);
    expect(spec.scale - scale).toBeLessThan((10 * scale) / (n * alpha));
    expectChosen(fitMeasurements({ kind: "samples", values: xs }), "pareto");
  });

  test("scaled beta (0.8–1.8 ms, alpha 3, beta 5), n = 20,000: SEs from the 4-parameter Fisher information; ranked first", () => {
    const n = 20_000;
    const [a, c, al, be] = [0.8, 1.8, 3, 5];
    const xs = draw({ dist: "scaledBeta", min: a, max: c, alpha: al, beta: be }, n, "scaledBeta");
    const fit = fitScaledBeta(xs)!;
    const spec = fit.spec as { min: number; max: number; alpha: number; beta: number };
    // Fisher information per observation of (min, max, alpha, beta), w = max − min (finite for alpha, beta > 2):
    const w = c - a;
    const s = al + be - 1;
    const t = trigamma(al + be);
    const info = [
      [(s * be) / ((al - 2) * w * w), s / (w * w), be / ((al - 1) * w), -1 / w],
      [s / (w * w), (s * al) / ((be - 2) * w * w), 1 / w, -al / ((be - 1) * w)],
      [be / ((al - 1) * w), 1 / w, trigamma(al) - t, -t],
      [-1 / w, -al / ((be - 1) * w), -t, trigamma(be) - t],
    ];
    const covariance = invert(info).map((row) => row.map((x) => x / n));
    const se = covariance.map((row, i) => Math.sqrt(row[i]));
    within(spec.min, a, se[0]);
    within(spec.max, c, se[1]);
    within(spec.alpha, al, se[2]);
    within(spec.beta, be, se[3]);
    expectChosen(fitMeasurements({ kind: "samples", values: xs }), "scaledBeta");
  });
});

describe("a heavy-tailed mixture", () => {
  // 97% median 1 ms, p99 3 ms; 3% median 30 ms, p99 300 ms: a slow tail a single family cannot follow.
  const fast = logScale({ median: 1, p99: 3 });
  const slow = logScale({ median: 30, p99: 300 });
  const spec: DistributionSpec = {
    dist: "mixture",
    components: [{ weight: 0.97, dist: "lognormal", median: 1, p99: 3 }, { weight: 0.03, dist: "lognormal", median: 30, p99: 300 }],
  };
  const n = 10_000;
  const xs = draw(spec, n, "mixture");

  test("EM recovers the weights and parts within 5 complete-data standard errors (the parts barely overlap, so little information is missing)", () => {
    const fit = fitLognormalMixture(xs)!;
    const [a, b] = (fit.spec as { components: Array<{ weight: number; median: number; p99: number }> }).components;
    const k = 5;
    within(a.weight, 0.97, Math.sqrt((0.97 * 0.03) / n), k);
    const [ga, gb] = [logScale(a), logScale(b)];
    within(ga.mu, fast.mu, fast.sigma / Math.sqrt(0.97 * n), k);
    within(ga.sigma, fast.sigma, fast.sigma / Math.sqrt(2 * 0.97 * n), k);
    within(gb.mu, slow.mu, slow.sigma / Math.sqrt(0.03 * n), k);
    within(gb.sigma, slow.sigma, slow.sigma / Math.sqrt(2 * 0.03 * n), k);
  });

  test("the mixture fits better than every single family by more than the tie, and is the one recommended", () => {
    const result = fitMeasurements({ kind: "samples", values: xs });
    expect(result.best.fit.family).toBe("mixture");
    const mixture = result.ranked.find((r) => r.fit.family === "mixture")!;
    for (const r of result.ranked) if (r !== mixture) expect(r.ad - mixture.ad).toBeGreaterThan(AD_TIE);
  });
});

describe("goodness-of-fit statistics by hand", () => {
  test("KS and AD of three points against the uniform CDF", () => {
    const xs = Float64Array.from([0.25, 0.5, 0.75]);
    const { ad, ks } = sampleStatistics(xs, (x) => x);
    expect(ks).toBeCloseTo(0.25, 12);
    const sum = 1 * (Math.log(0.25) + Math.log(0.25)) + 3 * (Math.log(0.5) + Math.log(0.5)) + 5 * (Math.log(0.75) + Math.log(0.75));
    expect(ad).toBeCloseTo(-3 - sum / 3, 12);
  });
});

/** The inverse of a small symmetric positive definite matrix (Gauss–Jordan). */
function invert(m: readonly (readonly number[])[]): number[][] {
  const d = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: d }, (_, j) => (i === j ? 1 : 0))]);
  for (let i = 0; i < d; i++) {
    const pivot = a[i][i];
    for (let j = 0; j < 2 * d; j++) a[i][j] /= pivot;
    for (let r = 0; r < d; r++) {
      if (r === i) continue;
      const f = a[r][i];
      for (let j = 0; j < 2 * d; j++) a[r][j] -= f * a[i][j];
    }
  }
  return a.map((row) => row.slice(d));
}

describe("many samples", () => {
  test("are thinned for fitting to evenly spaced order statistics, the first and last kept", () => {
    const xs = Float64Array.from({ length: 101 }, (_, i) => i);
    expect([...thinSorted(xs, 5)]).toEqual([0, 25, 50, 75, 100]);
    expect(thinSorted(xs, 200)).toBe(xs);
  });
});
