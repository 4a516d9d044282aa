import { describe, expect, test } from "vitest";
import { digamma, incompleteBeta, lnGamma, normalCdf, trigamma } from "../../../src/engine/distributions/special-functions.js";
import { nelderMead } from "../../../src/experiment/fit/nelder-mead.js";

const EULER = 0.5772156649015329;

describe("special functions against closed forms", () => {
  test("log-gamma: ln Γ(1/2) = ln √π, ln Γ(10) = ln 9!, ln Γ(200) by Stirling's series", () => {
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    const z = 200;
    const stirling = (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * z) - 1 / (360 * z ** 3);
    expect(lnGamma(z)).toBeCloseTo(stirling, 9);
  });

  test("digamma: ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ(x + 1) = ψ(x) + 1/x", () => {
    expect(digamma(1)).toBeCloseTo(-EULER, 12);
    expect(digamma(0.5)).toBeCloseTo(-EULER - 2 * Math.LN2, 12);
    expect(digamma(7.3)).toBeCloseTo(digamma(6.3) + 1 / 6.3, 12);
  });

  test("trigamma: ψ′(1) = π²/6, ψ′(1/2) = π²/2, ψ′(x + 1) = ψ′(x) − 1/x²", () => {
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 12);
    expect(trigamma(0.5)).toBeCloseTo(Math.PI ** 2 / 2, 12);
    expect(trigamma(9.1)).toBeCloseTo(trigamma(8.1) - 1 / 8.1 ** 2, 12);
  });

  test("normal CDF: Φ(0) = ½, Φ(−1.96) = 0.0249979, and the far tail Φ(−8) = 6.22096e-16 to 1e-6 relative", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1.96)).toBeCloseTo(0.0249978951482204, 7);
    expect(normalCdf(1.96)).toBeCloseTo(1 - 0.0249978951482204, 7);
    expect(Math.abs(normalCdf(-8) / 6.220960574271785e-16 - 1)).toBeLessThan(1e-6);
  });

  test("regularized incomplete beta: I_x(1,1) = x, I_x(a,1) = x^a, I_x(2,3) = 6x² − 8x³ + 3x⁴, symmetry", () => {
    for (const x of [0.01, 0.2, 0.5, 0.77, 0.99]) {
      expect(incompleteBeta(x, 1, 1)).toBeCloseTo(x, 12);
      expect(incompleteBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 12);
      expect(incompleteBeta(x, 2, 3)).toBeCloseTo(6 * x ** 2 - 8 * x ** 3 + 3 * x ** 4, 12);
      expect(incompleteBeta(x, 4.2, 7.1)).toBeCloseTo(1 - incompleteBeta(1 - x, 7.1, 4.2), 12);
    }
    expect(incompleteBeta(0, 2, 2)).toBe(0);
    expect(incompleteBeta(1, 2, 2)).toBe(1);
  });
});

describe("Nelder–Mead", () => {
  test("finds the minimum of Rosenbrock's valley (1, 1) and of a quadratic, and never steps into an infinite region", () => {
    const rosenbrock = ([x, y]: readonly number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const found = nelderMead(rosenbrock, [-1.2, 1], { step: 0.5, tolerance: 1e-14, maxEvaluations: 5000 });
    expect(found.x[0]).toBeCloseTo(1, 4);
    expect(found.x[1]).toBeCloseTo(1, 4);
    const walled = ([x]: readonly number[]) => (x < 0 ? Infinity : (x - 0.5) ** 2);
    expect(nelderMead(walled, [2], { step: 1 }).x[0]).toBeCloseTo(0.5, 4);
  });
});
