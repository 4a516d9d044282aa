import type { Micros } from "../../engine/time.js";
import type { OutageCause } from "./change-streams.js";

/** One quorum loss, as read back from an OutageLog. */
export interface Outage {
  readonly cluster: number;
  readonly start: Micros;
  /** When every range had a quorum again, or the end of the run when `ongoing`. */
  readonly end: Micros;
  /** The most ranges of the cluster without quorum at any moment of the outage. */
  readonly maxLacking: number;
  /** True when the run ended during the outage. */
  readonly ongoing: boolean;
  /** What had a node down in the cluster when it began: a bad deploy first, then maintenance, else hardware failure. */
  readonly cause: OutageCause;
  /**
   * Why it began, range by range: a bad deploy, else maintenance, when a node down for one is
   * among the missing replicas of a range that lost its quorum; else hardware failure (see FleetState).
   */
  readonly rangeCause: OutageCause;
}

/**
 * Every quorum loss of a fleet, in the order they began, as columns of typed arrays that double
 * when full: about 30 bytes an outage, nothing per cluster.
 */
export class OutageLog {
  #size = 0;
  #cluster = new Int32Array(64);
  #start = new Float64Array(64);
  #end = new Float64Array(64);
  #maxLacking = new Int32Array(64);
  #cause = new Uint8Array(64);
  #rangeCause = new Uint8Array(64);
  #ongoing = new Uint8Array(64);

  /** Outages logged. */
  get size(): number {
    return this.#size;
  }

  /** Logs an outage of `cluster` beginning at `start` with `lacking` ranges short; returns its index. */
  open(cluster: number, start: Micros, lacking: number, cause: OutageCause, rangeCause: OutageCause): number {
    if (this.#size === this.#cluster.length) this.#grow();
    const i = this.#size++;
    this.#cluster[i] = cluster;
    this.#start[i] = start;
    this.#end[i] = start;
    this.#maxLacking[i] = lacking;
    this.#cause[i] = cause;
    this.#rangeCause[i] = rangeCause;
    return i;
  }

  /** Outage `i` now has `lacking` ranges short. */
  raise(i: number, lacking: number): void {
    if (lacking > this.#maxLacking[i]) this.#maxLacking[i] = lacking;
  }

  /** Outage `i` ended at `end`, or the run did (`ongoing`). */
  close(i: number, end: Micros, ongoing: boolean): void {
    this.#end[i] = end;
    this.#ongoing[i] = ongoing ? 1 : 0;
  }

  cluster(i: number): number {
    return this.#cluster[i];
  }

  /** Outage `i` read back as an object (for reports and tests, never on the hot path). */
  get(i: number): Outage {
    if (!(i >= 0 && i < this.#size)) throw new RangeError(`no outage ${i} (${this.#size} logged)`);
    const cause = this.#cause[i] as OutageCause;
    const rangeCause = this.#rangeCause[i] as OutageCause;
    return { cluster: this.#cluster[i], start: this.#start[i], end: this.#end[i], maxLacking: this.#maxLacking[i], ongoing: this.#ongoing[i] === 1, cause, rangeCause };
  }

  /** µs outage `i` lasted. */
  duration(i: number): Micros {
    return this.#end[i] - this.#start[i];
  }

  maxLacking(i: number): number {
    return this.#maxLacking[i];
  }

  cause(i: number): OutageCause {
    return this.#cause[i] as OutageCause;
  }

  rangeCause(i: number): OutageCause {
    return this.#rangeCause[i] as OutageCause;
  }

  /** The outages' indices grouped by cluster (clusters ascending, each in the order it began): a counting sort. */
  byCluster(clusters: number): Int32Array {
    const first = new Int32Array(clusters + 1);
    for (let i = 0; i < this.#size; i++) first[this.#cluster[i] + 1]++;
    for (let c = 0; c < clusters; c++) first[c + 1] += first[c];
    const order = new Int32Array(this.#size);
    for (let i = 0; i < this.#size; i++) order[first[this.#cluster[i]]++] = i;
    return order;
  }

  #grow(): void {
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.#cluster = grow(this.#cluster);
    this.#start = grow(this.#start);
    this.#end = grow(this.#end);
    this.#maxLacking = grow(this.#maxLacking);
    this.#cause = grow(this.#cause);
    this.#rangeCause = grow(this.#rangeCause);
    this.#ongoing = grow(this.#ongoing);
  }
}
