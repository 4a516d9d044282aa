import { spawnSync } from "node:child_process";
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
