#!/usr/bin/env node
// npm run fuzz -- --cases N [--seed S] [--only i,j]: mutated example scenarios through the command line.
// Prints each defect (with a file that reproduces it) and exits 1 if there was any.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runFuzz } from "../test/fuzz/fuzz-runner.js";
import { refuse, scriptArgs } from "./script-args.js";

const USAGE = "npm run fuzz -- [--cases N (1000)] [--seed S (20261204)] [--out DIR (results/fuzz)] [--only i,j,...]";
const { values } = scriptArgs(USAGE, {
  cases: { type: "string", default: "1000" },
  seed: { type: "string", default: "20261204" },
  out: { type: "string", default: "results/fuzz" },
  only: { type: "string" },
});
const cases = Number(values.cases);
const seed = Number(values.seed);
const only = values.only?.split(",").map(Number);
if (!Number.isInteger(cases) || cases < 1) refuse(USAGE, `--cases must be a whole number >= 1, got ${values.cases}`);
if (!Number.isInteger(seed)) refuse(USAGE, `--seed must be a whole number, got ${values.seed}`);
if (only && !only.every((i) => Number.isInteger(i) && i >= 0 && i < cases)) refuse(USAGE, `--only must list case numbers from 0 to ${cases - 1}, got ${values.only}`);
const started = process.hrtime.bigint();
/** On a terminal, one line rewritten in place; in a log, a line each (a `\r` there joins them into one). */
function progress(text) {
  process.stderr.write(process.stderr.isTTY ? `\r${text}` : `${text}\n`);
}
// --only 12,345: replay those cases of the run (same --cases and --seed), e.g. after a fix.
const result = await runFuzz({
  cases,
  seed,
  only,
  onCase: (i, defect) => {
    // On a terminal, first end the progress line.
    if (defect) process.stderr.write(`${process.stderr.isTTY ? "\n" : ""}case ${i}: ${defect.defect}\n`);
    if (i % 50 === 49 || i === cases - 1) progress(`${i + 1}/${cases} cases`);
  },
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (process.stderr.isTTY) process.stderr.write("\n");
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
