/**
 * Log-linear bucket layout, as in HdrHistogram. Values below 2^(SUB_BITS+1) µs get a bucket each;
 * each later power of two [2^k, 2^(k+1)) is split into 2^SUB_BITS equal buckets of width
 * 2^(k−SUB_BITS). A bucket is thus at most 1/128 of its lowest value wide, and its midpoint is
 * within 1/256 (0.39%) of every value in it.
 */
const SUB_BITS = 7;
const SUB_COUNT = 1 << SUB_BITS;
const SUB_MASK = SUB_COUNT - 1;
const MAX_EXPONENT = 40;
const LIMIT = 2 ** MAX_EXPONENT;
const TWO_32 = 2 ** 32;
const BUCKET_COUNT = (MAX_EXPONENT - SUB_BITS + 1) * SUB_COUNT;

/** The largest value recorded in its own bucket: 2^40 − 1 µs (about 12.7 days). */
export const LATENCY_HISTOGRAM_MAX_US = LIMIT - 1;

/** The bound on the relative error of a reported percentile of values up to the max: 2^−8. */
export const LATENCY_HISTOGRAM_RELATIVE_ERROR = 2 ** -(SUB_BITS + 1);

/** The bucket holding whole µs value `v` ≥ 0; values past the range share the last bucket. */
function bucketIndex(v: number): number {
  if (v < TWO_32) {
    if (v < SUB_COUNT) return v;
    const shift = 31 - Math.clz32(v) - SUB_BITS;
    return (shift << SUB_BITS) + (v >>> shift);
  }
  if (v >= LIMIT) return BUCKET_COUNT - 1;
  const shift = 63 - Math.clz32(Math.floor(v / TWO_32)) - SUB_BITS;
  return (shift << SUB_BITS) + Math.floor(v / 2 ** shift);
}

/** The lowest value of bucket `i`. */
function bucketLow(i: number): number {
  if (i < SUB_COUNT) return i;
  return ((i & SUB_MASK) + SUB_COUNT) * 2 ** ((i >> SUB_BITS) - 1);
}

/** The midpoint of the whole values in bucket `i`: the value a percentile reports. */
function bucketMid(i: number): number {
  if (i < 2 * SUB_COUNT) return i;
  return bucketLow(i) + (2 ** ((i >> SUB_BITS) - 1) - 1) / 2;
}

