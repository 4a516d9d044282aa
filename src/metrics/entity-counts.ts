import { entityBrokeSlo, type OpSlo } from "./slo.js";

/** How an op's SLO is judged on one entity's traffic: the SLO and the requests it takes. */
export interface OpJudge {
  readonly slo: OpSlo;
  /** Requests of the op needed before it is judged (see `requestsToJudge`). */
  readonly need: number;
}

/** How many entities of a dimension an episode touched, out of how many, and their traffic. */
export interface TouchedCount {
  readonly touched: number;
  readonly of: number;
  /** Share of the requests counted that went to touched entities (0 with no requests). */
  readonly traffic: number;
}

/**
 * Requests, failures and slow successes per (entity, op), for token ranges, clients, zones,
 * regions or tenants, in flat typed arrays (cell `entity × ops + op`): the breadth of an episode
 * is read from these, never from stored requests.
 */
export class EntityCounts {
  readonly total: Float64Array;
  readonly failed: Float64Array;
  readonly slow: Float64Array;

  constructor(
    readonly size: number,
    readonly ops: number,
  ) {
    this.total = new Float64Array(size * ops);
    this.failed = new Float64Array(size * ops);
    this.slow = new Float64Array(size * ops);
  }

  add(entity: number, op: number, failed: boolean, slow: boolean): void {
    const cell = entity * this.ops + op;
    this.total[cell]++;
    if (failed) this.failed[cell]++;
    else if (slow) this.slow[cell]++;
  }

  /** Adds entity `from`'s counts of `source` (same ops) into this entity `to`. */
  addEntity(to: number, source: EntityCounts, from: number): void {
    const n = this.ops;
    for (let op = 0; op < n; op++) {
      this.total[to * n + op] += source.total[from * n + op];
      this.failed[to * n + op] += source.failed[from * n + op];
      this.slow[to * n + op] += source.slow[from * n + op];
    }
  }

  /** Adds every count of `other` into this. */
  addAll(other: EntityCounts): void {
    for (let i = 0; i < this.total.length; i++) {
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
   * The entities whose own traffic broke the SLO of an op they served (`judges`, one per op; see
   * `entityBrokeSlo`), judged only on ops with enough of their requests; `of` counts the
   * entities `counted` names (default all). An op with no traffic never sets a threshold.
   */
  touched(judges: readonly OpJudge[], counted?: (entity: number) => boolean): TouchedCount {
    const n = this.ops;
    let touched = 0;
    let of = 0;
    let all = 0;
    let hit = 0;
    for (let e = 0; e < this.size; e++) {
      if (counted && !counted(e)) continue;
      of++;
      let requests = 0;
      let broke = false;
      for (let op = 0; op < n; op++) {
        const cell = e * n + op;
        const t = this.total[cell];
        requests += t;
        if (!broke && t > 0 && entityBrokeSlo(judges[op].slo, judges[op].need, t, this.failed[cell], this.slow[cell])) broke = true;
      }
      all += requests;
      if (broke) {
        touched++;
        hit += requests;
      }
    }
    return { touched, of, traffic: all > 0 ? hit / all : 0 };
  }
}
