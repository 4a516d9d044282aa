import type { Source } from "../random-streams.js";

/**
 * Normal draws by the ziggurat method (Marsaglia and Tsang, 2000): the density's right half is
 * covered by 128 strips of equal area, each a rectangle; a draw picks a strip and a point across
 * its width, and about 98.8% of points lie under the next strip up, entirely below the curve, so
 * they are returned at the cost of one uniform, a mask and a multiply. The rest are tested
 * against the curve (a wedge) or drawn from the tail beyond R by Marsaglia's exponential method.
 *
 * One uniform of the source gives both the strip (its low 7 bits) and the point (the 25 bits
 * above, with the sign), so the two never share bits (Doornik, 2005, on the original's flaw).
 * A point is one of 2^24 per strip: far finer than the whole µs every draw is rounded to.
 */
const STRIPS = 128;
/** Where the base strip's rectangle ends and the tail begins, for 128 strips. */
const R = 3.442619855899;
/** The area of each strip (the base strip: its rectangle and the tail beyond R). */
const AREA = 9.91256303526217e-3;

/** f(x) = exp(−x²/2), the normal density without its constant. */
function density(x: number): number {
  return Math.exp(-0.5 * x * x);
}

/**
 * EDGE[i]: strip i's width (i = 0 is the base strip, its width AREA / f(R) so that its rectangle
 * and the tail are drawn in proportion); EDGE[i + 1] is the width of the strip above, under which
 * every point of strip i lies below the curve. INNER[i] = EDGE[i + 1] / EDGE[i]; TOP[i] = f(EDGE[i]).
 */
const EDGE = new Float64Array(STRIPS + 1);
const INNER = new Float64Array(STRIPS);
const TOP = new Float64Array(STRIPS + 1);
EDGE[0] = AREA / density(R);
EDGE[1] = R;
for (let i = 1; i < STRIPS - 1; i++) {
  // The strip above has the same area: its top f(x) sits AREA / EDGE[i] higher.
  EDGE[i + 1] = Math.sqrt(-2 * Math.log(AREA / EDGE[i] + density(EDGE[i])));
}
EDGE[STRIPS] = 0;
for (let i = 0; i < STRIPS; i++) INNER[i] = EDGE[i + 1] / EDGE[i];
for (let i = 0; i <= STRIPS; i++) TOP[i] = density(EDGE[i]);

const TWO_TO_32 = 4294967296;
/** Maps the 25 signed bits above the strip's 7 to (−1, 1), symmetric and never 0. */
const POINT_SCALE = 2 ** -24;

/** Draws from N(mean, stddev²). */
export class ZigguratNormal {
  constructor(
    readonly source: Source,
    readonly mean: number,
    readonly stddev: number,
  ) {}

  next(): number {
    return this.mean + this.stddev * standardNormal(this.source);
  }
}

/** A standard normal deviate drawn from `source`. */
export function standardNormal(source: Source): number {
  for (;;) {
    // ToInt32 of a whole number below 2^32: the source's 32 bits as a signed integer.
    const bits = (source() * TWO_TO_32) | 0;
    const strip = bits & (STRIPS - 1);
    const u = ((bits >> 7) + 0.5) * POINT_SCALE;
    if (Math.abs(u) < INNER[strip]) return u * EDGE[strip];
    if (strip === 0) return u < 0 ? -tail(source) : tail(source);
    const x = u * EDGE[strip];
    // A wedge: below the curve with probability (f(x) − f(edge)) / (f(edge above) − f(edge)).
    if (TOP[strip] + source() * (TOP[strip + 1] - TOP[strip]) < density(x)) return x;
  }
}

/** A draw from the normal's tail beyond R (Marsaglia, 1964): R + a where 2b > a², a, b exponential. */
function tail(source: Source): number {
  for (;;) {
    const a = -Math.log(1 - source()) / R;
    const b = -Math.log(1 - source());
    if (b + b > a * a) return R + a;
  }
}
