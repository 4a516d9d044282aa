import { describe, expect, test } from "vitest";
import { incompleteBeta, lnGamma, studentTQuantileUpper, studentTUpperTail } from "../../src/experiment/student-t.js";

/**
 * Against published values, never the code's own output: the upper-tail critical values of
 * Student's t as printed in the standard tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2;
 * Fisher & Yates), the exact closed forms for 1 and 2 degrees of freedom far in the tail, and
 * the normal quantile for very many degrees of freedom.
 */
describe("Student t quantiles", () => {
  // [upper tail, df, table value (3 decimals)]
  const table: Array<[number, number, number]> = [
    [0.025, 9, 2.262],
    [0.005, 9, 3.25],
    [0.001, 9, 4.297],
    [0.0005, 9, 4.781],
    [0.0005, 1, 636.619],
    [0.0005, 10, 4.587],
    [0.0005, 20, 3.85],
    [0.0005, 30, 3.646],
    [0.001, 19, 3.579],
    [0.005, 20, 2.845],
    [0.05, 4, 2.132],
    [0.1, 2, 1.886],
  ];
  test.each(table)("P(T > t) = %s with %s df: t = %s (table)", (tail, df, value) => {
    expect(studentTQuantileUpper(tail, df)).toBeCloseTo(value, 3);
  });

  test("far in the tail, the closed forms for 1 df (Cauchy: cot(πp)) and 2 df", () => {
    for (const p of [1e-4, 1e-6, 1e-9]) {
      expect(studentTQuantileUpper(p, 1) / (1 / Math.tan(Math.PI * p))).toBeCloseTo(1, 9);
      expect(studentTQuantileUpper(p, 2) / ((1 - 2 * p) / Math.sqrt(2 * p * (1 - p)))).toBeCloseTo(1, 9);
    }
  });

  test("with very many degrees of freedom it is the normal quantile (z(1 − 1e-6) = 4.753424)", () => {
    expect(studentTQuantileUpper(1e-6, 1e7)).toBeCloseTo(4.753424, 4);
    expect(studentTQuantileUpper(0.025, 1e7)).toBeCloseTo(1.959964, 5);
  });

  test("the tail inverts the quantile, the median is 0 and bad input is refused", () => {
    expect(studentTUpperTail(studentTQuantileUpper(3e-6, 19), 19)).toBeCloseTo(3e-6, 12);
    expect(studentTQuantileUpper(0.5, 5)).toBe(0);
    expect(studentTUpperTail(-1, 5) + studentTUpperTail(1, 5)).toBeCloseTo(1, 14);
    expect(() => studentTQuantileUpper(0, 5)).toThrow(RangeError);
    expect(() => studentTQuantileUpper(0.6, 5)).toThrow(RangeError);
    expect(() => studentTQuantileUpper(0.01, 0)).toThrow(RangeError);
  });
});

describe("the functions underneath", () => {
  test("ln Γ at known points: Γ(5) = 24, Γ(1/2) = √π, Γ(10.5) = 1133278.3889", () => {
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(Math.exp(lnGamma(10.5))).toBeCloseTo(1133278.3889, 3);
  });
  test("the incomplete beta at closed forms: I_x(1, b) = 1 − (1 − x)^b, I_x(a, 1) = x^a, I_½(a, a) = ½", () => {
    expect(incompleteBeta(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 13);
    expect(incompleteBeta(0.8, 3, 1)).toBeCloseTo(0.8 ** 3, 13);
    expect(incompleteBeta(0.5, 7.5, 7.5)).toBeCloseTo(0.5, 13);
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
  });
});
