import { describe, expect, test } from "vitest";
import type { DistributionSpec } from "../../src/engine/distribution-spec.js";
import { standardNormalQuantile } from "../../src/engine/distributions/normal-quantile.js";
import { streamFor } from "../../src/engine/random-streams.js";
import {
  describeDistribution,
  distributionMean,
  distributionQuantile,
  makeSampler,
  validateDistribution,
} from "../../src/engine/sampler.js";

const SEED = 20_240_601;
const N = 200_000;

/** N draws of `spec` from the stream (SEED, name). */
function draw(spec: DistributionSpec, name: string, n = N): Float64Array {
  const sample = makeSampler(spec, streamFor(SEED, name));
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = sample();
  return xs;
}

function fraction(xs: Float64Array, predicate: (x: number) => boolean): number {
  let count = 0;
  for (const x of xs) if (predicate(x)) count++;
  return count / xs.length;
}

function meanAndStddev(xs: Float64Array): { mean: number; stddev: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let squares = 0;
  for (const x of xs) squares += (x - mean) ** 2;
  return { mean, stddev: Math.sqrt(squares / (xs.length - 1)) };
}

/** Five binomial standard errors of a share p estimated from N draws. */
function shareTolerance(p: number, n = N): number {
  return 5 * Math.sqrt((p * (1 - p)) / n);
}

/**
 * The sample p-quantile is the order statistic X₍⌈pN⌉₎. The number of draws ≤ Q(p′) is
 * Binomial(N, p′), whose share has standard error σ = √(p(1 − p)/N); so, five σ either side,
 * Q(p − 5σ) ≤ X₍⌈pN⌉₎ ≤ Q(p + 5σ) for any shape: for a heavy tail the bracket widens in x exactly
 * as the sampling error does, where a fixed relative tolerance would be too tight or too loose.
 * With N = 200 000, 5σ is 0.0056 in probability at p50 and 0.0011 at p99 (e.g. exponential
 * p50 ± 1.6 %, p99 ± 2.4 %). A correct sampler fails one check with probability < 1e-6; a wrong
 * parameterisation (rate for mean, scale for shape) misses by far more.
 */
function expectQuantilesMatch(spec: DistributionSpec, xs: Float64Array): void {
  const sorted = Float64Array.from(xs).sort();
  for (const p of [0.1, 0.5, 0.9, 0.99]) {
    const margin = 5 * Math.sqrt((p * (1 - p)) / xs.length);
    const observed = sorted[Math.ceil(p * xs.length) - 1];
    const low = distributionQuantile(spec, p - margin)!;
    const high = distributionQuantile(spec, p + margin)!;
    expect(observed, `p${p * 100} of ${describeDistribution(spec)}`).toBeGreaterThanOrEqual(low);
    expect(observed, `p${p * 100} of ${describeDistribution(spec)}`).toBeLessThanOrEqual(high);
  }
}

/** The sample mean lies within 5 standard errors (s/√N, s the sample stddev) of `distributionMean`. */
function expectMeanMatches(spec: DistributionSpec, xs: Float64Array): void {
  const { mean, stddev } = meanAndStddev(xs);
  const tolerance = 5 * (stddev / Math.sqrt(xs.length)) + 1e-12;
  expect(Math.abs(mean - distributionMean(spec)), `mean of ${describeDistribution(spec)}`).toBeLessThanOrEqual(tolerance);
}

// Distributions with a closed-form quantile; pareto alpha 1.5 has infinite variance, so no mean check.
const QUANTILE_CASES: ReadonlyArray<[DistributionSpec, { mean: boolean }]> = [
  [{ dist: "constant", value: 7 }, { mean: true }],
  [{ dist: "uniform", min: 2, max: 5 }, { mean: true }],
  [{ dist: "exponential", mean: 3 }, { mean: true }],
  [{ dist: "normal", mean: 10, stddev: 2 }, { mean: true }],
  [{ dist: "lognormal", mu: 0.5, sigma: 0.8 }, { mean: true }],
  [{ dist: "lognormal", median: 1.2, p99: 9 }, { mean: true }],
  [{ dist: "pareto", scale: 2, alpha: 1.5 }, { mean: false }],
  [{ dist: "pareto", scale: 1, alpha: 4 }, { mean: true }],
  [{ dist: "weibull", scale: 2, shape: 0.7 }, { mean: true }],
  [{ dist: "weibull", scale: 1, shape: 3 }, { mean: true }],
  [{ dist: "empirical", p50: 10, p90: 30, p99: 100 }, { mean: true }],
  [{ dist: "empirical", min: 1, p50: 2, p90: 5, p99: 20, p999: 50, max: 60 }, { mean: true }],
  [{ dist: "bernoulli", p: 0.3 }, { mean: true }],
];

