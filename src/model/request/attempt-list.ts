/**
 * A request's attempts in flight, oldest first. Nearly every request has one attempt at a
 * time: it is held in a field, and a list is made only for a second one (a hedge, or a retry
 * while an abandoned attempt lingers). An array per request cost two allocations, one of them
 * the 17-slot storage V8 gives an array on its first push.
 */
export class AttemptList<A> {
  #oldest: A | undefined = undefined;
  /** The attempts after the oldest, in order; undefined until a second is added. */
  #rest: A[] | undefined = undefined;

  get length(): number {
    if (this.#oldest === undefined) return 0;
    return this.#rest === undefined ? 1 : 1 + this.#rest.length;
  }

  /** The oldest attempt in flight (undefined when none). */
  get oldest(): A | undefined {
    return this.#oldest;
  }

  add(attempt: A): void {
    if (this.#oldest === undefined) this.#oldest = attempt;
    else if (this.#rest === undefined) this.#rest = [attempt];
    else this.#rest.push(attempt);
  }

  /** Takes `attempt` out, keeping the others in order; false when it is not in the list. */
  remove(attempt: A): boolean {
    const rest = this.#rest;
    if (attempt === this.#oldest) {
      this.#oldest = rest !== undefined && rest.length > 0 ? rest.shift() : undefined;
      return true;
    }
    if (rest === undefined) return false;
    const i = rest.lastIndexOf(attempt);
    if (i < 0) return false;
    rest.splice(i, 1);
    return true;
  }
}
