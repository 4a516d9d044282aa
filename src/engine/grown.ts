/**
 * A typed array of `length` elements (at least `old.length`) that starts with a copy of `old`:
 * how the engine's and the model's tables grow when they are full.
 */
export function grown<T extends Int32Array | Float64Array>(old: T, length: number): T {
  const bigger = new (old.constructor as new (length: number) => T)(length);
  bigger.set(old);
  return bigger;
}
