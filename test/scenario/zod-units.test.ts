import * as z from "zod";
import { describe, expect, test } from "vitest";
import { ScenarioError } from "../../src/scenario/scenario-error.js";
import { parseSourceText } from "../../src/scenario/source-file.js";
import { validateWithSchema } from "../../src/scenario/validate.js";
import { zBandwidth, zDuration, zFraction, zRate, zSize } from "../../src/scenario/zod-units.js";

const Limits = z.strictObject({
  timeout: zDuration({ min: 1_000, max: 60_000_000 }),
  warmup: zDuration().optional(),
  grace: zDuration().prefault("30s"),
  payload: zSize(),
  rate: zRate(),
  errorBudget: zFraction(),
  link: zBandwidth().optional(),
});

function problems(text: string): Array<[number | undefined, string, string]> {
  try {
    validateWithSchema(Limits, parseSourceText(text, "l.yaml"), "l.yaml");
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return error.problems.map((p) => [p.line, p.path.join("."), p.message]);
  }
  return [];
}

describe("unit schemas", () => {
  test("parse what users write into model units", () => {
    const text = "timeout: 250ms\nwarmup: 0\ngrace: 0s\npayload: 4KiB\nrate: 100/min\nerrorBudget: 99.9%\nlink: 200MiB/s\n";
    const parsed = validateWithSchema(Limits, parseSourceText(text, "l.yaml"), "l.yaml");
    expect(parsed).toEqual({
      timeout: 250_000, warmup: 0, grace: 0, payload: 4096, rate: 100 / 60, errorBudget: 0.999, link: 200 * 2 ** 20,
    });
  });

  test("accept plain numbers where they mean something", () => {
    const parsed = Limits.parse({ timeout: "1s", payload: 512, rate: 20_000, errorBudget: 0.001 });
    expect(parsed).toMatchObject({ payload: 512, rate: 20_000, errorBudget: 0.001, grace: 30_000_000 });
  });

  test("each bad value gets the expected-got message on its line", () => {
    const text = "timeout: 10 minutes\nwarmup: 5\npayload: 4 kilobytes\nrate: fast\nerrorBudget: 150%\nlink: 1Gbps\n";
    expect(problems(text)).toEqual([
      [1, "timeout", 'expected a duration such as "250ms", got "10 minutes"'],
      [2, "warmup", 'expected a duration such as "250ms", got 5'],
      [3, "payload", 'expected a size such as "4KiB", got "4 kilobytes"'],
      [4, "rate", 'expected a rate such as "100/s", got "fast"'],
      [5, "errorBudget", 'expected a fraction between 0 and 1 or a percentage such as "99.9%", got "150%"'],
      [6, "link", 'expected a bandwidth such as "200MiB/s", got "1Gbps"'],
    ]);
  });

  test("wrong types get the same message", () => {
    const text = "timeout: [1s]\nwarmup: true\npayload: {a: 1}\nrate: -5\nerrorBudget: null\nlink: 5\n";
    expect(problems(text).map(([, path, message]) => `${path}: ${message}`)).toEqual([
      'timeout: expected a duration such as "250ms", got a list',
      'warmup: expected a duration such as "250ms", got true',
      'payload: expected a size such as "4KiB", got an object',
      'rate: expected a rate such as "100/s", got -5',
      'errorBudget: expected a fraction between 0 and 1 or a percentage such as "99.9%", got null',
      'link: expected a bandwidth such as "200MiB/s", got 5',
    ]);
  });

  test("bounds are checked after parsing and shown in the user's unit", () => {
    const base = "payload: 1\nrate: 1\nerrorBudget: 0\n";
    expect(problems(`timeout: 500us\n${base}`)).toEqual([[1, "timeout", 'must be >= 1ms, got "500us"']]);
    expect(problems(`timeout: 2m\n${base}`)).toEqual([[1, "timeout", 'must be <= 1m, got "2m"']]);
    expect(problems(`timeout: 1m\n${base}`)).toEqual([]);
  });

  test("a missing required quantity is reported on the first line of its object", () => {
    expect(problems("timeout: 1s\npayload: 1\nrate: 1\n")).toEqual([
      [1, "errorBudget", 'required: expected a fraction between 0 and 1 or a percentage such as "99.9%"'],
    ]);
  });
});

describe("JSON Schema", () => {
  const schema = z.toJSONSchema(Limits, { io: "input" }) as {
    properties: Record<string, { description?: string; anyOf?: Array<Record<string, unknown>>; type?: string; pattern?: string }>;
    required: string[];
  };

  test("a duration is a string with a pattern, or 0, described for editors", () => {
    const timeout = schema.properties.timeout;
    expect(timeout.description).toBe("a duration such as 250ms");
    expect(timeout.anyOf).toEqual([
      { type: "string", pattern: expect.any(String) },
      { type: "number", const: 0 },
    ]);
    const pattern = new RegExp(timeout.anyOf![0].pattern as string);
    for (const ok of ["250ms", "1.5s", "90d", "250µs", "0"]) expect(pattern.test(ok)).toBe(true);
    for (const bad of ["10 minutes", "5", "-1s"]) expect(pattern.test(bad)).toBe(false);
  });

  test("a bandwidth is a plain string with a pattern", () => {
    expect(schema.properties.link).toMatchObject({ type: "string", description: "a bandwidth such as 200MiB/s" });
    expect(new RegExp(schema.properties.link.pattern!).test("200MiB/s")).toBe(true);
  });

  test("sizes, rates and fractions also take numbers; optional ones are not required", () => {
    expect(schema.properties.payload.anyOf).toEqual([{ type: "string", pattern: expect.any(String) }, { type: "number" }]);
    expect(schema.properties.rate.description).toBe("a rate such as 100/s");
    expect(schema.properties.errorBudget.description).toBe("a fraction between 0 and 1 or a percentage such as 99.9%");
    expect(schema.required).toEqual(["timeout", "payload", "rate", "errorBudget"]);
  });
});
