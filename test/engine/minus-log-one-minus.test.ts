import { expect, test } from "vitest";
import { minusLogOneMinus } from "../../src/engine/distributions/minus-log-one-minus.js";
import { streamFor } from "../../src/engine/random-streams.js";

/** Relative difference from −log1p(−u), the closed form computed by the runtime's libm. */
function relativeError(u: number): number {
  const exact = -Math.log1p(-u);
  return exact === 0 ? Math.abs(minusLogOneMinus(u)) : Math.abs(minusLogOneMinus(u) - exact) / exact;
}

// 2 ulp of a double is at most 2 · 2^−52 relative; the worst seen is about 1.5 ulp.
const TOLERANCE = 2 * 2 ** -52;

test("−ln(1 − u) is within 2 ulp of −log1p(−u) on a million uniform draws", () => {
  const source = streamFor(1, "minus-log-one-minus");
  let worst = 0;
  for (let i = 0; i < 1_000_000; i++) worst = Math.max(worst, relativeError(source()));
  expect(worst).toBeLessThan(TOLERANCE);
});

test("and at the edges: tiny u, the series boundary, every interval, and u next to 1", () => {
  const us: number[] = [2 ** -53, 2 ** -32, 1e-12, 1e-6];
  for (let k = -4; k <= 4; k++) us.push(2 ** -8 + k * 2 ** -60);
  for (let i = 0; i < 4096; i++) us.push(i / 4096, (i + 0.5) / 4096);
  for (let k = 1; k <= 1000; k++) us.push(1 - k * 2 ** -32, 1 - k * 2 ** -53);
  for (const u of us) expect(relativeError(u), `u = ${u}`).toBeLessThan(TOLERANCE);
});

test("0 maps to 0, and values outside [0, 1) give what ln gives", () => {
  expect(minusLogOneMinus(0)).toBe(0);
  expect(minusLogOneMinus(1)).toBe(Number.POSITIVE_INFINITY);
  expect(minusLogOneMinus(Number.NaN)).toBeNaN();
});