function assertPercentile(p: number): void {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be in [0, 100], got ${p}`);
}

/** Nearest rank of percentile `p` among `count` values; the epsilon absorbs 99.9·n/100 rounding. */
function rankOf(p: number, count: number): number {
  return Math.max(1, Math.ceil((p * count) / 100 - 1e-9));
}

/**
 * A latency histogram over whole microseconds with bounded relative error (HdrHistogram style).
 * Recording is O(1) and allocation-free. For values up to LATENCY_HISTOGRAM_MAX_US a reported
 * percentile is within 0.39% (2^−8) of the exact nearest-rank value, and exact below 256 µs;
 * larger values are counted in the last bucket, and a percentile that lands there reports the
 * exact max (erring high).
 * `count`, `sum`, `mean`, `min` and `max` are exact. Counts are doubles, exact to 2^53.
 */
export class LatencyHistogram {
  #counts = new Float64Array(BUCKET_COUNT);
  #count = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;
  // The touched bucket range [#lo, #hi], so that reset and merge skip the empty cells.
  #lo = BUCKET_COUNT;
  #hi = -1;

  /** Records one value in µs; negatives count as 0 and fractions are rounded. */
  record(us: number): void {
    this.#add(us, 1);
  }

  /** Records `count` (a whole number ≥ 0) occurrences of the value `us`. */
  recordMany(us: number, count: number): void {
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`count must be a whole number >= 0, got ${count}`);
    }
    if (count > 0) this.#add(us, count);
  }

  #add(us: number, n: number): void {
    let v = Math.round(us);
    if (v < 0) v = 0;
    else if (!(v <= Number.MAX_SAFE_INTEGER)) {
      throw new RangeError(`latency must be a number of µs up to 2^53, got ${us}`);
    }
    const i = bucketIndex(v);
    this.#counts[i] += n;
    this.#count += n;
    this.#sum += v * n;
    if (v < this.#min) this.#min = v;
    if (v > this.#max) this.#max = v;
    if (i < this.#lo) this.#lo = i;
    if (i > this.#hi) this.#hi = i;
  }

  /** How many values were recorded. */
  get count(): number {
    return this.#count;
  }

  /** The exact sum of the recorded values in µs (after clamping and rounding). */
  get sum(): number {
    return this.#sum;
  }

  /** The exact mean in µs; 0 when empty. */
  get mean(): number {
    return this.#count === 0 ? 0 : this.#sum / this.#count;
  }

  /** The exact smallest recorded value in µs; 0 when empty. */
  get min(): number {
    return this.#count === 0 ? 0 : this.#min;
  }

  /** The exact largest recorded value in µs (even past the bucket range); 0 when empty. */
  get max(): number {
    return this.#count === 0 ? 0 : this.#max;
  }

  /**
   * The nearest-rank `p`-th percentile (p in [0, 100]) in µs: the midpoint of the first bucket
   * whose cumulative count reaches ceil(p/100 · count), clamped to [min, max]; 0 when empty.
   * Ranks 1 and count report the exact min and max; a rank in the last bucket, once values past
   * the range were recorded, reports the exact max (erring high).
   */
  percentile(p: number): number {
    assertPercentile(p);
    return this.percentiles([p])[0];
  }

  /** Several percentiles in one pass over the buckets, in the order asked. */
  percentiles(ps: readonly number[]): number[] {
    for (const p of ps) assertPercentile(p);
    const out = new Array<number>(ps.length).fill(0);
    if (this.#count === 0) return out;
    const order = ps.map((_, k) => k).sort((a, b) => ps[a] - ps[b] || a - b);
    let i = this.#lo;
    let cumulative = this.#counts[i];
    for (const k of order) {
      const rank = rankOf(ps[k], this.#count);
      while (cumulative < rank && i < this.#hi) cumulative += this.#counts[++i];
      out[k] = this.#valueAt(i, rank);
    }
    return out;
  }

  /** The value reported for the `rank`-th smallest value, which lies in bucket `i`. */
  #valueAt(i: number, rank: number): number {
    if (rank <= 1) return this.#min;
    if (rank >= this.#count) return this.#max;
    // The last bucket also holds everything past the range: its midpoint means nothing there.
    if (i === BUCKET_COUNT - 1 && this.#max >= LIMIT) return this.#max;
    return Math.min(this.#max, Math.max(this.#min, bucketMid(i)));
  }

  /**
   * How many recorded values exceed `us`. Exact when `us` is below 256, below min, at or above
   * max, or at the top of its bucket; otherwise it errs low, by at most the values that share the
   * threshold's bucket (a bucket spans ≤ 0.78% of its value). It never counts a value ≤ `us`.
   */
  countAbove(us: number): number {
    if (this.#count === 0 || us >= this.#max) return 0;
    if (us < this.#min) return this.#count;
    const from = bucketIndex(Math.floor(us)) + 1;
    let n = 0;
    for (let i = from; i <= this.#hi; i++) n += this.#counts[i];
    return n;
  }

  /** Adds every value recorded in `other` to this histogram. */
  merge(other: LatencyHistogram): void {
    if (other.#count === 0) return;
    const src = other.#counts;
    for (let i = other.#lo; i <= other.#hi; i++) this.#counts[i] += src[i];
    this.#count += other.#count;
    this.#sum += other.#sum;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
    if (other.#lo < this.#lo) this.#lo = other.#lo;
    if (other.#hi > this.#hi) this.#hi = other.#hi;
  }

  /** Empties the histogram, zeroing only the buckets that were touched. */
  reset(): void {
    if (this.#hi >= this.#lo) this.#counts.fill(0, this.#lo, this.#hi + 1);
    this.#count = 0;
    this.#sum = 0;
    this.#min = Infinity;
    this.#max = -Infinity;
    this.#lo = BUCKET_COUNT;
    this.#hi = -1;
  }

  /** An independent copy. */
  clone(): LatencyHistogram {
    const copy = new LatencyHistogram();
    if (this.#hi >= this.#lo) copy.#counts.set(this.#counts.subarray(this.#lo, this.#hi + 1), this.#lo);
    copy.#count = this.#count;
    copy.#sum = this.#sum;
    copy.#min = this.#min;
    copy.#max = this.#max;
    copy.#lo = this.#lo;
    copy.#hi = this.#hi;
    return copy;
  }
}
