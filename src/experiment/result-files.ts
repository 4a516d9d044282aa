import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Writes a set of result files all or nothing: each goes to a temporary name first and is
 * renamed into place only when every one was written, so a crash or Ctrl-C never leaves a
 * half-written result behind.
 */
export function writeResultFiles(dir: string, files: Readonly<Record<string, string>>): string[] {
  mkdirSync(dir, { recursive: true });
  const suffix = `.tmp-${process.pid}`;
  const written: string[] = [];
  try {
    for (const [name, content] of Object.entries(files)) {
      // A name may hold a subdirectory ("variant/summary.json").
      if (dirname(name) !== ".") mkdirSync(join(dir, dirname(name)), { recursive: true });
      writeFileSync(join(dir, name + suffix), content);
      written.push(name);
    }
  } catch (error) {
    for (const name of written) rmSync(join(dir, name + suffix), { force: true });
    throw error;
  }
  return written.map((name) => {
    renameSync(join(dir, name + suffix), join(dir, name));
    return join(dir, name);
  });
}

/** JSON as relisim writes it: two-space indent and a final newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
