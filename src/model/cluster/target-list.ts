/**
 * The replicas a coordinator sends one request to: one list per cluster, refilled for every
 * request. Emptying an array by `length = 0` frees its storage and the next push allocates it
 * again; this list keeps its storage and only resets its count.
 */
export class TargetList {
  readonly #nodes: number[] = [];
  length = 0;

  /** A list holding `nodes`, in order. */
  static of(nodes: readonly number[]): TargetList {
    const list = new TargetList();
    for (const node of nodes) list.add(node);
    return list;
  }

  clear(): void {
    this.length = 0;
  }

  add(node: number): void {
    this.#nodes[this.length++] = node;
  }

  at(i: number): number {
    return this.#nodes[i];
  }

  has(node: number): boolean {
    for (let i = 0; i < this.length; i++) if (this.#nodes[i] === node) return true;
    return false;
  }
}
