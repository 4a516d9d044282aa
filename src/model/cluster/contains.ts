/**
 * `list.includes(x)` for the few node indices of a replica set: a plain loop the JIT inlines,
 * where `includes` is a call into the runtime on the request path.
 */
export function contains(list: readonly number[], x: number): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === x) return true;
  return false;
}
