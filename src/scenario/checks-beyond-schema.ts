/**
 * The checks across sections (a fault's zone against the topology, a replication factor against
 * the nodes) need a document the schema accepted, so a file with a schema problem used to show
 * them only once that was fixed: a second round of errors. Here they run on a repaired copy, so
 * one pass reports both.
 *
 * The repair takes out every value a schema problem names (an unknown key, a bad optional
 * setting, which then takes its default). A required value cannot simply go: the few a user
 * commonly gets wrong (the duration, the rate) are put back as placeholders, twice, with two
 * very different values, and only problems found with both are kept, so that none is about a
 * placeholder. Problems at or under a repaired path are dropped too. When the copy cannot be
 * repaired this way, there is nothing more to say until the schema problems are fixed.
 */
import type * as z from "zod";
import type { DataPath, ScenarioProblem } from "./scenario-error.js";

type Problem = Omit<ScenarioProblem, "line" | "column">;

/** Two values each required key may take while its own value is wrong: far apart, both valid. */
const PLACEHOLDERS: ReadonlyMap<string, readonly [unknown, unknown]> = new Map([
  ["duration", ["1s", "3650d"]],
  ["workload.rate", ["1/s", "1000000/s"]],
]);

/**
 * The problems `check` finds in a repaired copy of `data`, which `schema` refused with
 * `schemaProblems`; [] when the copy cannot be repaired or `check` finds nothing reliable.
 */
export function problemsBeyondSchema<T>(
  schema: z.ZodType<T>,
  data: unknown,
  schemaProblems: readonly ScenarioProblem[],
  check: (spec: T) => readonly Problem[],
): Problem[] {
  try {
    return repairedProblems(schema, data, schemaProblems, check);
  } catch {
    // Only ever an addition to the schema's problems: input it cannot repair (YAML's odd types,
    // a check thrown off by a repaired copy) leaves those to speak alone, never a crash.
    return [];
  }
}

function repairedProblems<T>(
  schema: z.ZodType<T>,
  data: unknown,
  schemaProblems: readonly ScenarioProblem[],
  check: (spec: T) => readonly Problem[],
): Problem[] {
  const repaired = schemaProblems.map((p) => p.path);
  if (repaired.some((path) => path.length === 0)) return [];
  let copy: unknown;
  try {
    copy = structuredClone(data);
  } catch {
    return [];
  }
  for (const path of repaired) removeAt(copy, path);
  const missing = requiredMissing(schema, copy);
  if (missing === undefined) return [];
  const first = withPlaceholders(copy, missing, 0);
  const second = withPlaceholders(copy, missing, 1);
  const a = schema.safeParse(first);
  const b = schema.safeParse(second);
  if (!a.success || !b.success) return [];
  const found = check(a.data);
  const again = check(b.data);
  const key = (p: Problem) => `${JSON.stringify(p.path)}\u0000${p.message}`;
  const both = new Set(again.map(key));
  const under = (path: DataPath) => repaired.some((r) => r.length <= path.length && r.every((s, i) => s === path[i]));
  return found.filter((p) => both.has(key(p)) && !under(p.path));
}

/**
 * The required keys missing from `copy` (dotted), each with placeholders; undefined when the
 * schema refuses it for any other reason, or a missing key has no placeholder.
 */
function requiredMissing<T>(schema: z.ZodType<T>, copy: unknown): string[] | undefined {
  const result = schema.safeParse(copy);
  if (result.success) return [];
  const missing: string[] = [];
  for (const issue of result.error.issues) {
    const dotted = issue.path.map(String).join(".");
    if (issue.input !== undefined || !PLACEHOLDERS.has(dotted)) return undefined;
    missing.push(dotted);
  }
  return missing;
}

function withPlaceholders(copy: unknown, missing: readonly string[], which: 0 | 1): unknown {
  const out = structuredClone(copy) as Record<string, unknown>;
  for (const dotted of missing) {
    const keys = dotted.split(".");
    let node = out;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys[keys.length - 1]] = PLACEHOLDERS.get(dotted)![which];
  }
  return out;
}

/** Deletes the value at `path` (a list item is left in place: removing it would shift the others). */
function removeAt(data: unknown, path: DataPath): void {
  let node = data;
  for (const segment of path.slice(0, -1)) {
    if (node === null || typeof node !== "object") return;
    node = (node as Record<string | number, unknown>)[segment];
  }
  const last = path[path.length - 1];
  if (node !== null && typeof node === "object" && Object.getPrototypeOf(node) === Object.prototype) delete (node as Record<string | number, unknown>)[last];
}
