import { describe, expect, test } from "vitest";
// Plain JavaScript, shared with scripts/fuzz.js (npm run fuzz -- --cases N).
import { runFuzz } from "./fuzz-runner.js";

interface Defect {
  readonly index: number;
  readonly defect: string;
  readonly detail: string;
  readonly argv: readonly string[];
}

describe("mutated example scenarios through the command line (fuzz, fixed seed)", () => {
  test("every case ends in a clean verdict: exit 0, 1 or 2 with a message, no stack, in seconds, nothing touched outside its output", async () => {
    const result = await runFuzz({ cases: 300, seed: 20261204 });
    const defects = (result.defects as Defect[]).map((d) => `case ${d.index}: ${d.defect}: relisim ${d.argv.join(" ")}\n${d.detail.split("\n").slice(0, 4).join("\n")}`);
    expect(defects).toEqual([]);
    // The mutations are not all refusals: some runs are accepted and write their results.
    expect(result.verdicts[0]).toBeGreaterThan(5);
    expect(result.verdicts[2]).toBeGreaterThan(200);
  }, 240_000);
});
