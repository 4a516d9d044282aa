import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { outcomeShape, type OutcomeShape } from "../../../src/experiment/outcome/outcome-shape.js";
import { simulate } from "../../../src/experiment/simulate.js";
import { isFleetScenario, loadAnyScenario } from "../../../src/scenario/load-any-scenario.js";
import { expectationPathProblems } from "../../../src/experiment/expectation-paths.js";
import { loadScenarioText } from "../../../src/scenario/load-scenario.js";

/** Where `outcome` and `shape` disagree: a key one has and the other lacks. */
function mismatches(outcome: unknown, shape: OutcomeShape, path = "outcome"): string[] {
  if (shape === null || Array.isArray(outcome)) return [];
  if (shape === 0) return typeof outcome === "number" || outcome === null ? [] : [`${path}: a number in the shape, ${JSON.stringify(outcome)} in the outcome`];
  if (outcome === null) return []; // a section a run can leave empty (no latency of an op it never ran)
  if (typeof outcome !== "object") return [`${path}: an object in the shape, ${JSON.stringify(outcome)} in the outcome`];
  const found: string[] = [];
  const keys = new Set([...Object.keys(shape), ...Object.keys(outcome as object)]);
  for (const key of keys) {
    if (!(key in shape)) found.push(`${path}.${key}: in the outcome, not in the shape`);
    else if (!(key in (outcome as object))) found.push(`${path}.${key}: in the shape, not in the outcome`);
    else found.push(...mismatches((outcome as Record<string, unknown>)[key], shape[key], `${path}.${key}`));
  }
  return found;
}

describe("the outcome's shape, known without running", () => {
  const files = readdirSync("scenarios").filter((f) => f.endsWith(".yaml"));

  it.each(files)("has every key of %s's outcome, and no other", (file) => {
    const scenario = loadAnyScenario(`scenarios/${file}`);
    if (isFleetScenario(scenario)) return;
    for (const v of [scenario.base, ...scenario.variants]) {
      // Two simulated seconds make every section the outcome can have; keys do not depend on length.
      const config = { ...v.config, world: { ...v.config.world, duration: Math.min(v.config.world.duration, 2_000_000) } };
      const outcome = simulate(config, scenario.seed).outcome;
      expect(mismatches(outcome, outcomeShape(v.config)), `${file} ${v.name}`).toEqual([]);
    }
  });

  it("finds a misspelt expectation without simulating a world that could not be built in time", () => {
    // 10⁸ requests/s for a year: any simulation, even of a microsecond's worth, would be noticed here.
    const scenario = loadScenarioText(
      [
        "duration: 365d",
        "cluster: { regions: [{ name: r, zones: [a, b, c], nodesPerZone: 100, replicationFactor: 3 }], vnodes: 16 }",
        "workload: { rate: 100000000/s }",
        "slo: { window: 1h }",
        "expect: [ 'availabilty > 0.9', 'latencyMs.GET.p99 < 10' ]",
      ].join("\n"),
      "big.yaml",
    );
    const started = process.hrtime.bigint();
    const problems = expectationPathProblems(scenario);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(500);
    expect(problems.map((p) => p.message)).toEqual(["availabilty is not in the outcome (did you mean availability?)"]);
  });

  it("a variant the scenario does not declare is named with the variants it does (or that there are none)", () => {
    const text = (variants: string) =>
      [
        "duration: 10s",
        "cluster: { regions: [{ name: r, zones: [a, b, c], nodesPerZone: 1, replicationFactor: 3 }] }",
        "workload: { rate: 100/s }",
        variants,
        "expect: [ 'variants.zzzzzz.availability > 0.9' ]",
      ].join("\n");
    const none = expectationPathProblems(loadScenarioText(text(""), "none.yaml"));
    expect(none.map((p) => p.message)).toEqual(["variants.zzzzzz is not in the outcome (the scenario declares no variants)"]);
    const two = expectationPathProblems(loadScenarioText(text("variants: { one: { workload.rate: 50/s }, two: { workload.rate: 80/s } }"), "two.yaml"));
    expect(two.map((p) => p.message)).toEqual(["variants.zzzzzz is not in the outcome (variants has one, two)"]);
  });
});
