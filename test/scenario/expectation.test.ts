import { describe, expect, test } from "vitest";
import {
  ExpectationSyntaxError,
  evaluateExpectation,
  expectationPaths,
  parseExpectation,
} from "../../src/scenario/expectation.js";

const outcome = {
  availability: 0.99712,
  failureFrequencyPerDay: 0.25,
  episodes: { count: 0, list: [{ durationS: 42 }, { durationS: 7.5 }] },
  latencyMs: { GET: { p50: 1.2, p90: 3.4, p99: 8.75, p999: 30 }, PUT: { p99: 12 } },
  variants: {
    all: { availability: 0.9995, nines: 3.30103 },
    localQuorum: { availability: 0.99995, nines: 4.30103 },
    A: { nines: 3.2 },
    B: { nines: 3.17, recoveryS: { mean: 12.5 } },
    C: { recoveryS: { mean: 300 } },
  },
  label: "baseline",
};

function check(text: string, data: unknown = outcome) {
  return evaluateExpectation(parseExpectation(text), data);
}

function syntaxError(text: string): ExpectationSyntaxError {
  try {
    parseExpectation(text);
  } catch (e) {
    if (e instanceof ExpectationSyntaxError) return e;
    throw e;
  }
  throw new Error(`"${text}" parsed`);
}

describe("the examples from scenario files", () => {
  test.each([
    ["availability >= 0.999", false],
    ["episodes.count == 0", true],
    ["latencyMs.GET.p99 < 10", true],
    ["variants.all.availability < variants.localQuorum.availability - 0.01", false],
    ["abs(variants.A.nines - variants.B.nines) < 0.05", true],
    ["variants.B.recoveryS.mean < variants.C.recoveryS.mean / 10", true],
    ["failureFrequencyPerDay > 0", true],
    ["episodes.list.0.durationS > episodes.list.1.durationS", true],
  ])("%s → %s", (text, passed) => {
    expect(check(text).passed).toBe(passed);
  });

  test("details name the value and what it needed", () => {
    expect(check("availability >= 0.999")).toEqual({
      passed: false,
      left: 0.99712,
      right: 0.999,
      text: "availability >= 0.999",
      detail: "availability = 0.99712 (needs >= 0.999)",
    });
    expect(check("  variants.B.recoveryS.mean < variants.C.recoveryS.mean / 10 ").detail).toBe(
      "variants.B.recoveryS.mean = 12.5 (needs < variants.C.recoveryS.mean / 10 = 30; variants.C.recoveryS.mean = 300)",
    );
    expect(check("abs(variants.A.nines - variants.B.nines) < 0.05").detail).toBe(
      "abs(variants.A.nines - variants.B.nines) = 0.03 (needs < 0.05; variants.A.nines = 3.2, variants.B.nines = 3.17)",
    );
  });

  test("numbers print with 6 significant digits, more only where 6 would hide a difference", () => {
    expect(check("x > 1", { x: 1234567.891 }).detail).toBe("x = 1234570 (needs > 1)");
    expect(check("x >= 0.9999999", { x: 0.9999996 }).detail).toBe("x = 0.9999996 (needs >= 0.9999999)");
    expect(check("x >= 1 / 3", { x: 0.333333 }).detail).toBe("x = 0.333333 (needs >= 1 / 3 = 0.3333333)");
  });
});

