import { describe, expect, test } from "vitest";
import {
  applyOverrides, applyOverridesToSource, parsePath, parseValue, parseVary, setPath,
} from "../../src/scenario/overrides.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";
import { parseSourceText } from "../../src/scenario/source-file.js";

function failure(action: () => unknown): ScenarioError {
  try {
    action();
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error("expected a ScenarioError");
}

describe("parsePath", () => {
  test.each([
    ["a", ["a"]],
    ["a.b.c", ["a", "b", "c"]],
    ["faults[0].at", ["faults", 0, "at"]],
    ["grid[1][2]", ["grid", 1, 2]],
    ['zones["us.east-1"].rf', ["zones", "us.east-1", "rf"]],
    ["zones.us-east-1a.nodes", ["zones", "us-east-1a", "nodes"]],
    [" a.b ", ["a", "b"]],
  ])("%s", (text, path) => {
    expect(parsePath(text)).toEqual(path);
  });

  test.each(["", "a..b", ".a", "a.", "a[x]", "a[0", "a]", "a b", 'a["\\q"]'])("rejects %j", (text) => {
    expect(() => parsePath(text)).toThrow(ScenarioError);
    expect(() => parsePath(text)).toThrow(/path/);
  });

  test("names the flag it came from", () => {
    expect(failure(() => parsePath("a..b", "--vary")).format()).toBe(
      '--vary: 1 problem\n  --vary "a..b": malformed path "a..b" (write it like client.retry.maxAttempts or faults[0].at)',
    );
  });
});

describe("parseValue", () => {
  test.each([
    ["3", 3], ["2.5", 2.5], ["true", true], ["false", false], ["null", null], ["LOCAL_QUORUM", "LOCAL_QUORUM"],
    ["5m", "5m"], ["99.9%", "99.9%"], ["[1,2]", [1, 2]], ["{a: 1}", { a: 1 }], ['"3"', "3"], ["", ""],
    ["a: b", "a: b"], ["- x", "- x"], ["http://host:80/x", "http://host:80/x"], ["  7 ", 7],
  ])("%j", (text, value) => {
    expect(parseValue(text)).toEqual(value);
  });

  test("rejects malformed flow values", () => {
    expect(() => parseValue("[1, 2")).toThrow(ScenarioError);
    expect(() => parseValue("[1, 2")).toThrow(/malformed value/);
  });
});

describe("applyOverrides", () => {
  const base = {
    duration: "10m",
    client: { retry: { maxAttempts: 3 }, consistency: "ONE" },
    faults: [{ kind: "crash", at: "1m" }],
  };

  test("sets values, parsed as YAML, in a deep copy", () => {
    const before = structuredClone(base);
    const after = applyOverrides(base, [
      "client.retry.maxAttempts=5",
      "client.consistency=LOCAL_QUORUM",
      "faults[0].at=5m",
      "client.hedge={after: 10ms, max: 1}",
      "zones=[a, b]",
    ]);
    expect(after).toEqual({
      duration: "10m",
      client: { retry: { maxAttempts: 5 }, consistency: "LOCAL_QUORUM", hedge: { after: "10ms", max: 1 } },
      faults: [{ kind: "crash", at: "5m" }],
      zones: ["a", "b"],
    });
    expect(base).toEqual(before);
  });

  test("creates missing objects and lists along the path", () => {
    expect(applyOverrides({}, ["a.b.c=1", "list[0].x=true", "a.b.d=x"])).toEqual({
      a: { b: { c: 1, d: "x" } },
      list: [{ x: true }],
    });
    expect(applyOverrides(null, ["a=1"])).toEqual({ a: 1 });
  });

  test("appends at the end of a list and applies flags in order", () => {
    expect(applyOverrides(base, ["faults[1].kind=zone-outage", "faults[1].at=2m", "duration=1h", "duration=2h"])).toMatchObject({
      duration: "2h",
      faults: [{ kind: "crash", at: "1m" }, { kind: "zone-outage", at: "2m" }],
    });
  });

  test("the value may contain =", () => {
    expect(applyOverrides({}, ["query=a=b"])).toEqual({ query: "a=b" });
  });

  test("every malformed flag is reported, with its path", () => {
    const error = failure(() =>
      applyOverrides(base, ["duration", "=3", "faults.x=1", "client[0]=1", "duration.unit=ms", "faults[5].at=1m", "a..b=1", "x=[1,"]),
    );
    expect(error.file).toBe("--set");
    expect(error.exitCode).toBe(2);
    // Sorted like every ScenarioError: by line (none here), path, then message.
    expect(error.problems.map((p) => [p.path, p.message])).toEqual([
      [[], '--set "=3": the path is empty'],
      [[], '--set "a..b=1": malformed path "a..b" (write it like client.retry.maxAttempts or faults[0].at)'],
      [[], '--set "duration": expected path=value'],
      [[], expect.stringMatching(/^--set "x=\[1,": malformed value "\[1,": /)],
      [["client"], "is an object, so it has no index [0] (in client[0])"],
      [["duration"], 'is a string, so it has no key "unit" (in duration.unit)'],
      [["faults"], "has 1 items, so [5] is past the end (use [1] to append)"],
      [["faults"], 'is a list, so it has no key "x" (in faults.x)'],
    ]);
    expect(error.format().split("\n").slice(0, 2)).toEqual(["--set: 8 problems", '  --set "=3": the path is empty']);
  });

  test("setPath takes a parsed path and leaves the input alone", () => {
    const data = { a: [1, 2] };
    expect(setPath(data, ["a", 1], { deep: [1] })).toEqual({ a: [1, { deep: [1] }] });
    expect(setPath(data, "a[0]", 0)).toEqual({ a: [0, 2] });
    expect(data).toEqual({ a: [1, 2] });
  });

  test("setPath reports a path it cannot follow as a ScenarioError", () => {
    const error = failure(() => setPath({ a: 1 }, ["a", "b"], 2, "--vary"));
    expect(error.file).toBe("--vary");
    expect(error.problems).toEqual([{ path: ["a"], message: 'is a number, so it has no key "b" (in a.b)' }]);
  });
});

describe("applyOverridesToSource", () => {
  test("keeps line numbers except under overridden paths", () => {
    const source = parseSourceText("duration: 10m\nclient:\n  retry:\n    maxAttempts: 3\n", "s.yaml");
    const changed = applyOverridesToSource(source, ["client.retry=5"]);
    expect(changed.data).toEqual({ duration: "10m", client: { retry: 5 } });
    expect(changed.locate(["duration"])?.line).toBe(1);
    expect(changed.locate(["client"])?.line).toBe(3);
    expect(changed.locate(["client", "retry"])).toBeUndefined();
    expect(changed.locate(["client", "retry", "maxAttempts"])).toBeUndefined();
    expect(applyOverridesToSource(source, [])).toBe(source);
  });
});

describe("parseVary", () => {
  test("splits values on top-level commas and parses them as YAML", () => {
    expect(parseVary("client.retry.maxAttempts=1,3,5")).toEqual({ path: "client.retry.maxAttempts", values: [1, 3, 5] });
    expect(parseVary("client.consistency=ONE, LOCAL_QUORUM ,ALL")).toEqual({
      path: "client.consistency",
      values: ["ONE", "LOCAL_QUORUM", "ALL"],
    });
    expect(parseVary("zones=[a,b],[c],{x: 1, y: [2,3]}")).toEqual({ path: "zones", values: [["a", "b"], ["c"], { x: 1, y: [2, 3] }] });
    expect(parseVary('label="a,b",\'c,d\',e')).toEqual({ path: "label", values: ["a,b", "c,d", "e"] });
    expect(parseVary("faults[0].at=1m")).toEqual({ path: "faults[0].at", values: ["1m"] });
  });

  test.each([
    ["retries", '--vary "retries": expected path=value1,value2,...'],
    ["=1,2", '--vary "=1,2": the path is empty'],
    ["a=1,,2", '--vary "a=1,,2": a value is empty'],
    ["a=", '--vary "a=": a value is empty'],
    ["a..b=1", expect.stringContaining("malformed path")],
  ])("rejects %j", (flag, message) => {
    const error = failure(() => parseVary(flag));
    expect(error.file).toBe("--vary");
    expect(error.problems).toEqual([{ path: [], message }]);
  });
});

describe("prototype keys", () => {
  const keys = ["__proto__", "constructor", "prototype"];

  test("no path may name them, in --set, --vary, --grid or a DataPath: a ScenarioError, and Object.prototype untouched", () => {
    for (const key of keys) {
      for (const flag of [`${key}.polluted=1`, `cluster.${key}.polluted=1`, `a["${key}"].polluted=1`]) {
        expect(() => applyOverrides({ cluster: {} }, [flag]), flag).toThrow(ScenarioError);
      }
      expect(() => parseVary(`${key}.polluted=1,2`), key).toThrow(/is not a key a scenario can have/);
      expect(() => parseVary(`${key}.polluted=1,2`, "--grid"), key).toThrow(/^--grid/);
      expect(() => setPath({}, ["a", key, "polluted"], 1), key).toThrow(ScenarioError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("an ordinary key that merely contains one is fine", () => {
    expect(applyOverrides({}, ["proto.x=1", "my_constructor=2"])).toEqual({ proto: { x: 1 }, my_constructor: 2 });
  });
});
