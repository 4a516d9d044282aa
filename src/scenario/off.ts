/**
 * Scenario files say "off" with `false`; the model says it with `undefined` (an absent option).
 * Every such field is converted here, by this one function: `convert` maps a value that is on.
 */
export function on<T>(value: T | false): T | undefined;
export function on<T, U>(value: T | false, convert: (value: T) => U): U | undefined;
export function on<T, U>(value: T | false, convert?: (value: T) => U): T | U | undefined {
  if (value === false) return undefined;
  return convert ? convert(value) : value;
}
