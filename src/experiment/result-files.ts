import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ScenarioError } from "../scenario/scenario-error.js";

/** The output directory cannot be made or written: the user's input (`--out`), not a bug. */
function unwritable(dir: string, why: string, flag = "--out"): ScenarioError {
  return new ScenarioError(flag, [{ path: [], message: `cannot write to "${dir}": ${why}` }]);
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOTDIR: "a part of the path is a file, not a directory",
  EEXIST: "it exists and is not a directory",
  ENOENT: "a part of the path cannot be made there",
  ENOSPC: "no space left on the device",
  EISDIR: "a file to write is a directory there",
  ENAMETOOLONG: "a name in the path is longer than the file system allows",
};

/** Turns a file-system error on `dir` into a sentence; anything unexpected stays a bug. */
function asUserError(dir: string, error: unknown, flag?: string): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code && REASONS[code] ? unwritable(dir, REASONS[code], flag) : error;
}

/**
 * Makes `dir` and its missing parents one level at a time. (Node 20's recursive mkdir never
 * returns for a path under /proc; made one by one, the first refusal is an error at once.)
 */
export function makeDirectory(dir: string, flag?: string): void {
  if (dir.trim() === "") throw unwritable(dir, "the path is empty", flag);
  const missing: string[] = [];
  let at = resolve(dir);
  while (!existsSync(at)) {
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  if (existsSync(at) && !statSync(at).isDirectory()) throw unwritable(dir, `"${at}" is a file, not a directory`, flag);
  try {
    for (const path of missing.reverse()) mkdirSync(path);
  } catch (error) {
    throw asUserError(dir, error, flag);
  }
}

/** Whether the process `pid` is gone (its temporary files are then stale). */
function gone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Removes temporaries of `names` left in `dir` by writers that died (kill -9 mid-write). */
function removeStaleTemporaries(dir: string, names: readonly string[]): void {
  const byDir = new Map<string, Set<string>>();
  for (const name of names) {
    const sub = join(dir, dirname(name));
    if (!byDir.has(sub)) byDir.set(sub, new Set());
    byDir.get(sub)!.add(name.slice(name.lastIndexOf("/") + 1));
  }
  for (const [sub, wanted] of byDir) {
    if (!existsSync(sub)) continue;
    for (const entry of readdirSync(sub)) {
      const m = /^(.+)\.tmp-(\d+)$/.exec(entry);
      if (m && wanted.has(m[1]) && gone(Number(m[2]))) rmSync(join(sub, entry), { force: true });
    }
  }
}

/**
 * Writes a set of result files all or nothing: each goes to a temporary name first and is
 * renamed into place only when every one was written, so a crash or Ctrl-C never leaves a
 * half-written result behind; temporaries of the same files left by a killed run are removed.
 * An output directory that cannot be made or written is the user's input: a ScenarioError
 * naming `flag` (the option that chose it).
 */
export function writeResultFiles(dir: string, files: Readonly<Record<string, string>>, flag = "--out"): string[] {
  makeDirectory(dir, flag);
  const suffix = `.tmp-${process.pid}`;
  const written: string[] = [];
  try {
    removeStaleTemporaries(dir, Object.keys(files));
    for (const [name, content] of Object.entries(files)) {
      // A name may hold a subdirectory ("variant/summary.json").
      if (dirname(name) !== ".") makeDirectory(join(dir, dirname(name)), flag);
      writeFileSync(join(dir, name + suffix), content);
      written.push(name);
    }
    return written.map((name) => {
      renameSync(join(dir, name + suffix), join(dir, name));
      return join(dir, name);
    });
  } catch (error) {
    for (const name of written) rmSync(join(dir, name + suffix), { force: true });
    throw asUserError(dir, error, flag);
  }
}

/** JSON as relisim writes it: two-space indent and a final newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
