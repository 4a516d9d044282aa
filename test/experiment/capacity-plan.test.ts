import { describe, expect, test } from "vitest";
import { nodeCount, planCapacity, type CapacityPlan } from "../../src/experiment/plan/capacity-plan.js";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";
import { fileURLToPath } from "node:url";

/**
 * A plan small enough to check by brute force: 3 zones × n nodes of 20 ms reads, 100 reads/s
 * per zone (150 at the peak). A small server (one slot) serves 50/s, a large one (two) 100/s.
 */
const TINY = `name: tiny-plan
seed: 5
duration: 10s
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 2, replicationFactor: 3 }
  consistency: { read: LOCAL_ONE, write: LOCAL_ONE }
  node: { concurrency: 1, queueLimit: 100, cpu: { GET: 20ms }, diskReads: { GET: 0 } }
workload: { rate: 300/s, mix: { GET: 100% } }
clients: { perZone: 1 }
slo: { GET: { p99: 200ms, errorRate: 1% } }
variants:
  peak: { workload.rate: 450/s }
plan:
  knobs:
    nodesPerZone: { set: cluster.regions.0.nodesPerZone, values: [1, 2, 3, 4, 5], monotone: true }
    instance:
      options:
        small: { set: { cluster.node.concurrency: 1 }, costPerNode: 1 }
        large: { set: { cluster.node.concurrency: 2 }, costPerNode: 1.7 }
  goals: [ "latencyMs.GET.p99 <= 200", "availability >= 0.99" ]
`;

let searched: Promise<CapacityPlan> | undefined;
/** The plan of TINY as written, computed once for the tests that read it. */
const tinyPlan = () => (searched ??= plan(TINY));

async function plan(text: string, sets: string[] = []): Promise<CapacityPlan> {
  return planCapacity(loadScenarioText(text, "tiny.yaml", { sets }), { workers: 1 });
}

async function problems(text: string, sets: string[] = []): Promise<string[]> {
  try {
    await plan(text, sets);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return error.problems.map((p) => `${p.path.join(".")}: ${p.message}`);
  }
  throw new Error("expected a ScenarioError");
}

describe("relisim plan: the cheapest configuration meeting every goal in every case", () => {
  test("bisecting the monotone knob finds what trying every candidate finds, with fewer simulations", async () => {
    const searched = await tinyPlan();
    const brute = await plan(TINY, ["plan.knobs.nodesPerZone.monotone=false"]);
    expect(brute.trials).toHaveLength(10);
    const feasible = brute.trials.filter((t) => t.feasible).sort((a, b) => a.cost - b.cost);
    expect(feasible.length).toBeGreaterThanOrEqual(2);
    expect(searched.choice?.label).toBe(feasible[0].label);
    expect(searched.choice?.cost).toBe(feasible[0].cost);
    expect(searched.runnerUp?.label).toBe(feasible[1].label);
    expect(searched.simulations).toBeLessThan(brute.simulations);
    // Each candidate tried both ways got the same verdict and figures: common random numbers.
    for (const t of searched.trials) {
      const same = brute.trials.find((b) => b.label === t.label)!;
      expect(t.feasible).toBe(same.feasible);
      expect(t.goals).toEqual(same.goals);
    }
  });

  test("what it finds is what capacity says: one slot of 20 ms serves 50/s, and the peak needs 150/s per zone", async () => {
    const result = await tinyPlan();
    // Large servers (100/s each): one per zone runs at 150% at the peak, two at 75%.
    expect(result.choice?.choices).toEqual({ nodesPerZone: "2", instance: "large" });
    expect(result.choice?.nodes).toBe(6);
    expect(result.choice?.cost).toBeCloseTo(6 * 1.7, 12);
    const oneLarge = result.trials.find((t) => t.label === "nodesPerZone=1, instance=large")!;
    expect(oneLarge.feasible).toBe(false);
    // Margins are the runs' own figures: the choice's p99 is within its goal, the failure's beyond.
    const p99 = (t: typeof oneLarge) => t.goals.find((g) => g.goal.startsWith("latencyMs"))!;
    expect(p99(result.choice!).passed).toBe(true);
    expect(p99(result.choice!).value).toBeLessThanOrEqual(200);
    expect(p99(result.choice!).slack).toBeCloseTo(200 - p99(result.choice!).value, 9);
    expect(p99(oneLarge).value).toBeGreaterThan(200);
    expect(p99(oneLarge).case).toBe("peak");
  });

  test("the library's planScenario gives the same plan, on worker threads too", async () => {
    // Worker threads run the built code (dist/), as a program importing the package would.
    const lib = (await import(fileURLToPath(new URL("../../dist/index.js", import.meta.url)))) as typeof import("../../src/index.js");
    const viaLibrary = await lib.planScenario({ text: TINY, name: "tiny.yaml" }, { workers: 2 });
    expect(JSON.stringify(viaLibrary)).toBe(JSON.stringify(await tinyPlan()));
  });

  test("cost counts the provisioned nodes of every region", () => {
    const scenario = loadScenarioText(TINY, "tiny.yaml", { sets: ["cluster.regions.0.nodesPerZone=[1,2,4]"] });
    expect(nodeCount(scenario.base.config)).toBe(7);
  });
});

