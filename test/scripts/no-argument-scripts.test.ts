import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const script = (name: string) => fileURLToPath(new URL(`../../scripts/${name}`, import.meta.url));
const run = (name: string, ...args: string[]) => spawnSync(process.execPath, [script(name), ...args], { encoding: "utf8", timeout: 20_000 });
const written = (path: string) => statSync(fileURLToPath(new URL(`../../${path}`, import.meta.url))).mtimeMs;

test.each([
  ["fit-examples.js", "node scripts/fit-examples.js", "docs/examples/disk-read-latency.txt"],
  ["report-screenshot.js", "npm run screenshot", "docs/report.png"],
])("%s takes no arguments: --help prints its usage, anything else is refused before a file is written", (name, usage, output) => {
  const help = run(name, "--help");
  expect(help.status).toBe(0);
  expect(help.stdout).toBe(`usage: ${usage}  (no arguments)\n`);
  const before = written(output);
  const refused = run(name, "--bogus");
  expect(refused.status).toBe(2);
  expect(refused.stderr).toBe(`unexpected argument "--bogus"\nusage: ${usage}  (no arguments)\n`);
  expect(written(output)).toBe(before);
});
