import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const SCRIPT = fileURLToPath(new URL("../../scripts/fuzz.js", import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8", timeout: 20_000 });

test("npm run fuzz: --help prints its usage; a bad option or value is refused with the usage, exit 2, no stack", () => {
  const help = run("--help");
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^usage: npm run fuzz -- \[--cases N/);
  for (const args of [["--bogus"], ["--cases"], ["--cases", "0"], ["--seed", "x"], ["--cases", "5", "--only", "7"], ["stray"]]) {
    const refused = run(...args);
    expect(refused.status, args.join(" ")).toBe(2);
    expect(refused.stderr, args.join(" ")).toMatch(/usage: npm run fuzz/);
    expect(refused.stderr, args.join(" ")).not.toMatch(/\n\s+at /);
  }
});

test("npm run fuzz into a log (stderr not a terminal): progress comes a line at a time, with no carriage returns", () => {
  const dir = mkdtempSync(join(tmpdir(), "relisim-fuzz-"));
  const out = run("--cases", "60", "--seed", "5", "--out", dir);
  rmSync(dir, { recursive: true, force: true });
  expect(out.status, out.stderr).toBe(0);
  expect(out.stderr).not.toContain("\r");
  expect(out.stderr.split("\n").filter((line) => /^\d+\/60 cases$/.test(line))).toEqual(["50/60 cases", "60/60 cases"]);
  expect(out.stdout).toMatch(/^60 cases \(seed 5\) in \d+ s: /m);
}, 30_000);