describe("relisim plan: bad plans are refused before anything runs", () => {
  test("no plan block", async () => {
    const text = TINY.slice(0, TINY.indexOf("plan:"));
    expect((await problems(text)).join("\n")).toMatch(/^plan: the file has no plan block/);
  });

  test("a case that is not a variant names the variants", async () => {
    expect(await problems(TINY, ["plan.cases=[base,peek]"])).toEqual(['plan.cases.1: no variant "peek": a case is base or one of the variants (peak)']);
  });

  test("a goal that does not parse, or reads variants.", async () => {
    const found = await problems(TINY, ['plan.goals=["availability >>= 0.9","variants.peak.availability > 0.9"]']);
    expect(found[0]).toMatch(/^plan\.goals\.0: .*column/);
    expect(found[1]).toMatch(/^plan\.goals\.1: a goal reads one case's outcome/);
  });

  test("a goal reading what no outcome has, or a list item", async () => {
    const found = await problems(TINY, ['plan.goals=["availabilty >= 0.9","episodes.list.0.durationS < 5"]']);
    expect(found).toEqual([
      "plan.goals.0: availabilty is not in the outcome (did you mean availability?)",
      "plan.goals.1: episodes.list is a list: read a figure over all its items instead (episodes.count, recoveryS.max)",
    ]);
  });

  test("a knob value the scenario cannot take, named with the knob", async () => {
    const found = await problems(TINY, ["plan.knobs.nodesPerZone.values=[1,0]"]);
    expect(found.join("\n")).toMatch(/^plan\.knobs\.nodesPerZone: nodesPerZone=0: /);
  });

  test("a knob path that does not exist", async () => {
    const found = await problems(TINY, ["plan.knobs.nodesPerZone.set=cluster.regions.0.nodesPerZon"]);
    expect(found.join("\n")).toMatch(/^plan\.knobs\.nodesPerZone: nodesPerZone=1: .*nodesPerZon/);
  });

  test("two knobs that both price nodes", async () => {
    const found = await problems(TINY, ["plan.knobs.disk={options: {ssd: {set: {cluster.node.concurrency: 1}, costPerNode: 2}}}"]);
    expect(found).toContain("plan.knobs: only one knob may price nodes (costPerNode): instance and disk both do");
  });

  test("every problem at once, not one per attempt", async () => {
    const found = await problems(TINY, ["plan.cases=[base,peek]", "plan.knobs.nodesPerZone.values=[1,0]", 'plan.goals=["availability >>= 0.9"]']);
    expect(found.map((p) => p.split(":")[0]).sort()).toEqual(["plan.cases.1", "plan.goals.0", "plan.knobs.nodesPerZone"]);
  });

  test("a plan too wide to search", async () => {
    const values = JSON.stringify(Array.from({ length: 64 }, (_, i) => i + 1));
    const found = await problems(TINY, [`plan.knobs.nodesPerZone.values=${values}`, "plan.knobs.nodesPerZone.monotone=false", "plan.replications=50"]);
    expect(found.join("\n")).toMatch(/^plan\.knobs: the plan could take up to 12,800 simulations/);
  });
});
