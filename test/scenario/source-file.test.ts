import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ScenarioError } from "../../src/scenario/scenario-error.js";
import { loadSourceFile, parseSourceText } from "../../src/scenario/source-file.js";

const YAML_TEXT = `# a scenario
name: retry storm
duration: 10m
client:
  retry:
    maxAttempts: 3
    jitter: full
  empty:
faults:
  - kind: crash
    at: 5m
  - {kind: zone-outage, at: 10m}
`;

function problemsOf(action: () => unknown): ScenarioError {
  try {
    action();
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error("expected a ScenarioError");
}

describe("parseSourceText", () => {
  test("parses YAML into plain data", () => {
    const source = parseSourceText(YAML_TEXT, "s.yaml");
    expect(source.data).toEqual({
      name: "retry storm",
      duration: "10m",
      client: { retry: { maxAttempts: 3, jitter: "full" }, empty: null },
      faults: [{ kind: "crash", at: "5m" }, { kind: "zone-outage", at: "10m" }],
    });
    expect(source.fileName).toBe("s.yaml");
    expect(source.text).toBe(YAML_TEXT);
  });

  test("locates values by path", () => {
    const { locate } = parseSourceText(YAML_TEXT, "s.yaml");
    expect(locate(["duration"])).toEqual({ line: 3, column: 11 });
    expect(locate(["client", "retry", "jitter"])?.line).toBe(7);
    expect(locate(["faults", 0, "at"])).toEqual({ line: 11, column: 9 });
    expect(locate(["faults", 1, "at"])).toEqual({ line: 12, column: 29 });
    expect(locate(["faults", 1])?.line).toBe(12);
    expect(locate(["client", "empty"])?.line).toBe(8);
  });

  test("locates keys on request", () => {
    const { locate } = parseSourceText(YAML_TEXT, "s.yaml");
    expect(locate(["client", "retry", "jitter"], "key")).toEqual({ line: 7, column: 5 });
    // A block value starts on the line after its key.
    expect(locate(["client", "retry"])?.line).toBe(6);
    expect(locate(["client", "retry"], "key")?.line).toBe(5);
  });

  test("a missing path points at the closest ancestor's key", () => {
    const { locate } = parseSourceText(YAML_TEXT, "s.yaml");
    expect(locate(["client", "retry", "base"])).toEqual({ line: 5, column: 3 });
    expect(locate(["client", "retry", "base", "deeper"])?.line).toBe(5);
    expect(locate(["faults", 7, "at"])?.line).toBe(9);
    expect(locate(["faults", 1, "missing"])?.line).toBe(12);
    expect(locate(["duration", "x"])?.line).toBe(3);
    expect(locate(["nothing"])?.line).toBe(2);
    expect(locate([])?.line).toBe(2);
  });

  test("follows aliases", () => {
    const { data, locate } = parseSourceText("base: &b\n  timeout: 1s\nclient: *b\n", "a.yaml");
    expect(data).toEqual({ base: { timeout: "1s" }, client: { timeout: "1s" } });
    expect(locate(["client", "timeout"])?.line).toBe(2);
    expect(locate(["client"])?.line).toBe(3);
  });

  test("parses JSON, including tab indentation, with positions", () => {
    const json = '{\n\t"duration": "10m",\n\t"faults": [\n\t\t{"at": "5m"},\n\t\t{"at": 3}\n\t]\n}\n';
    const source = parseSourceText(json, "s.json");
    expect(source.data).toEqual({ duration: "10m", faults: [{ at: "5m" }, { at: 3 }] });
    expect(source.locate(["faults", 1, "at"])?.line).toBe(5);
    expect(source.locate(["duration"])?.line).toBe(2);
  });

  test("an empty file is null data with nothing to locate", () => {
    const source = parseSourceText("", "e.yaml");
    expect(source.data).toBeNull();
    expect(source.locate(["x"])).toBeUndefined();
  });

  test("malformed YAML lists every syntax problem with line and column", () => {
    const error = problemsOf(() => parseSourceText('name: x\nfaults: [1, 2\nlabel: "open\n', "bad.yaml"));
    expect(error.file).toBe("bad.yaml");
    expect(error.problems.length).toBeGreaterThanOrEqual(2);
    for (const problem of error.problems) {
      expect(problem.line).toBeGreaterThan(0);
      expect(problem.column).toBeGreaterThan(0);
      expect(problem.path).toEqual([]);
    }
    expect(error.problems.map((p) => p.line)).toEqual([3, 4]);
    expect(error.format()).toMatch(/^bad\.yaml: 2 problems\n  line 3:1 .*\n  line 4:1 .*quote/);
  });

  test("a tab used for indentation is reported where it is", () => {
    const error = problemsOf(() => parseSourceText("client:\n\tretry: 1\n", "tab.yaml"));
    expect(error.problems[0]).toMatchObject({ line: 2, column: 1 });
    expect(error.problems[0].message).toMatch(/tab/i);
  });

  test("malformed JSON is reported with line and column", () => {
    const error = problemsOf(() => parseSourceText('{\n  "a": 1,\n  "b": [1, 2\n}\n', "bad.json"));
    expect(error.problems.length).toBeGreaterThanOrEqual(1);
    expect(error.problems[0].line).toBeGreaterThanOrEqual(3);
    expect(error.problems[0].column).toBeGreaterThan(0);
  });

  test("duplicate keys are errors, in YAML and JSON", () => {
    const yaml = problemsOf(() => parseSourceText("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", "dup.yaml"));
    expect(yaml.problems).toEqual([
      { path: [], line: 4, column: 3, message: 'duplicate key "c"' },
      { path: [], line: 5, column: 1, message: 'duplicate key "a"' },
    ]);
    const json = problemsOf(() => parseSourceText('{"a": 1,\n "a": 2}', "dup.json"));
    expect(json.problems).toEqual([{ path: [], line: 2, column: 2, message: 'duplicate key "a"' }]);
  });

  test("more than one document is an error", () => {
    const error = problemsOf(() => parseSourceText("a: 1\n---\nb: 2\n", "two.yaml"));
    expect(error.problems[0].line).toBe(2);
    expect(error.problems[0].message).toMatch(/one document/);
  });
});

describe("loadSourceFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "relisim-source-"));

  test("reads and parses a file", () => {
    const path = join(dir, "ok.yaml");
    writeFileSync(path, "duration: 5m\n");
    const source = loadSourceFile(path);
    expect(source.data).toEqual({ duration: "5m" });
    expect(source.fileName).toBe(path);
  });

  test("a missing file is a ScenarioError that says so", () => {
    const path = join(dir, "x.yaml");
    const error = problemsOf(() => loadSourceFile(path));
    expect(error.problems).toEqual([{ path: [], message: `cannot read scenario file "${path}": no such file` }]);
    expect(error.exitCode).toBe(2);
  });

  test("a directory is a ScenarioError too", () => {
    const error = problemsOf(() => loadSourceFile(dir));
    expect(error.problems[0].message).toBe(`cannot read scenario file "${dir}": it is a directory`);
  });

  test("syntax errors name the file", () => {
    const path = join(dir, "bad.yaml");
    writeFileSync(path, "a: 1\na: 2\n");
    expect(problemsOf(() => loadSourceFile(path)).file).toBe(path);
  });
});
