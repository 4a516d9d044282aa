import { expect, test } from "vitest";
import { fitTable, wrapLine } from "../../src/report/format.js";

const width = (s: string) => Math.max(...s.split("\n").map((l) => [...l].length));

test("a line of label and ' · ' parts wraps after a ' · ', under the text that follows the label", () => {
  const line = `  How often   ${Array.from({ length: 8 }, (_, i) => `part number ${i} of the answer`).join(" · ")}`;
  const wrapped = wrapLine(line);
  expect(wrapped.length).toBeGreaterThan(1);
  expect(wrapped.every((l) => [...l].length <= 100)).toBe(true);
  expect(wrapped[0].startsWith("  How often   part number 0")).toBe(true);
  for (const l of wrapped.slice(1)) expect(l).toMatch(/^ {14}part number \d/);
  // Nothing lost: rejoined, the parts are the line's.
  expect(wrapped.map((l) => l.trim()).join(" · ")).toBe(line.replace("  How often   ", "How often   "));
  expect(wrapLine("short")).toEqual(["short"]);
});

test("prose wraps at spaces, keeping its indent", () => {
  const line = `  ${"word ".repeat(50).trim()}`;
  const wrapped = wrapLine(line);
  expect(wrapped.every((l) => [...l].length <= 100 && l.startsWith("  word"))).toBe(true);
  expect(wrapped.map((l) => l.trim()).join(" ")).toBe(line.trim());
});

test("a table too wide is split into column groups that each fit, each repeating the first column", () => {
  const header = ["episode", ...Array.from({ length: 12 }, (_, i) => `column ${i}`)];
  const rows = [header, ["#1", ...Array.from({ length: 12 }, (_, i) => `value ${i}00`)], ["#2", ...Array.from({ length: 12 }, (_, i) => `value ${i}11`)]];
  const text = fitTable(rows);
  expect(width(text)).toBeLessThanOrEqual(100);
  const groups = text.split("\n\n");
  expect(groups.length).toBeGreaterThan(1);
  for (const g of groups) expect(g.split("\n").map((l) => l.trim().split(/\s{2,}/)[0])).toEqual(["episode", "#1", "#2"]);
  // Every cell appears once, in order.
  const cells = groups.flatMap((g) => g.split("\n")[0].trim().split(/\s{2,}/).slice(1));
  expect(cells).toEqual(header.slice(1));
  // A table that fits is left alone.
  expect(fitTable([["a", "b"], ["1", "2"]])).toBe("  a  b\n  1  2");
});
