import { expect, test } from "vitest";
import { fastExp } from "../../src/engine/distributions/fast-exp.js";
import { streamFor } from "../../src/engine/random-streams.js";

/** Relative difference from Math.exp, the closed form computed by the runtime's libm. */
function relativeError(x: number): number {
  const exact = Math.exp(x);
  return Math.abs(fastExp(x) - exact) / exact;
}

// 2 ulp of a double is at most 2 · 2^−52 relative.
const TOLERANCE = 2 * 2 ** -52;

test("e^x is within 2 ulp of Math.exp over the range lognormal draws use, and far beyond", () => {
  const source = streamFor(1, "fast-exp");
  let worst = 0;
  for (let i = 0; i < 1_000_000; i++) {
    const u = source();
    worst = Math.max(worst, relativeError((u - 0.5) * 60), relativeError((u - 0.5) * 1398));
  }
  expect(worst).toBeLessThan(TOLERANCE);
});

test("and at the edges: zero, tiny arguments, table steps, and the hand-over to Math.exp", () => {
  const xs = [0, -0, 1e-300, -1e-300, 1e-10, -1e-10, 1, -1, 699.99, -699.99];
  for (let n = -2000; n <= 2000; n++) xs.push((n * Math.LN2) / 256, ((n + 0.5) * Math.LN2) / 256);
  for (const x of xs) expect(relativeError(x), `x = ${x}`).toBeLessThan(TOLERANCE);
  expect(fastExp(0)).toBe(1);
  expect(fastExp(710)).toBe(Math.exp(710));
  expect(fastExp(-800)).toBe(0);
  expect(fastExp(Number.NaN)).toBeNaN();
  expect(fastExp(Number.NEGATIVE_INFINITY)).toBe(0);
});
