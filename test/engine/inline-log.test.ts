import { expect, test } from "vitest";
import { minusLogOneMinus } from "../../src/engine/distributions/inline-log.js";
import { streamFor } from "../../src/engine/random-streams.js";

// Against the closed form computed by the runtime's libm: −log1p(−u).
function relative(value: number, exact: number): number {
  return exact === 0 ? Math.abs(value) : Math.abs(value - exact) / Math.abs(exact);
}
const errorOfMinusLog = (u: number) => relative(minusLogOneMinus(u), -Math.log1p(-u));

// 2 ulp of a double is at most 2 · 2^−52 relative; the worst seen is about 1.5 ulp.
const TOLERANCE = 2 * 2 ** -52;

test("−ln(1 − u) is within 2 ulp of libm on a million uniform draws", () => {
  const source = streamFor(1, "inline-log");
  let worst = 0;
  for (let i = 0; i < 1_000_000; i++) {
    const u = source();
    worst = Math.max(worst, errorOfMinusLog(u));
  }
  expect(worst).toBeLessThan(TOLERANCE);
});

test("and at the edges: tiny values, the series boundary, every interval, and next to 1", () => {
  const us: number[] = [2 ** -53, 2 ** -32, 1e-12, 1e-6];
  for (let k = -4; k <= 4; k++) us.push(2 ** -8 + k * 2 ** -60, 1 - 2 ** -8 + k * 2 ** -53);
  for (let i = 1; i < 4096; i++) us.push(i / 4096, (i + 0.5) / 4096);
  for (let k = 1; k <= 1000; k++) us.push(1 - k * 2 ** -32, 1 - k * 2 ** -53);
  for (const u of us) {
    expect(errorOfMinusLog(u), `−ln(1 − ${u})`).toBeLessThan(TOLERANCE);
  }
});

test("0 and 1 map exactly, and values outside the domain give what ln gives", () => {
  expect(minusLogOneMinus(0)).toBe(0);
  expect(minusLogOneMinus(1)).toBe(Number.POSITIVE_INFINITY);
  expect(minusLogOneMinus(Number.NaN)).toBeNaN();
});
