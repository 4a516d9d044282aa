import { readdirSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { checkScenario } from "../src/experiment/check-scenario.js";
import { loadScenario } from "../src/scenario/load-scenario.js";

/** Every example scenario is also a test: its `expect:` block must hold. */
const files = readdirSync("scenarios")
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();

describe("example scenarios", () => {
  test("there are example scenarios and each declares expectations", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) expect(loadScenario(`scenarios/${f}`).expectations.length, f).toBeGreaterThan(0);
  });

  test.each(files)("%s: every expectation holds", (file) => {
    const scenario = loadScenario(`scenarios/${file}`);
    const { checks, missingVariants } = checkScenario(scenario);
    expect(missingVariants).toEqual([]);
    const misses = checks.filter((c) => !c.result.passed).map((c) => c.result.detail);
    expect(misses).toEqual([]);
  });
});
