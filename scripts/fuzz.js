#!/usr/bin/env node
// npm run fuzz -- --cases N [--seed S] [--only i,j]: mutated example scenarios through the command line.
// Prints each defect (with a file that reproduces it) and exits 1 if there was any.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runFuzz } from "../test/fuzz/fuzz-runner.js";

const USAGE = "usage: npm run fuzz -- [--cases N (1000)] [--seed S (20261204)] [--out DIR (results/fuzz)] [--only i,j,...]\n";
let values;
try {
  ({ values } = parseArgs({ options: { cases: { type: "string", default: "1000" }, seed: { type: "string", default: "20261204" }, out: { type: "string", default: "results/fuzz" }, only: { type: "string" }, help: { type: "boolean", short: "h" } } }));
} catch (error) {
  // An unknown option or a missing value: say which, and how it is used, without a stack.
  process.stderr.write(`${error.message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const cases = Number(values.cases);
const seed = Number(values.seed);
const only = values.only?.split(",").map(Number);
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed) || (only && !only.every((i) => Number.isInteger(i) && i >= 0 && i < cases))) {
  process.stderr.write(USAGE);
  process.exit(2);
}
const started = process.hrtime.bigint();
// --only 12,345: replay those cases of the run (same --cases and --seed), e.g. after a fix.
const result = await runFuzz({
  cases,
  seed,
  only,
  onCase: (i, defect) => {
    if (defect) process.stderr.write(`\ncase ${i}: ${defect.defect}\n`);
    if (i % 50 === 49 || i === cases - 1) process.stderr.write(`\r${i + 1}/${cases} cases`);
  },
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stderr.write("\n");
for (const d of result.defects) {
  const dir = join(values.out, `case-${d.index}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, d.scenario), d.text);
  writeFileSync(join(dir, "defect.txt"), `${d.defect}\nrelisim ${d.argv.join(" ")}\n\n${d.detail}\n`);
  process.stdout.write(`case ${d.index}: ${d.defect}: relisim ${d.argv.map((a) => JSON.stringify(a)).join(" ")}\n  ${String(d.detail).split("\n").slice(0, 3).join("\n  ")}\n  (${dir})\n`);
}
const v = result.verdicts;
const ran = only ? only.length : cases;
process.stdout.write(`${ran} cases (seed ${seed}${only ? `, replayed of ${cases}` : ""}) in ${seconds.toFixed(0)} s: ${v[0]} accepted, ${v[1]} expectation missed, ${v[2]} refused with a message, ${result.defects.length} defects\n`);
process.exit(result.defects.length > 0 ? 1 : 0);
