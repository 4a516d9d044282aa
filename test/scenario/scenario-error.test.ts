import { describe, expect, test } from "vitest";
import { ScenarioError, formatPath } from "../../src/scenario/scenario-error.js";

describe("formatPath", () => {
  test.each([
    [[], "(root)"],
    [["duration"], "duration"],
    [["faults", 2, "at"], "faults[2].at"],
    [["client", "retry", "maxAttempts"], "client.retry.maxAttempts"],
    [["zones", "us-east-1a"], "zones.us-east-1a"],
    [["tenants", "a.b", "rate"], 'tenants["a.b"].rate'],
    [[0, "x"], "[0].x"],
  ] as const)("%j is %s", (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});

describe("ScenarioError", () => {
  test("formats problems sorted by line, with the line numbers aligned", () => {
    const error = new ScenarioError("scenarios/retry-storm.yaml", [
      { path: ["client", "retry", "jitter"], line: 19, message: 'expected one of none|full|equal|decorrelated, got "fulll" (did you mean "full"?)' },
      { path: ["duration"], line: 4, message: 'expected a duration such as "250ms", got "10 minutes"' },
      { path: ["client", "retry", "maxAttempts"], line: 17, message: "must be >= 1, got 0" },
    ]);
    expect(error.format()).toBe(
      [
        "scenarios/retry-storm.yaml: 3 problems",
        '  line 4  duration: expected a duration such as "250ms", got "10 minutes"',
        "  line 17 client.retry.maxAttempts: must be >= 1, got 0",
        '  line 19 client.retry.jitter: expected one of none|full|equal|decorrelated, got "fulll" (did you mean "full"?)',
      ].join("\n"),
    );
    expect(error.message).toBe(error.format());
    expect(error.exitCode).toBe(2);
    expect(error.file).toBe("scenarios/retry-storm.yaml");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ScenarioError");
  });

  test("on one line, sorts by path, indices numerically", () => {
    const error = new ScenarioError("f.yaml", [
      { path: ["faults", 10, "at"], line: 3, message: "b" },
      { path: ["faults", 2, "at"], line: 3, message: "a" },
      { path: ["faults", 2], line: 3, message: "c" },
    ]);
    expect(error.problems.map((p) => p.path)).toEqual([["faults", 2], ["faults", 2, "at"], ["faults", 10, "at"]]);
  });

  test("a problem with the data's root", () => {
    const error = new ScenarioError("x.yaml", [{ path: [], line: 1, message: "expected an object, got a list" }]);
    expect(error.format()).toBe("x.yaml: 1 problem\n  line 1 (root): expected an object, got a list");
  });

  test("a problem with the whole file has neither line nor path", () => {
    const error = new ScenarioError("x.yaml", [{ path: [], message: 'cannot read scenario file "x.yaml": no such file' }]);
    expect(error.format()).toBe('x.yaml: 1 problem\n  cannot read scenario file "x.yaml": no such file');
  });

  test("problems without a line come first, their paths aligned with the others", () => {
    const error = new ScenarioError("x.yaml", [
      { path: ["a"], line: 2, message: "late" },
      { path: ["b"], message: "set from the command line" },
    ]);
    expect(error.format()).toBe("x.yaml: 2 problems\n         b: set from the command line\n  line 2 a: late");
  });

  test("syntax problems show line and column and no path", () => {
    const error = new ScenarioError("x.yaml", [{ path: [], line: 3, column: 7, message: "duplicate key \"a\"" }]);
    expect(error.format()).toBe('x.yaml: 1 problem\n  line 3:7 duplicate key "a"');
  });
});