describe("arithmetic", () => {
  test("* and / bind tighter than + and -, which associate left", () => {
    const data = { a: 10, b: 3, c: 5 };
    expect(check("a - b * 2 < c", data)).toMatchObject({ left: 4, right: 5, passed: true });
    expect(check("a - b - 2 == 5", data).passed).toBe(true);
    expect(check("a / 5 / 2 == 1", data).passed).toBe(true);
    expect(check("(a - b) * 2 == 14", data).passed).toBe(true);
  });

  test("unary minus", () => {
    expect(check("-x == -3", { x: 3 }).passed).toBe(true);
    expect(check("- -x * 2 == 6", { x: 3 }).passed).toBe(true);
    expect(check("2 - -x == 5", { x: 3 }).passed).toBe(true);
  });

  test("number literals: decimals, exponents, percents", () => {
    expect(parseExpectation("x < 1e-3").right).toMatchObject({ kind: "number", value: 0.001 });
    expect(parseExpectation("x < .5").right).toMatchObject({ kind: "number", value: 0.5 });
    expect(parseExpectation("x < 10%").right).toMatchObject({ kind: "number", value: 0.1 });
    expect(parseExpectation("x < 99.9%").right).toMatchObject({ kind: "number", value: 0.999 });
    expect(check("x >= 99.9%", { x: 0.9995 }).detail).toBe("x = 0.9995 (needs >= 99.9%)");
  });

  test("functions", () => {
    expect(check("abs(x) == 2", { x: -2 }).passed).toBe(true);
    expect(check("min(x, 4, y) == 1", { x: 3, y: 1 }).passed).toBe(true);
    expect(check("max(x, 4, y) == 4", { x: 3, y: 1 }).passed).toBe(true);
    expect(check("log10(x) == -3", { x: 0.001 }).passed).toBe(true);
    expect(check("-log10(1 - a) >= 3", { a: 0.9995 }).passed).toBe(true);
  });

  test("a key named like a function is a path unless called", () => {
    expect(check("max > min", { max: 2, min: 1 }).passed).toBe(true);
  });
});

describe("comparison operators", () => {
  test.each([
    ["<", [true, false, false]],
    ["<=", [true, true, false]],
    [">", [false, false, true]],
    [">=", [false, true, true]],
    ["==", [false, true, false]],
    ["!=", [true, false, true]],
  ] as const)("%s on 1 vs 2, 2 vs 2, 3 vs 2", (op, expected) => {
    expect([1, 2, 3].map((x) => check(`x ${op} 2`, { x }).passed)).toEqual(expected);
  });

  test("== allows a relative difference of 1e-9", () => {
    expect(check("0.1 + 0.2 == 0.3", {}).passed).toBe(true);
    expect(check("x == 1000000", { x: 1_000_000.0005 }).passed).toBe(true);
    expect(check("x == 1000000", { x: 1_000_000.01 }).passed).toBe(false);
    expect(check("x != 1000000", { x: 1_000_000.01 }).passed).toBe(true);
  });

  test("NaN never passes, not even !=", () => {
    expect(check("0 / 0 != 1", {}).passed).toBe(false);
    expect(check("log10(x) < 1", { x: -1 }).passed).toBe(false);
  });
});

