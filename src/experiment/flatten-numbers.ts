/** Every finite number in `value` by dotted path; arrays are skipped (their length varies). */
export function flattenNumbers(value: unknown, prefix = "", into: Record<string, number> = {}): Record<string, number> {
  if (typeof value === "number") {
    if (Number.isFinite(value)) into[prefix] = value;
  } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) flattenNumbers(v, prefix ? `${prefix}.${key}` : key, into);
  }
  return into;
}
