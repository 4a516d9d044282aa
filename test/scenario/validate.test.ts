import * as z from "zod";
import { describe, expect, test } from "vitest";
import { ScenarioError } from "../../src/scenario/scenario-error.js";
import { parseSourceText } from "../../src/scenario/source-file.js";
import { allowedKeys, validateWithSchema } from "../../src/scenario/validate.js";
import { zDuration, zFraction } from "../../src/scenario/zod-units.js";

const Retry = z.strictObject({
  maxAttempts: z.number().int().min(1),
  jitter: z.enum(["none", "full", "equal", "decorrelated"]).default("full"),
  base: zDuration().optional(),
});

const Fault = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("crash"), at: zDuration(), node: z.string() }),
  z.strictObject({ kind: z.literal("zone-outage"), at: zDuration(), zone: z.string(), for: zDuration() }),
]);

const Scenario = z.strictObject({
  name: z.string(),
  duration: zDuration(),
  client: z.strictObject({
    concurrency: z.number().int().positive().optional(),
    retry: Retry.optional(),
    consistency: z.enum(["ONE", "LOCAL_QUORUM", "QUORUM", "ALL"]).optional(),
  }),
  servers: z.record(z.string(), z.strictObject({ concurrency: z.number(), errorRate: zFraction().optional() })).optional(),
  faults: z.array(Fault).default([]),
  replicas: z.union([z.number().int(), z.literal("all")]).optional(),
});

