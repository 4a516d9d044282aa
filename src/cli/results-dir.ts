import { join } from "node:path";

/**
 * The directory under `results/` for a scenario's name (and variant): the name reduced to a safe
 * slug, so that a name like "../../x" or "a/b" can never lead outside `results/`.
 */
export function defaultResultsDir(name: string, variant?: string): string {
  return join("results", slug(variant ? `${name}-${variant}` : name));
}

/** Letters, digits, `.`, `_`, `=`, `,`, `+` and `-`; anything else becomes `_`; never "." or "..". */
export function slug(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._=,+-]/g, "_").slice(0, 200);
  return safe === "" || /^\.+$/.test(safe) ? safe.replace(/\./g, "_") || "scenario" : safe;
}
