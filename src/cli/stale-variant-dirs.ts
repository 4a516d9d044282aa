import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/** The files `compare` writes in each variant's directory: all it may ever take away there. */
const VARIANT_FILES = ["summary.json", "windows.csv", "episodes.csv"];

/**
 * Before `compare` rewrites `dir`: the variant directories an earlier comparison there wrote
 * (named in its compare.json) that the new one will not, so that a report never draws them
 * beside it. Only the files compare writes are removed, and a directory only once it is empty:
 * anything else a user put there stays. Returns the directories cleared.
 */
export function removeStaleVariantDirs(dir: string, newDirs: readonly string[], dirName: (variant: string) => string): string[] {
  const previous = previousVariants(join(dir, "compare.json"));
  const cleared: string[] = [];
  for (const variant of previous) {
    const sub = dirName(variant);
    if (newDirs.includes(sub) || sub === "." || sub === ".." || sub === "") continue;
    const path = join(dir, sub);
    if (!existsSync(path)) continue;
    for (const file of VARIANT_FILES) rmSync(join(path, file), { force: true });
    if (readdirSync(path).length === 0) rmdirSync(path);
    cleared.push(sub);
  }
  return cleared;
}

/** The variant names of a compare.json relisim wrote; none when there is none, or it is not ours. */
function previousVariants(file: string): string[] {
  if (!existsSync(file)) return [];
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as { header?: { relisim?: unknown }; variants?: unknown };
    if (typeof data?.header?.relisim !== "string" || data.variants === null || typeof data.variants !== "object") return [];
    return Object.keys(data.variants);
  } catch {
    return [];
  }
}
