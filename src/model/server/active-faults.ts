/**
 * Faults of one kind acting on a node at once (disk degradations, error shares), each added when
 * it begins and removed by its value when it ends, and their combined effect: `combine` of the
 * values (1 or 0 when none acts, as `combine` says).
 */
export class ActiveFaults {
  #values: number[] = [];
  readonly #combine: (values: readonly number[]) => number;

  constructor(combine: (values: readonly number[]) => number) {
    this.#combine = combine;
  }

  /** One more acts: the combined effect now. */
  add(value: number): number {
    this.#values.push(value);
    return this.#combine(this.#values);
  }

  /** One ends (gone already when the hardware was replaced): the combined effect now. */
  remove(value: number): number {
    const i = this.#values.indexOf(value);
    if (i >= 0) this.#values.splice(i, 1);
    return this.#combine(this.#values);
  }

  /** None acts any more (new hardware): the combined effect of none. */
  clear(): number {
    this.#values = [];
    return this.#combine(this.#values);
  }
}

/** Multipliers that stack: their product. */
export function product(values: readonly number[]): number {
  let p = 1;
  for (const v of values) p *= v;
  return p;
}

/** Independent error sources: the share that hits at least one. */
export function anyOf(shares: readonly number[]): number {
  let ok = 1;
  for (const s of shares) ok *= 1 - s;
  return 1 - ok;
}
