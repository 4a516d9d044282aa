import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { readResults } from "../../../src/report/html/read-results.js";
import { ScenarioError } from "../../../src/scenario/scenario-error.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/report", import.meta.url));

function scratch(): string {
  return mkdtempSync(join(tmpdir(), "relisim-read-results-"));
}

/** The message readResults throws for `dir`, checking it is a ScenarioError (exit 2). */
function problem(dir: string): string {
  try {
    readResults(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).format();
  }
  throw new Error("readResults did not throw");
}

describe("readResults", () => {
  test("detects each kind by the files present", () => {
    const kinds = (dir: string) => Object.keys(readResults(join(FIXTURES, dir))).filter((k) => k !== "dir");
    expect(kinds("run")).toEqual(["clusterRun"]);
    expect(kinds("fleet-run")).toEqual(["fleetRun"]);
    expect(kinds("compare")).toEqual(["clusterCompare", "variantRuns"]);
    expect(kinds("fleet-compare")).toEqual(["fleetCompare"]);
    expect(kinds("compare-replicated")).toEqual(["replicatedCompare"]);
    expect(kinds("run-replicated")).toEqual(["replicatedRun"]);
    expect(kinds("sweep")).toEqual(["sweep"]);
    expect(kinds("cluster-sweep")).toEqual(["sweep"]);
  });

  test("a comparison's variant runs come from their directories, in compare.json's order", () => {
    const runs = readResults(join(FIXTURES, "compare")).variantRuns!;
    expect(runs.map((r) => r.summary.header.variant)).toEqual(["read=ONE", "read=ALL"]);
    for (const run of runs) expect(run.timeline).toHaveLength(12);
  });

  test("a variant without its directory is left out, the others still read", () => {
    const dir = scratch();
    cpSync(join(FIXTURES, "compare"), dir, { recursive: true });
    rmSync(join(dir, "read=ONE"), { recursive: true });
    expect(readResults(dir).variantRuns!.map((r) => r.summary.header.variant)).toEqual(["read=ALL"]);
  });

  test("a broken variant run is bad input: its own file and path", () => {
    const dir = scratch();
    cpSync(join(FIXTURES, "compare"), dir, { recursive: true });
    const file = join(dir, "read=ALL", "summary.json");
    const summary = JSON.parse(readFileSync(file, "utf8"));
    delete summary.outcome.durationS;
    writeFileSync(file, JSON.stringify(summary));
    expect(problem(dir)).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: 1 problem\n {2}outcome\.durationS: .*expected number`, "i"));
  });

  test("replicated results and sweeps missing a field: file and path", () => {
    const dir = scratch();
    const compare = JSON.parse(readFileSync(join(FIXTURES, "compare-replicated", "compare.json"), "utf8"));
    compare.variants["read=ONE"].estimate.availability.ci95High = "high";
    writeFileSync(join(dir, "compare.json"), JSON.stringify(compare));
    expect(problem(dir)).toMatch(/compare\.json: 1 problem\n {2}variants\["read=ONE"\]\.estimate\.availability\.ci95High: .*expected number/i);

    const sweepDir = scratch();
    const sweep = JSON.parse(readFileSync(join(FIXTURES, "cluster-sweep", "sweep.json"), "utf8"));
    delete sweep.header.kind;
    delete sweep.points[1].replications;
    writeFileSync(join(sweepDir, "sweep.json"), JSON.stringify(sweep));
    const message = problem(sweepDir);
    expect(message).toContain("sweep.json: 2 problems");
    expect(message).toMatch(/header\.kind: /);
    expect(message).toMatch(/points\[1\]\.replications: .*expected number/i);
  });

  test("a run's timeline is the `all` rows of windows.csv, with the probes", () => {
    const run = readResults(join(FIXTURES, "run")).clusterRun!;
    // tiny.yaml: 2 minutes in 10 s windows, 50 requests/s offered.
    expect(run.timeline).toHaveLength(12);
    expect(run.timeline![0]).toMatchObject({ startS: 0, endS: 10, requests: 496, ok: 496, offered: 496, attempts: 496 });
    expect(run.timeline!.map((w) => w.startS)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110]);
  });

  test("a run without windows.csv still reads, with no timeline", () => {
    const dir = scratch();
    cpSync(join(FIXTURES, "run", "summary.json"), join(dir, "summary.json"));
    expect(readResults(dir).clusterRun!.timeline).toBeNull();
  });

  test("no such directory, or nothing in it: says what was expected", () => {
    expect(problem(join(scratch(), "nope"))).toMatch(/nope: 1 problem\n {2}no such directory/);
    expect(problem(scratch())).toMatch(/no result files: expected summary\.json \(\+ windows\.csv\), compare\.json, sweep\.json or decide\.json/);
  });

  test("a result file missing a field the report needs: file and path", () => {
    const dir = scratch();
    const summary = JSON.parse(readFileSync(join(FIXTURES, "run", "summary.json"), "utf8"));
    delete summary.outcome.availability;
    summary.outcome.episodes.list[0].startS = "soon";
    writeFileSync(join(dir, "summary.json"), JSON.stringify(summary));
    const message = problem(dir);
    expect(message).toContain(`${join(dir, "summary.json")}: 2 problems`);
    expect(message).toMatch(/outcome\.availability: .*expected number/i);
    expect(message).toMatch(/outcome\.episodes\.list\[0\]\.startS: .*expected number/i);
  });

  test("a file that is not JSON, and a windows.csv cell that is not a number: file and line", () => {
    const bad = scratch();
    writeFileSync(join(bad, "compare.json"), "{ not json");
    expect(problem(bad)).toMatch(/compare\.json: 1 problem\n {2}not readable JSON/);

    const dir = scratch();
    mkdirSync(dir, { recursive: true });
    cpSync(join(FIXTURES, "run"), dir, { recursive: true });
    const lines = readFileSync(join(dir, "windows.csv"), "utf8").split("\n");
    const row = lines.findIndex((l) => l.startsWith("10,20,all,"));
    lines[row] = lines[row].replace(/^10,20,all,(\d+),/, "10,20,all,lots,");
    writeFileSync(join(dir, "windows.csv"), lines.join("\n"));
    expect(problem(dir)).toContain(`windows.csv: 1 problem\n  line ${row + 1} requests: expected a number, got "lots"`);
  });
});
