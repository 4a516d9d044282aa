import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import semver from "semver";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The runtime dependency list is what runtime code imports, and every installed production
 * package runs on the Node floor the package promises. `semver` is not a dependency of ours:
 * it comes with dependency-cruiser (and npm itself), and only this test uses it.
 */

const root = join(import.meta.dirname, "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  name: string;
  engines: { node: string };
  dependencies: Record<string, string>;
};
type LockEntry = { version?: string; dev?: boolean; optional?: boolean; engines?: { node?: string } | string[] };
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|js|mjs)$/.test(e.name) && !e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath, e.name));
}

/** The package a bare specifier names (`vega-lite/x.js` → `vega-lite`, `@a/b/c` → `@a/b`); undefined for relative paths and Node's own modules. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return builtinModules.includes(name) ? undefined : name;
}

function importedPackages(): Set<string> {
  const names = new Set<string>();
  for (const file of [...sourceFiles("src"), ...sourceFiles("bin")]) {
    // The compiler's own scan: static imports, re-exports, import() and import types; not comments or strings.
    for (const ref of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      const name = packageOf(ref.fileName);
      if (name !== undefined && name !== pkg.name) names.add(name);
    }
  }
  return names;
}

describe("dependencies", () => {
  it("lists exactly the packages that src/ and bin/ import", () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...importedPackages()].sort());
  });

  // `npm ci` warns (EBADENGINE) about any package it installs whose range excludes the running
  // Node; optional packages that do not fit are skipped silently instead.
  const floor = semver.minVersion(pkg.engines.node)!;
  const excluding = (which: (entry: LockEntry) => boolean) =>
    Object.entries(lock.packages)
      .filter(([path, entry]) => path !== "" && which(entry))
      .flatMap(([path, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range !== undefined && !semver.satisfies(floor, range) ? [`${path}@${entry.version}: node ${range}`] : [];
      });

  it("installs no production package whose engines.node excludes the promised floor", () => {
    expect(floor.version).toMatch(/^20\./);
    expect(excluding((entry) => entry.dev !== true)).toEqual([]);
  });

  it("nor any development package that npm ci would install", () => {
    expect(excluding((entry) => entry.dev === true && entry.optional !== true)).toEqual([]);
  });
});
