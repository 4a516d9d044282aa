import { AttemptKind } from "../request/codes.js";
import type { Limiter } from "./limiter.js";

/** Criticalities of work, most critical first: user-facing, batch and background, then marked retries and hedges. */
export const CRITICALITIES = ["critical", "background", "retry"] as const;
export type Criticality = (typeof CRITICALITIES)[number];

/** Prioritised load shedding at a server's concurrency limiter, as the model takes it. */
export interface PrioritySheddingConfig {
  /**
   * Per criticality (indexed like CRITICALITIES), the share of the limit its work may fill, in
   * (0, 1]: work of a criticality with share s is admitted while fewer than floor(s × limit) are
   * in flight. Non-increasing: a less critical class never gets more room than a more critical one.
   */
  readonly shares: readonly number[];
  /** Per namespace, the criticality of its requests (index into CRITICALITIES). */
  readonly namespaces: readonly number[];
  /** The criticality clients mark their retries with (the less critical of it and the request's own); absent: unmarked. */
  readonly retries?: number;
  /** The same for hedges. */
  readonly hedges?: number;
}

/**
 * Which share of the limit an attempt may fill, by its namespace and kind (first, hedge, retry),
 * as in Netflix's priority shedding and Google's criticality: when a server is full the least
 * critical work is shed first, because its threshold is reached first. The levels of every
 * (namespace, kind) are worked out once, so the request path does one array read.
 */
export class PriorityShedding {
  /** Per (namespace × 3 + kind): criticality index. */
  readonly #levels: Int8Array;
  readonly #shares: readonly number[];
  /** Per criticality: work offered to the limiter, and work it shed. */
  readonly offered = new Float64Array(CRITICALITIES.length);
  readonly shed = new Float64Array(CRITICALITIES.length);

  constructor(config: PrioritySheddingConfig) {
    const { shares, namespaces } = config;
    if (shares.length !== CRITICALITIES.length) throw new RangeError(`priority shedding: need ${CRITICALITIES.length} shares, got ${shares.length}`);
    shares.forEach((s, i) => {
      if (!(s > 0 && s <= 1)) throw new RangeError(`priority shedding: the share of ${CRITICALITIES[i]} must be in (0, 1], got ${s}`);
      if (i > 0 && s > shares[i - 1]) throw new RangeError(`priority shedding: ${CRITICALITIES[i]} may not get more of the limit than ${CRITICALITIES[i - 1]} (${s} > ${shares[i - 1]})`);
    });
    const level = (x: number | undefined) => {
      if (x !== undefined && !(Number.isInteger(x) && x >= 0 && x < CRITICALITIES.length)) throw new RangeError(`priority shedding: no criticality ${x}`);
      return x;
    };
    const retry = level(config.retries);
    const hedge = level(config.hedges);
    this.#shares = shares;
    this.#levels = new Int8Array(namespaces.length * 3);
    namespaces.forEach((own, ns) => {
      level(own);
      this.#levels[ns * 3 + AttemptKind.FIRST] = own;
      this.#levels[ns * 3 + AttemptKind.HEDGE] = hedge === undefined ? own : Math.max(own, hedge);
      this.#levels[ns * 3 + AttemptKind.RETRY] = retry === undefined ? own : Math.max(own, retry);
    });
  }

  /** The criticality (index into CRITICALITIES) of an attempt of `kind` in namespace `namespace`. */
  level(namespace: number, kind: number): number {
    return this.#levels[namespace * 3 + kind];
  }

  /** The share of the limit work of criticality `level` may fill. */
  share(level: number): number {
    return this.#shares[level];
  }

  /** Asks `limiter` for a permit for an attempt of `kind` in `namespace`, within its criticality's share; counts it. */
  tryAcquire(limiter: Limiter, namespace: number, kind: number): boolean {
    const level = this.#levels[namespace * 3 + kind];
    this.offered[level]++;
    if (limiter.tryAcquire(this.#shares[level])) return true;
    this.shed[level]++;
    return false;
  }
}