describe("sample quantiles and means match the closed forms", () => {
  test.each(QUANTILE_CASES.map(([spec, opts]) => [describeDistribution(spec), spec, opts] as const))(
    "%s",
    (_, spec, { mean }) => {
      const xs = draw(spec, `quantiles/${describeDistribution(spec)}`);
      expectQuantilesMatch(spec, xs);
      if (mean) expectMeanMatches(spec, xs);
    },
  );
});

describe("parameters mean what the spec says", () => {
  test("closed-form quantiles at hand-computed points", () => {
    expect(distributionQuantile({ dist: "exponential", mean: 3 }, 0.5)).toBeCloseTo(3 * Math.LN2, 12);
    expect(distributionQuantile({ dist: "uniform", min: 2, max: 5 }, 0.25)).toBe(2.75);
    expect(distributionQuantile({ dist: "lognormal", median: 1.2, p99: 9 }, 0.5)).toBeCloseTo(1.2, 12);
    expect(distributionQuantile({ dist: "lognormal", median: 1.2, p99: 9 }, 0.99)).toBeCloseTo(9, 12);
    expect(distributionQuantile({ dist: "lognormal", mu: 0, sigma: 1 }, 0.975)).toBeCloseTo(Math.exp(1.959963984540054), 10);
    // Pareto: P(X > x) = (x_m/x)^alpha, so the median is x_m · 2^(1/alpha).
    expect(distributionQuantile({ dist: "pareto", scale: 2, alpha: 1.5 }, 0.5)).toBeCloseTo(2 * 2 ** (1 / 1.5), 12);
    // Weibull: P(X ≤ scale) = 1 − 1/e whatever the shape.
    expect(distributionQuantile({ dist: "weibull", scale: 2, shape: 0.7 }, 1 - Math.exp(-1))).toBeCloseTo(2, 12);
    expect(distributionQuantile({ dist: "bernoulli", p: 0.3 }, 0.7)).toBe(0);
    expect(distributionQuantile({ dist: "bernoulli", p: 0.3 }, 0.71)).toBe(1);
  });

  test("pareto draws: none below scale, and P(X > 3·scale) = 3^−alpha", () => {
    const xs = draw({ dist: "pareto", scale: 2, alpha: 1.5 }, "pareto-tail");
    expect(xs.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(2);
    const expected = 3 ** -1.5;
    expect(Math.abs(fraction(xs, (x) => x > 6) - expected)).toBeLessThan(shareTolerance(expected));
  });

  test("weibull draws: P(X ≤ scale) = 1 − 1/e, and P(X ≤ scale/2) = 1 − exp(−2^−shape)", () => {
    const xs = draw({ dist: "weibull", scale: 2, shape: 0.7 }, "weibull-scale");
    const atScale = 1 - Math.exp(-1);
    expect(Math.abs(fraction(xs, (x) => x <= 2) - atScale)).toBeLessThan(shareTolerance(atScale));
    const atHalf = 1 - Math.exp(-(0.5 ** 0.7));
    expect(Math.abs(fraction(xs, (x) => x <= 1) - atHalf)).toBeLessThan(shareTolerance(atHalf));
  });

  test("the standard normal quantile agrees with high-precision values to 1e-12", () => {
    // Reference values from mpmath at 40 digits: √2 · erfinv(2p − 1).
    const reference: Array<[number, number]> = [
      [1e-20, -9.262340089798407],
      [1e-10, -6.361340902404057],
      [0.001, -3.0902323061678136],
      [0.1, -1.2815515655446004],
      [0.3, -0.5244005127080408],
      [0.5, 0],
      [0.975, 1.9599639845400538],
      [0.99, 2.3263478740408408],
      [1 - 1e-12, 7.0344869100478356],
    ];
    for (const [p, z] of reference) expect(Math.abs(standardNormalQuantile(p) - z)).toBeLessThan(1e-12 * Math.max(1, Math.abs(z)));
    expect(standardNormalQuantile(0)).toBe(-Infinity);
    expect(standardNormalQuantile(1)).toBe(Infinity);
  });
});

describe("means in closed form", () => {
  test("each family", () => {
    expect(distributionMean({ dist: "pareto", scale: 2, alpha: 3 })).toBeCloseTo(3, 12);
    expect(distributionMean({ dist: "pareto", scale: 2, alpha: 1 })).toBe(Infinity);
    expect(distributionMean({ dist: "pareto", scale: 2, alpha: 0.5 })).toBe(Infinity);
    expect(distributionMean({ dist: "weibull", scale: 2, shape: 0.5 })).toBeCloseTo(4, 10); // 2 · Γ(3)
    expect(distributionMean({ dist: "weibull", scale: 2, shape: 1 })).toBeCloseTo(2, 12); // exponential
    expect(distributionMean({ dist: "lognormal", mu: 1, sigma: 0.5 })).toBeCloseTo(Math.exp(1.125), 12);
    expect(distributionMean({ dist: "scaledBeta", min: 0.8, max: 1.8, alpha: 3, beta: 7 })).toBeCloseTo(1.1, 12);
    // Knots (0, 0), (0.5, 10), (0.9, 30), (0.99, 100), (1, 100 + 0.01 · 70/0.09): trapezoids
    // 2.5 + 8 + 5.85 + 0.01 · (100 + 107.78)/2.
    expect(distributionMean({ dist: "empirical", p50: 10, p90: 30, p99: 100 })).toBeCloseTo(
      2.5 + 8 + 5.85 + (0.01 * (200 + 70 / 9)) / 2,
      12,
    );
  });

  test("empirical: a lone p50 extends the line from min = 0 to max = 2 · p50", () => {
    const spec: DistributionSpec = { dist: "empirical", p50: 4 };
    expect(distributionQuantile(spec, 1)).toBe(8);
    expect(distributionQuantile(spec, 0.25)).toBe(2);
    expect(distributionMean(spec)).toBe(4);
  });
});

/** I_x(a, b) for whole a, b ≥ 1: Σ_{j=a}^{a+b−1} C(a+b−1, j) x^j (1 − x)^{a+b−1−j}. */
function regularizedBeta(x: number, a: number, b: number): number {
  const m = a + b - 1;
  let sum = 0;
  for (let j = a; j <= m; j++) sum += binomial(m, j) * x ** j * (1 - x) ** (m - j);
  return sum;
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

describe("scaledBeta", () => {
  // The empirical CDF at a point has standard error ≤ 0.5/√N = 0.0011, so 0.005 is over 4σ.
  const CDF_TOLERANCE = 0.005;

  test.each([
    [{ dist: "scaledBeta", min: 0, max: 1, alpha: 2, beta: 5 }],
    [{ dist: "scaledBeta", min: 0.8, max: 1.8, alpha: 3, beta: 7 }],
  ] as const)("the empirical CDF of %o matches I_x(alpha, beta)", (spec) => {
    const xs = draw(spec, `beta/${describeDistribution(spec)}`);
    const width = spec.max - spec.min;
    for (const u of [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9]) {
      const observed = fraction(xs, (x) => x <= spec.min + u * width);
      expect(Math.abs(observed - regularizedBeta(u, spec.alpha, spec.beta)), `at ${u}`).toBeLessThan(CDF_TOLERANCE);
    }
    expect(xs.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(spec.min);
    expect(xs.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(spec.max);
    expectMeanMatches(spec, xs);
  });

  test("a non-integer shape: Beta(½, ½) is the arcsine law, CDF (2/π) · asin(√x)", () => {
    const xs = draw({ dist: "scaledBeta", min: 0, max: 1, alpha: 0.5, beta: 0.5 }, "beta/arcsine");
    for (const u of [0.01, 0.1, 0.5, 0.9, 0.99]) {
      expect(Math.abs(fraction(xs, (x) => x <= u) - (2 / Math.PI) * Math.asin(Math.sqrt(u)))).toBeLessThan(CDF_TOLERANCE);
    }
  });

  test("the gp3-like fit on [0.8, 1.8] peaks at 1.05", () => {
    const spec = { dist: "scaledBeta", min: 0.8, max: 1.8, alpha: 3, beta: 7 } as const;
    // Mode of Beta(a, b) is (a − 1)/(a + b − 2) = 2/8 = 0.25, which maps to 0.8 + 0.25 · 1 = 1.05.
    expect(spec.min + ((spec.alpha - 1) / (spec.alpha + spec.beta - 2)) * (spec.max - spec.min)).toBeCloseTo(1.05, 12);
    // Exact window masses are 0.209, 0.275, 0.231 (each ±0.001 at N draws): the middle one is highest.
    const xs = draw(spec, "beta/gp3-mode");
    const [below, around, above] = [0.9, 1.0, 1.1].map((a) => fraction(xs, (x) => x >= a && x < a + 0.1));
    expect(around).toBeGreaterThan(below + 0.03);
    expect(around).toBeGreaterThan(above + 0.03);
  });

  test("has no closed-form quantile", () => {
    expect(distributionQuantile({ dist: "scaledBeta", min: 0, max: 1, alpha: 2, beta: 2 }, 0.5)).toBeUndefined();
  });
});

describe("mixture and bernoulli", () => {
  const slow: DistributionSpec = { dist: "uniform", min: 100, max: 200 };
  const mixture: DistributionSpec = {
    dist: "mixture",
    components: [
      { dist: "exponential", mean: 1, weight: 99 },
      { ...slow, weight: 1 },
    ],
  };

  test("99 % fast + 1 % slow: the share of slow draws and the weighted mean", () => {
    const xs = draw(mixture, "mixture");
    // A fast draw exceeds 100 with probability e^−100, so x ≥ 100 identifies the slow component.
    expect(Math.abs(fraction(xs, (x) => x >= 100) - 0.01)).toBeLessThan(shareTolerance(0.01));
    expect(distributionMean(mixture)).toBeCloseTo(0.99 * 1 + 0.01 * 150, 12);
    expectMeanMatches(mixture, xs);
    expect(distributionQuantile(mixture, 0.5)).toBeUndefined();
  });

  test("a zero-weight component is never drawn", () => {
    const spec: DistributionSpec = {
      dist: "mixture",
      components: [
        { dist: "constant", value: 1, weight: 0 },
        { dist: "constant", value: 2, weight: 3 },
        { dist: "constant", value: 3, weight: 0 },
      ],
    };
    expect(fraction(draw(spec, "mixture-zero", 10_000), (x) => x !== 2)).toBe(0);
  });

  test("bernoulli: only 0 and 1, with the share of ones p", () => {
    const xs = draw({ dist: "bernoulli", p: 0.02 }, "bernoulli-share");
    expect(fraction(xs, (x) => x !== 0 && x !== 1)).toBe(0);
    expect(Math.abs(fraction(xs, (x) => x === 1) - 0.02)).toBeLessThan(shareTolerance(0.02));
  });
});

describe("determinism", () => {
  const specs: DistributionSpec[] = [
    ...QUANTILE_CASES.map(([spec]) => spec),
    { dist: "scaledBeta", min: 0.8, max: 1.8, alpha: 3, beta: 7 },
    { dist: "mixture", components: [{ dist: "normal", mean: 0, stddev: 1, weight: 1 }, { dist: "pareto", scale: 1, alpha: 2, weight: 1 }] },
  ];

  test.each(specs.map((spec) => [describeDistribution(spec), spec] as const))("%s: same seed, same draws", (_, spec) => {
    const a = draw(spec, "determinism", 1000);
    const b = draw(spec, "determinism", 1000);
    expect(Array.from(a)).toEqual(Array.from(b));
    if (spec.dist !== "constant") {
      const other = makeSampler(spec, streamFor(SEED + 1, "determinism"));
      expect(Array.from(a, () => other())).not.toEqual(Array.from(a));
    }
  });
});

describe("validation", () => {
  const BAD: Array<[DistributionSpec, RegExp]> = [
    [{ dist: "constant", value: NaN }, /constant: value must be a finite number, got NaN/],
    [{ dist: "uniform", min: 3, max: 3 }, /uniform: max \(3\) must be greater than min \(3\)/],
    [{ dist: "exponential", mean: 0 }, /exponential: mean \(0\) must be greater than 0/],
    [{ dist: "normal", mean: 1, stddev: -1 }, /normal: stddev \(-1\) must be greater than 0/],
    [{ dist: "lognormal", mu: 0, sigma: 0 }, /lognormal: sigma \(0\) must be greater than 0/],
    [{ dist: "lognormal", median: 2, p99: 1 }, /lognormal: p99 \(1\) must be greater than median \(2\)/],
    [{ dist: "lognormal", median: 0, p99: 1 }, /lognormal: median \(0\) must be greater than 0/],
    [{ dist: "lognormal", median: 1, p99: 2, mu: 0 } as DistributionSpec, /either mu and sigma, or median and p99/],
    [{ dist: "pareto", scale: 1, alpha: 0 }, /pareto: alpha \(0\) must be greater than 0/],
    [{ dist: "weibull", scale: -2, shape: 1 }, /weibull: scale \(-2\) must be greater than 0/],
    [{ dist: "scaledBeta", min: 2, max: 1.8, alpha: 2, beta: 2 }, /^scaledBeta: max \(1\.8\) must be greater than min \(2\)$/],
    [{ dist: "empirical", p50: 10, p90: 5 }, /empirical: p90 \(5\) must be at least p50 \(10\)/],
    [{ dist: "empirical", p50: -1 }, /empirical: p50 \(-1\) must be at least min \(0, the default\)/],
    [{ dist: "empirical", p50: 1, p99: 9, max: 8 }, /empirical: max \(8\) must be at least p99 \(9\)/],
    [{ dist: "empirical" } as DistributionSpec, /empirical: p50 is required/],
    [{ dist: "bernoulli", p: 1.5 }, /bernoulli: p \(1\.5\) must be between 0 and 1/],
    [{ dist: "mixture", components: [] }, /mixture: needs at least one component/],
    [{ dist: "mixture", components: [{ dist: "constant", value: 1, weight: -1 }] }, /components\[0\]\.weight must be a finite number ≥ 0, got -1/],
    [{ dist: "mixture", components: [{ dist: "constant", value: 1, weight: 0 }] }, /weights sum to 0/],
    [{ dist: "mixture", components: [{ dist: "exponential", mean: -1, weight: 1 }] }, /mixture: components\[0\]: exponential: mean \(-1\)/],
    [{ dist: "gamma", k: 2 } as unknown as DistributionSpec, /unknown distribution "gamma"/],
  ];

  test.each(BAD.map(([spec, message]) => [JSON.stringify(spec), spec, message] as const))("%s", (_, spec, message) => {
    const problems = validateDistribution(spec);
    expect(problems.some((p) => message.test(p)), problems.join("; ")).toBe(true);
    expect(() => makeSampler(spec, streamFor(SEED, "bad"))).toThrow(RangeError);
    expect(() => makeSampler(spec, streamFor(SEED, "bad"))).toThrow(message);
  });

  test("every problem is reported at once", () => {
    const spec = { dist: "scaledBeta", min: 2, max: 1.8, alpha: -1, beta: "x" } as unknown as DistributionSpec;
    expect(validateDistribution(spec)).toEqual([
      "scaledBeta: max (1.8) must be greater than min (2)",
      "scaledBeta: alpha (-1) must be greater than 0",
      'scaledBeta: beta must be a finite number, got "x"',
    ]);
  });

  test("valid specs have no problems; a probability outside [0, 1] is refused", () => {
    for (const [spec] of QUANTILE_CASES) expect(validateDistribution(spec)).toEqual([]);
    expect(() => distributionQuantile({ dist: "exponential", mean: 1 }, 1.5)).toThrow(RangeError);
    expect(() => distributionQuantile({ dist: "exponential", mean: 1 }, NaN)).toThrow(RangeError);
  });
});

test("descriptions", () => {
  expect(describeDistribution({ dist: "lognormal", median: 1.2, p99: 9 })).toBe("lognormal(median 1.2, p99 9)");
  expect(describeDistribution({ dist: "exponential", mean: 1 / 3 })).toBe("exponential(mean 0.333333)");
  expect(describeDistribution({ dist: "empirical", p50: 10, p99: 100 })).toBe("empirical(p50 10, p99 100)");
  expect(
    describeDistribution({
      dist: "mixture",
      components: [
        { dist: "exponential", mean: 1, weight: 99 },
        { dist: "constant", value: 150, weight: 1 },
      ],
    }),
  ).toBe("mixture(99% exponential(mean 1), 1% constant(150))");
});
