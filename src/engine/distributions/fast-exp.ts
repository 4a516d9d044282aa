/**
 * e^x in plain arithmetic that the JIT inlines, within 2 ulp of Math.exp (see the test), for the
 * lognormal's exp(N(mu, sigma)): Math.exp is a call into C that costs as much as the normal draw.
 *
 * Method: x = (256 · q + j) · ln 2 / 256 + r with |r| ≤ ln 2 / 512, so e^x = 2^q · 2^(j/256) · e^r,
 * where 2^(j/256) comes from a table and six terms of the series of e^r are exact to double
 * precision. Arguments beyond ±700 (near overflow and underflow) and NaN go to Math.exp.
 */
const STEPS = 256;
/** 2^(j/256) for j = 0..255. */
const STEP_POWERS = Float64Array.from({ length: STEPS }, (_, j) => 2 ** (j / STEPS));
/** 2^q for q = −1023..1023, at q + 1023. */
const POWERS_OF_TWO = Float64Array.from({ length: 2047 }, (_, i) => 2 ** (i - 1023));
const STEPS_PER_LOG = STEPS / Math.LN2;
/** ln 2 − Math.LN2: the digits of ln 2 that a double leaves out. */
const LN2_TAIL = 2.319046813846299558e-17;
// ln 2 / 256 in two parts: n · STEP_HI is exact for |n| < 2^20 (STEP_HI has 32 significant bits),
// and STEP_LO carries the rest to well beyond double precision.
const STEP_HI = Math.round((Math.LN2 / STEPS) * 2 ** 40) / 2 ** 40;
const STEP_LO = (Math.LN2 - STEPS * STEP_HI + LN2_TAIL) / STEPS;
const LIMIT = 700;

/** e^x, to within 2 ulp. */
export function fastExp(x: number): number {
  if (!(x > -LIMIT && x < LIMIT)) return Math.exp(x);
  const n = Math.round(x * STEPS_PER_LOG);
  const r = x - n * STEP_HI - n * STEP_LO;
  const series = 1 + r * (1 + r * (1 / 2 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r / 720)))));
  const j = n & (STEPS - 1);
  return POWERS_OF_TWO[((n - j) / STEPS) + 1023] * STEP_POWERS[j] * series;
}
