/**
 * Requests, failures and slow successes per entity (token range, client, zone or region), in
 * flat typed arrays: the breadth of an episode is read from these, never from stored requests.
 */
export class EntityCounts {
  readonly total: Float64Array;
  readonly failed: Float64Array;
  readonly slow: Float64Array;

  constructor(readonly size: number) {
    this.total = new Float64Array(size);
    this.failed = new Float64Array(size);
    this.slow = new Float64Array(size);
  }

  add(i: number, failed: boolean, slow: boolean): void {
    this.total[i]++;
    if (failed) this.failed[i]++;
    else if (slow) this.slow[i]++;
  }

  /** Adds every count of `other` into this. */
  addAll(other: EntityCounts): void {
    for (let i = 0; i < this.size; i++) {
      this.total[i] += other.total[i];
      this.failed[i] += other.failed[i];
      this.slow[i] += other.slow[i];
    }
  }

  reset(): void {
    this.total.fill(0);
    this.failed.fill(0);
    this.slow.fill(0);
  }

  /**
   * How many entities were touched: taken alone, their share of failures exceeds `failAllowance`
   * or their share of slow answers exceeds `slowAllowance`.
   */
  touched(failAllowance: number, slowAllowance: number): number {
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      const t = this.total[i];
      if (t > 0 && (this.failed[i] / t > failAllowance || this.slow[i] / t > slowAllowance)) n++;
    }
    return n;
  }
}
