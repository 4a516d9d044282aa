/** A number for descriptions: at most 6 significant digits, so 1/3 reads 0.333333. */
export function formatNumber(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x);
}

/** A value for error messages, shown exactly (strings quoted, a missing value named). */
export function showValue(x: unknown): string {
  if (x === undefined) return "nothing";
  return typeof x === "string" ? JSON.stringify(x) : String(x);
}

/** Whether `x` is a finite number. */
export function isFiniteNumber(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/** Appends a message to `problems` unless `value` is a finite number; returns whether it is. */
export function checkFinite(problems: string[], dist: string, name: string, value: unknown): value is number {
  if (isFiniteNumber(value)) return true;
  problems.push(`${dist}: ${name} must be a finite number, got ${showValue(value)}`);
  return false;
}

/** Appends a message to `problems` unless `value` is a finite number > 0; returns whether it is. */
export function checkPositive(problems: string[], dist: string, name: string, value: unknown): value is number {
  if (!checkFinite(problems, dist, name, value)) return false;
  if (value > 0) return true;
  problems.push(`${dist}: ${name} (${value}) must be greater than 0`);
  return false;
}

/** Throws one RangeError listing every problem, if there are any. */
export function throwIfProblems(problems: readonly string[]): void {
  if (problems.length > 0) throw new RangeError(problems.join("; "));
}

/** Throws a RangeError unless p is a probability in [0, 1]. */
export function assertProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
}