function check(text: string, schema: z.ZodType = Scenario, file = "scenarios/retry-storm.yaml"): ScenarioError {
  try {
    validateWithSchema(schema, parseSourceText(text, file), file);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error("expected a ScenarioError");
}

const GOOD = `name: retry storm
duration: 10m
client:
  concurrency: 64
  retry:
    maxAttempts: 3
    base: 50ms
faults:
  - kind: crash
    at: 5m
    node: a
`;

describe("validateWithSchema", () => {
  test("returns the parsed output of valid data", () => {
    const scenario = validateWithSchema(Scenario, parseSourceText(GOOD, "good.yaml"), "good.yaml");
    expect(scenario.duration).toBe(600_000_000);
    expect(scenario.client.retry).toEqual({ maxAttempts: 3, jitter: "full", base: 50_000 });
    expect(scenario.faults).toEqual([{ kind: "crash", at: 300_000_000, node: "a" }]);
  });

  test("three mistakes give three problems on the right lines, in the user's format", () => {
    const text = `name: retry storm
# the run

duration: 10 minutes
client:
  retry:
    maxAttempts: 0
    jitter: fulll
`;
    const error = check(text);
    expect(error.format()).toBe(
      [
        "scenarios/retry-storm.yaml: 3 problems",
        '  line 4 duration: expected a duration such as "250ms", got "10 minutes"',
        "  line 7 client.retry.maxAttempts: must be >= 1, got 0",
        '  line 8 client.retry.jitter: expected one of none|full|equal|decorrelated, got "fulll" (did you mean "full"?)',
      ].join("\n"),
    );
  });

  test("an unknown key gets one problem each, with a suggestion from the keys allowed there", () => {
    const error = check(`name: x
duration: 1s
client:
  concurency: 3
  retry:
    maxAttempts: 1
    jiter: none
    colour: blue
`);
    expect(error.problems).toEqual([
      { path: ["client", "concurency"], line: 4, message: 'unknown key "concurency" (did you mean "concurrency"?)' },
      { path: ["client", "retry", "jiter"], line: 7, message: 'unknown key "jiter" (did you mean "jitter"?)' },
      { path: ["client", "retry", "colour"], line: 8, message: 'unknown key "colour"' },
    ]);
  });

  test("unknown keys inside arrays, records and discriminated unions", () => {
    const error = check(`name: x
duration: 1s
client: {}
servers:
  a: {concurrency: 1, erorRate: 1%}
faults:
  - kind: zone-outage
    at: 1m
    zone: b
    for: 5m
    nod: x
`);
    expect(error.problems).toEqual([
      { path: ["servers", "a", "erorRate"], line: 5, message: 'unknown key "erorRate" (did you mean "errorRate"?)' },
      // "node" belongs to the crash fault only, so it is not offered for a zone outage.
      { path: ["faults", 0, "nod"], line: 11, message: 'unknown key "nod"' },
    ]);
  });

  test("a bad discriminator lists the allowed values", () => {
    const error = check(`name: x
duration: 1s
client: {}
faults:
  - kind: crahs
    at: 1m
`);
    expect(error.problems).toEqual([
      { path: ["faults", 0, "kind"], line: 5, message: 'expected one of crash|zone-outage, got "crahs" (did you mean "crash"?)' },
    ]);
  });

  test("a missing discriminator and missing keys point at the enclosing key", () => {
    const error = check(`name: x
duration: 1s
client:
  retry: {}
faults:
  - at: 1m
`);
    expect(error.format()).toBe(
      [
        "scenarios/retry-storm.yaml: 2 problems",
        "  line 4 client.retry.maxAttempts: required: expected a number",
        "  line 6 faults[0].kind: required: expected one of crash|zone-outage",
      ].join("\n"),
    );
  });

  test("a missing top-level key", () => {
    const error = check("name: x\nclient: {}\n");
    expect(error.problems).toEqual([{ path: ["duration"], line: 1, message: 'required: expected a duration such as "250ms"' }]);
  });

  test("type mismatches say what was expected and what was given", () => {
    const error = check(`name: [a, b]
duration: 1s
client:
  concurrency: 2.5
  consistency: LOCAL_QOURUM
faults: {}
`);
    expect(error.problems.map((p) => [p.line, p.message])).toEqual([
      [1, "expected a string, got a list"],
      [4, "expected a whole number, got 2.5"],
      [5, 'expected one of ONE|LOCAL_QUORUM|QUORUM|ALL, got "LOCAL_QOURUM" (did you mean "LOCAL_QUORUM"?)'],
      [6, "expected a list, got an object"],
    ]);
  });

  test("a plain union with no match names every form it accepts", () => {
    const error = check('name: x\nduration: 1s\nclient: {}\nreplicas: "most"\n');
    expect(error.problems).toEqual([{ path: ["replicas"], line: 4, message: 'expected a number or "all", got "most"' }]);
  });

  test("a union of literals suggests the closest one", () => {
    const schema = z.strictObject({ mode: z.union([z.literal("fixed"), z.literal("adaptive"), z.number()]) });
    const error = check("mode: adaptiv\n", schema, "m.yaml");
    expect(error.problems).toEqual([
      { path: ["mode"], line: 1, message: 'expected "fixed" or "adaptive" or a number, got "adaptiv" (did you mean "adaptive"?)' },
    ]);
  });

  test("a plain union of objects reports the problems of the closest option", () => {
    const schema = z.strictObject({
      target: z.union([
        z.strictObject({ zone: z.string() }),
        z.strictObject({ region: z.string(), weight: z.number() }),
      ]),
    });
    const error = check("target:\n  region: eu\n  weight: heavy\n", schema, "u.yaml");
    expect(error.problems).toEqual([{ path: ["target", "weight"], line: 3, message: 'expected a number, got "heavy"' }]);
  });

  test("messages written in the schema win over the generated ones", () => {
    const schema = z.strictObject({
      zones: z.array(z.string()).refine((zones) => new Set(zones).size === zones.length, "zone names must be unique"),
      rf: z.number().max(5, "at most 5 replicas"),
    });
    const error = check("zones: [a, a]\nrf: 7\n", schema, "c.yaml");
    expect(error.problems.map((p) => [p.line, p.message])).toEqual([
      [1, "zone names must be unique"],
      [2, "at most 5 replicas"],
    ]);
  });

  test("size, length and exclusive bounds", () => {
    const schema = z.strictObject({
      zones: z.array(z.string()).min(2),
      name: z.string().max(3),
      load: z.number().gt(0).lt(1),
      code: z.string().regex(/^[a-z]+$/),
      step: z.number().multipleOf(5),
    });
    const error = check("zones: [a]\nname: abcdef\nload: 1\ncode: A1\nstep: 7\n", schema, "b.yaml");
    expect(error.problems.map((p) => p.message)).toEqual([
      "must have at least 2 items, got 1",
      "must have at most 3 characters, got 6",
      "must be < 1, got 1",
      'expected a string matching /^[a-z]+$/, got "A1"',
      "must be a multiple of 5, got 7",
    ]);
  });

  test("a record key that breaks its schema is reported on its line", () => {
    const schema = z.strictObject({ zones: z.record(z.string().regex(/^[a-z]+-\d$/), z.number()) });
    const error = check("zones:\n  east-1: 1\n  West: 2\n", schema, "k.yaml");
    expect(error.problems).toEqual([
      { path: ["zones", "West"], line: 3, message: 'invalid key "West": expected a string matching /^[a-z]+-\\d$/, got "West"' },
    ]);
  });

  test("a root that is not an object", () => {
    const error = check("- a\n- b\n");
    expect(error.format()).toBe("scenarios/retry-storm.yaml: 1 problem\n  line 1 (root): expected an object, got a list");
  });

  test("JSON input gets the same problems with JSON line numbers", () => {
    const json = `{
  "name": "x",
  "duration": "10 minutes",
  "client": {
    "retry": { "maxAttempts": 0 }
  }
}`;
    const error = check(json, Scenario, "s.json");
    expect(error.problems.map((p) => [p.line, p.path.join(".")])).toEqual([
      [3, "duration"],
      [5, "client.retry.maxAttempts"],
    ]);
  });
});

describe("allowedKeys", () => {
  test("walks objects, wrappers, arrays, records and unions", () => {
    expect(allowedKeys(Scenario, [], {})).toEqual(["name", "duration", "client", "servers", "faults", "replicas"]);
    expect(allowedKeys(Scenario, ["client", "retry"], {})).toEqual(["maxAttempts", "jitter", "base"]);
    expect(allowedKeys(Scenario, ["servers", "any"], {})).toEqual(["concurrency", "errorRate"]);
    expect(allowedKeys(Scenario, ["faults", 3], {})).toEqual(["kind", "at", "node", "zone", "for"]);
    expect(allowedKeys(Scenario, ["faults", 0], { faults: [{ kind: "crash" }] })).toEqual(["kind", "at", "node"]);
    expect(allowedKeys(Scenario, ["nothing", "here"], {})).toEqual([]);
  });

  test("sees through pipes, lazy schemas and records with enum keys", () => {
    type Tree = { name: string; children?: Tree[] };
    const Node: z.ZodType<Tree> = z.lazy(() => z.strictObject({ name: z.string(), children: z.array(Node).optional() }));
    const schema = z.strictObject({
      tree: Node,
      piped: z.preprocess((v) => v, z.strictObject({ a: z.number() })),
      zones: z.record(z.enum(["east", "west"]), z.number()),
    });
    expect(allowedKeys(schema, ["tree", "children", 0, "children", 1], {})).toEqual(["name", "children"]);
    expect(allowedKeys(schema, ["piped"], {})).toEqual(["a"]);
    expect(allowedKeys(schema, ["zones"], {})).toEqual(["east", "west"]);
  });
});
