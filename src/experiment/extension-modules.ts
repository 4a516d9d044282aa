import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The modules that register a program's extensions (balancers, limit algorithms, fault kinds):
 * registries are per thread, so every worker thread imports them again before its first job.
 */
const loaded: string[] = [];

/** A module to import from any thread: a URL as given, a file path resolved against the working directory. */
export function moduleUrl(specifier: string | URL): string {
  if (specifier instanceof URL) return specifier.href;
  // A scheme (file:, data:, ...) but not a Windows drive letter.
  const isUrl = /^[a-z][a-z0-9+.-]+:/i.test(specifier) && !/^[a-z]:[\\/]/i.test(specifier);
  return isUrl ? specifier : pathToFileURL(resolve(specifier)).href;
}

/** Imports `specifiers` in this thread, in order, and remembers them for the worker threads started later. */
export async function loadExtensionModules(specifiers: readonly (string | URL)[]): Promise<void> {
  for (const url of specifiers.map(moduleUrl)) {
    await import(url);
    loaded.push(url);
  }
}

/** The modules loaded so far (URLs), for worker threads to import. */
export function extensionModules(): readonly string[] {
  return loaded;
}
