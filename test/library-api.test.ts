import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { checkExpectations, compareScenario, loadScenario, runFleetScenario, runScenario, ScenarioError, simulateScenario } from "../src/index.js";

/** The library entry point (`import { runScenario } from "relisim"`), as a team's own tests use it. */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TINY = "test/fixtures/cli/tiny.yaml";
const inline = (extra = "") => ({
  name: "inline.yaml",
  text: `seed: 5\nduration: 1m\ncluster:\n  regions:\n    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }\nworkload:\n  rate: 40/s\n${extra}`,
});

describe("library API", () => {
  test("runScenario returns the typed outcome, the same for the same seed and different for another", () => {
    const a = runScenario(TINY);
    expect(a.availability).toBeGreaterThan(0.9);
    expect(a.availability).toBeLessThan(1);
    expect(a.episodes.count).toBe(1);
    expect(runScenario(TINY)).toEqual(a);
    expect(runScenario(TINY, { seed: 99 }).requests.total).not.toBe(a.requests.total);
  });

  test("scenarios as text, --set style overrides and variants", () => {
    const base = runScenario(inline());
    expect(base.requests.total).toBeGreaterThan(2000);
    const busier = runScenario(inline(), { set: ["workload.rate=80/s"] });
    expect(busier.requests.total).toBeGreaterThan(base.requests.total * 1.8);
    const withVariant = inline("variants:\n  slow: { workload.rate: 10/s }\n");
    expect(runScenario(withVariant, { variant: "slow" }).requests.total).toBeLessThan(base.requests.total / 3);
    expect(Object.keys(compareScenario(withVariant))).toEqual(["slow"]);
    expect(simulateScenario(inline()).windows.length).toBeGreaterThan(0);
  });

  test("bad input throws ScenarioError naming the file and the problem", () => {
    expect(() => runScenario(inline(), { variant: "nope" })).toThrow(/no variant "nope"/);
    try {
      runScenario({ name: "bad.yaml", text: "duration: soon\ncluster: {}\nworkload: {}\n" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).format()).toContain("bad.yaml");
    }
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as ScenarioError).format();
      }
      return "";
    };
    expect(message(() => runScenario("scenarios/vnodes-availability.yaml"))).toContain("a fleet scenario: use runFleetScenario");
  });

  test("fleet scenarios and expectations", () => {
    const fleet = runFleetScenario("scenarios/vnodes-availability.yaml", { replications: 2, set: ["fleet.clusters=200"] });
    expect(fleet.replications).toBe(2);
    expect(fleet.outagesPerYear.ci95Low).toBeLessThanOrEqual(fleet.outagesPerYear.mean);
    const checked = checkExpectations("test/fixtures/cli/expectations/tiny-expect.yaml");
    expect(checked.passed).toBe(false);
    expect(checked.checks.map((c) => c.result.passed)).toEqual([true, false]);
    expect(loadScenario(TINY).name).toBe("tiny");
  });

  test('import { runScenario } from "relisim" works in Node through the package\'s exports', () => {
    const r = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", `import { runScenario } from "relisim"; console.log(runScenario(${JSON.stringify(TINY)}).episodes.count);`],
      { cwd: ROOT, encoding: "utf8" },
    );
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("1");
  });

  test("and type-checks: a consumer's TypeScript compiles against the published types", () => {
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", "test/fixtures/library/tsconfig.json"], { cwd: ROOT, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 60_000);
});
