/**
 * −ln(1 − u) for exponential draws in plain arithmetic that the JIT inlines: Math.log1p is a
 * call into C that costs about as much as the rest of an event; this is within 2 ulp of it (see
 * the test), so draws keep their distribution and, after rounding to whole µs, their values.
 *
 * Method: x = 2^−k · m with m in [1, 2); m is split at the centre c of one of 256 equal
 * intervals, so ln m = ln c + ln(1 + r) with r = (m − c) / c, |r| ≤ 2^−9, where seven terms of
 * the series for ln(1 + r) are exact to double precision. Centres above 1.5 use ln(c / 2) and one
 * power of two less, so that results near 0 do not come from cancelling large terms. Within 2^−8
 * of 1, the series of −ln(1 − u) in u = 1 − x is used directly.
 */
const INTERVAL_BITS = 8;
const INTERVALS = 1 << INTERVAL_BITS;
/** Per interval: its centre c, 1 / c, ln c (or ln(c / 2)), and the power of two taken back (0 or 1). */
const TABLE = new Float64Array(4 * INTERVALS);
for (let i = 0; i < INTERVALS; i++) {
  const c = 1 + (i + 0.5) / INTERVALS;
  const upper = i >= INTERVALS / 2;
  TABLE[4 * i] = c;
  TABLE[4 * i + 1] = 1 / c;
  TABLE[4 * i + 2] = upper ? Math.log(c / 2) : Math.log(c);
  TABLE[4 * i + 3] = upper ? 1 : 0;
}
/** 2^k for the k a double of [2^−63, 1) can need. */
const POWERS_OF_TWO = Float64Array.from({ length: 64 }, (_, k) => 2 ** k);
/** ln 2 − Math.LN2: the digits of ln 2 that a double leaves out. */
const LN2_TAIL = 2.319046813846299558e-17;
// ln 2 in two parts: k · LN2_HI is exact for the small k here (LN2_HI has 32 significant bits).
const LN2_HI = Math.round(Math.LN2 * 2 ** 32) / 2 ** 32;
const LN2_LO = Math.LN2 - LN2_HI + LN2_TAIL;
const SERIES_BELOW = 2 ** -8;
const SMALLEST = 2 ** -63;
// The high 32 bits of a double, for its exponent and leading mantissa bits: word HIGH of
// WORDS (which word depends on the machine's byte order). A view at a byte offset instead would
// be simpler, and twice as slow.
const DOUBLE = new Float64Array(1);
const WORDS = new Int32Array(DOUBLE.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** −ln(1 − u) for 0 ≤ u < 2^−8: Σ u^n / n, n = 1..9; the first term left out is below 2^−64 · u. */
function seriesBelow(u: number): number {
  return u + u * u * (1 / 2 + u * (1 / 3 + u * (1 / 4 + u * (1 / 5 + u * (1 / 6 + u * (1 / 7 + u * (1 / 8 + u / 9)))))));
}

/** −ln(1 − u), to within 2 ulp, for u in [0, 1). */
export function minusLogOneMinus(u: number): number {
  if (u < SERIES_BELOW) return seriesBelow(u);
  const x = 1 - u;
  if (!(x >= SMALLEST)) return -Math.log(x); // u ≥ 1 or NaN: whatever ln makes of it
  DOUBLE[0] = x;
  const high = WORDS[HIGH];
  const k = 1023 - (high >>> 20);
  const at = ((high >>> (20 - INTERVAL_BITS)) & (INTERVALS - 1)) * 4;
  const scale = POWERS_OF_TWO[k];
  const r = (x * scale - TABLE[at]) * TABLE[at + 1];
  const log1pR = r * (1 + r * (-1 / 2 + r * (1 / 3 + r * (-1 / 4 + r * (1 / 5 + r * (-1 / 6 + r / 7))))));
  // 1 − u = x + d exactly (d ≠ 0 only when u has bits below x's last one): ln(1 − u) ≈ ln x + d / x.
  const d = 1 - x - u;
  const n = k - TABLE[at + 3];
  return n * LN2_HI - TABLE[at + 2] - log1pR - d * TABLE[at + 1] * scale + n * LN2_LO;
}