describe("paths that do not resolve", () => {
  test("a missing key suggests the nearest one", () => {
    expect(check("latencyMs.GET.p98 < 10")).toEqual({
      passed: false,
      left: NaN,
      right: NaN,
      text: "latencyMs.GET.p98 < 10",
      detail: "latencyMs.GET.p98 is not in the outcome (did you mean latencyMs.GET.p99?)",
    });
    expect(check("availabilty > 0.9").detail).toBe("availabilty is not in the outcome (did you mean availability?)");
    expect(check("latencyms.GET.p99 > 0").detail).toBe(
      "latencyMs.GET.p99".replace("M", "m") + " is not in the outcome (did you mean latencyMs.GET.p99?)",
    );
  });

  test("a suggestion for a middle key keeps the rest of the path when that resolves", () => {
    expect(check("variants.localQuorom.availability > 0").detail).toBe(
      "variants.localQuorom.availability is not in the outcome (did you mean variants.localQuorum.availability?)",
    );
    expect(check("latencyMs.GTE.p999 > 0").detail).toBe(
      "latencyMs.GTE.p999 is not in the outcome (did you mean latencyMs.GET.p999?)",
    );
    expect(check("latencyMs.PTU.p50 > 0").detail).toBe("latencyMs.PTU.p50 is not in the outcome (did you mean latencyMs.PUT?)");
  });

  test("without a close key, the keys there are listed", () => {
    expect(check("latencyMs.DELETE.p99 < 1").detail).toBe("latencyMs.DELETE.p99 is not in the outcome (latencyMs has GET, PUT)");
  });

  test("list indexes, values that are not numbers, and paths through a number", () => {
    expect(check("episodes.list.2.durationS < 1").detail).toBe(
      "episodes.list.2.durationS is not in the outcome (episodes.list has 2 items)",
    );
    expect(check("latencyMs.GET < 1").detail).toBe("latencyMs.GET is an object (keys: p50, p90, p99, p999), not a number");
    expect(check("label == 1").detail).toBe('label is the string "baseline", not a number');
    expect(check("availability.p99 < 1").detail).toBe(
      "availability.p99 is not in the outcome (availability is the number 0.99712)",
    );
    expect(check("constructor == 1").passed).toBe(false);
    expect(check("x > 1", null).detail).toBe("x is not in the outcome (the outcome is null)");
  });

  test("every missing path is reported", () => {
    expect(check("alpha < beta", { count: 1 }).detail).toBe(
      "alpha is not in the outcome (the outcome has count); beta is not in the outcome (the outcome has count)",
    );
  });
});

test("expectationPaths lists each path once, in order", () => {
  const e = parseExpectation("abs(variants.A.nines - variants.B.nines) < variants.A.nines / 100 + 1%");
  expect(expectationPaths(e)).toEqual(["variants.A.nines", "variants.B.nines"]);
  expect(expectationPaths(parseExpectation("1 < 2"))).toEqual([]);
});

describe("syntax errors carry the column and a caret", () => {
  test("a missing operator", () => {
    const e = syntaxError("availability 0.999");
    expect(e.column).toBe(14);
    expect(e.message).toBe(
      'expected an operator after "availability" at column 14\n  availability 0.999\n               ^',
    );
  });

  test.each([
    ["availability", 13, 'expected a comparison (<, <=, >, >=, ==, !=) after "availability"'],
    ["availability >=", 16, 'expected a number, a path or "(" after ">="'],
    ["", 1, 'expected a number, a path or "("'],
    ["a = 1", 3, '"=" is not an operator (write "==")'],
    ["a ! 1", 3, '"!" is not an operator (write "!=")'],
    ["a < b < c", 7, 'only one comparison is allowed; unexpected "<" after "b"'],
    ["a < b c", 7, 'expected an operator after "b"'],
    ["a < b)", 6, 'unexpected ")" after "b"'],
    ["(a < b", 4, 'expected ")" after "a"'],
    ["a < $b", 5, 'unexpected character "$"'],
    ["a. < 1", 3, 'expected a key after "a."'],
    ["a..b < 1", 3, 'expected a key after "a."'],
    ["x < 10ms", 7, "expected an operator after the number 10 (units are not supported)"],
    ["x < 1.2.3", 8, "expected an operator after the number 1.2 (units are not supported)"],
    ["sqrt(x) < 1", 1, 'unknown function "sqrt" (known: abs, min, max, log10)'],
    ["lg10(x) < 1", 1, 'unknown function "lg10" (did you mean log10?)'],
    ["abs(x, y) < 1", 1, "abs takes 1 argument, got 2"],
    ["max(x y) < 1", 7, 'expected "," or ")" after "x"'],
    ["a * < 1", 5, 'expected a number, a path or "(" after "*"'],
  ])("%j → column %i", (text, column, reason) => {
    const e = syntaxError(text);
    expect(e.reason).toBe(reason);
    expect(e.column).toBe(column);
    expect(e.message.split("\n")[0]).toBe(`${reason} at column ${column}`);
    expect(e.message.split("\n")[2].indexOf("^")).toBe(column + 1);
  });
});
