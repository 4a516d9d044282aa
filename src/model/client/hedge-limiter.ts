import { SimulationError } from "../simulation-error.js";
/**
 * Per server, the hedges this client has outstanding, admitted against a capacity given at each
 * call (it comes from the server's own signal and may change over time). Refusal is a value, not
 * an exception.
 */
export class HedgeLimiter {
  readonly #outstanding: Int32Array;
  #acquired = 0;
  #refused = 0;

  constructor(nodeCount: number) {
    if (!Number.isSafeInteger(nodeCount) || nodeCount < 0) {
      throw new RangeError(`hedge limiter: nodeCount must be a whole number >= 0, got ${nodeCount}`);
    }
    this.#outstanding = new Int32Array(nodeCount);
  }

  /** Takes a hedge slot on `node` if fewer than `capacity` (hedges, may be fractional) are outstanding there; whether it did. */
  tryAcquire(node: number, capacity: number): boolean {
    if (!(node >= 0 && node < this.#outstanding.length)) throw new RangeError(`hedge limiter: no node ${node}`);
    if (this.#outstanding[node] < capacity) {
      this.#outstanding[node]++;
      this.#acquired++;
      return true;
    }
    this.#refused++;
    return false;
  }

  /** Frees a slot taken by `tryAcquire` on `node` (when its hedge completes or is cancelled). */
  release(node: number): void {
    if (!(this.#outstanding[node] > 0)) throw new SimulationError(`release on node ${node} with no hedge outstanding`, "hedge limiter");
    this.#outstanding[node]--;
  }

  /** Hedges outstanding on `node`. */
  outstanding(node: number): number {
    return this.#outstanding[node];
  }

  /** Slots granted so far. */
  get acquired(): number {
    return this.#acquired;
  }

  /** Slots refused so far. */
  get refused(): number {
    return this.#refused;
  }
}
