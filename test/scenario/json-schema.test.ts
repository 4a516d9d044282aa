import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { describe, expect, test } from "vitest";
import { scenarioJsonSchema } from "../../src/scenario/json-schema.js";
import { parsePath, setPath } from "../../src/scenario/overrides.js";
import { loadSourceFile, parseSourceText } from "../../src/scenario/source-file.js";

/**
 * The emitted JSON Schema, checked with a standard validator (ajv, draft-07 as editors read it):
 * every example validates, known-bad documents do not, and every property explains itself.
 */

const schema = scenarioJsonSchema();
const ajv = new Ajv({ strict: true, allErrors: true });
const validate = ajv.compile(schema);
// The same schema under a name, so that each property's schema is compiled in place (with the
// definitions it refers to compiled once), not once per property with every definition copied in.
ajv.addSchema(schema, "relisim");
/** The validator of the schema at `at` (a JSON pointer such as "#/else/properties/duration"). */
const validatorAt = (at: string): ValidateFunction => {
  const check = ajv.getSchema(`relisim${at}`);
  if (check === undefined) throw new Error(`no schema at ${at}`);
  return check;
};
const examplesDir = join(import.meta.dirname, "../../scenarios");
const examples = readdirSync(examplesDir).filter((f) => f.endsWith(".yaml")).sort();

function errors(check: ValidateFunction, data: unknown): string[] {
  return check(data) ? [] : (check.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Every `properties` entry in the schema, with where it is. */
function properties(node: unknown, at = "#"): Array<{ at: string; name: string; schema: Record<string, unknown> }> {
  if (Array.isArray(node)) return node.flatMap((n, i) => properties(n, `${at}/${i}`));
  if (typeof node !== "object" || node === null) return [];
  const found: Array<{ at: string; name: string; schema: Record<string, unknown> }> = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "properties" && typeof value === "object" && value !== null) {
      for (const [name, s] of Object.entries(value)) found.push({ at: `${at}/properties/${name}`, name, schema: s as Record<string, unknown> });
    }
    found.push(...properties(value, `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`));
  }
  return found;
}

describe("relisim schema: the examples", () => {
  test("there are examples of both kinds", () => {
    const kinds = examples.map((f) => ("fleet" in (loadSourceFile(join(examplesDir, f)).data as object) ? "fleet" : "cluster"));
    expect(kinds).toContain("fleet");
    expect(kinds).toContain("cluster");
  });

  // The document the CLI validates: the file as written (variants, expect, pin and all), then
  // each variant's overrides applied to it.
  test.each(examples)("%s validates, and so does each of its variants", (file) => {
    const { data } = loadSourceFile(join(examplesDir, file));
    expect(errors(validate, data)).toEqual([]);
    const variants = ((data as Record<string, unknown>).variants ?? {}) as Record<string, Record<string, unknown>>;
    for (const [name, overrides] of Object.entries(variants)) {
      let derived = data;
      for (const [path, value] of Object.entries(overrides)) derived = setPath(derived, parsePath(path, "variants"), value, "variants");
      expect(errors(validate, derived), `variant ${name}`).toEqual([]);
    }
  });
});

describe("relisim schema: known-bad documents are rejected", () => {
  const minimal = "duration: 1m\ncluster: { regions: [{ name: r, zones: [a], nodesPerZone: 3 }] }\nworkload: { rate: 100/s }\n";
  const bad: Record<string, string> = {
    "an unknown top-level key": `${minimal}clusterr: {}\n`,
    "a duration without a unit": minimal.replace("duration: 1m", "duration: 10"),
    "a misspelt duration unit": minimal.replace("duration: 1m", "duration: 1 minute"),
    "no cluster": "duration: 1m\nworkload: { rate: 100/s }\n",
    "an unknown fault kind": `${minimal}faults: { timeline: [{ kind: meteor, at: 1s }] }\n`,
    "no vnodes": minimal.replace("nodesPerZone: 3 }] }", "nodesPerZone: 3 }], vnodes: 0 }"),
    "a hedging delay that is neither form": `${minimal}clients: { hedging: { delay: { fixed: 5ms, percentile: 95 } } }\n`,
    "a bandwidth as a bare number": minimal.replace("nodesPerZone: 3 }] }", "nodesPerZone: 3 }], network: { bandwidth: 1000 } }"),
    "a fleet with a cluster key": "duration: 1y\nfleet: { clusters: 10 }\ncluster: { regions: [] }\n",
    "a fleet with an unknown strategy": "duration: 1y\nfleet: { maintenance: { strategy: teleport, everyDays: 7 } }\n",
    "a fleet without a duration": "fleet: { clusters: 10 }\n",
  };

  test("the minimal documents of each kind are valid", () => {
    expect(errors(validate, parseSourceText(minimal, "ok.yaml").data)).toEqual([]);
    expect(errors(validate, parseSourceText("duration: 1y\nfleet: {}\n", "ok.yaml").data)).toEqual([]);
  });

  test.each(Object.entries(bad))("%s", (_, text) => {
    expect(validate(parseSourceText(text, "bad.yaml").data)).toBe(false);
  });
});

describe("relisim schema: every property explains itself", () => {
  const all = properties(schema);

  test("every property has a description that says more than its type", () => {
    expect(all.length).toBeGreaterThan(500);
    const undescribed = all.filter((p) => typeof p.schema.description !== "string").map((p) => p.at);
    expect(undescribed).toEqual([]);
    // A bare type phrase ("a duration such as 250ms", "a size such as 4KiB", "a number, or a
    // distribution such as …"), perhaps with a default after it, says nothing of the meaning.
    const typeOnly = /^an? [a-z ]+(, or a distribution)? (between 0 and 1 or a percentage )?such as [^.]*\.?( Default: .*)?$/;
    const bare = all.filter((p) => typeOnly.test(p.schema.description as string)).map((p) => `${p.at}: ${String(p.schema.description)}`);
    expect(bare).toEqual([]);
  });

  test("every default is a valid value of its property, as users write it", () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const p of all) {
      if (!("default" in p.schema)) continue;
      checked++;
      const problems = errors(validatorAt(p.at), p.schema.default);
      if (problems.length > 0) wrong.push(`${p.at}: default ${JSON.stringify(p.schema.default)}: ${problems.join("; ")}`);
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(200);
  });

  test("every example is a valid value of its property, and the main keys have examples", () => {
    const wrong: string[] = [];
    const withExamples = all.filter((p) => Array.isArray(p.schema.examples));
    for (const p of withExamples) {
      const check = validatorAt(p.at);
      for (const example of p.schema.examples as unknown[]) {
        const problems = errors(check, example);
        if (problems.length > 0) wrong.push(`${p.at}: example ${JSON.stringify(example)}: ${problems.join("; ")}`);
      }
    }
    expect(wrong).toEqual([]);
    const main = ["#/then/properties/fleet", "#/then/properties/duration", "#/else/properties/cluster", "#/else/properties/workload", "#/else/properties/duration"];
    expect(main.filter((at) => !withExamples.some((p) => p.at === at))).toEqual([]);
    expect(withExamples.length).toBeGreaterThan(30);
  });

  test("defaults are shown as users write them", () => {
    const cluster = (schema.else as { properties: Record<string, { properties: Record<string, Record<string, unknown>> }> }).properties.cluster;
    expect(cluster.properties.failureDetection.default).toBe("2s");
    expect(cluster.properties.failureDetection.description).toMatch(/Default: 2s\.$/);
    const network = cluster.properties.network as unknown as { properties: Record<string, Record<string, unknown>> };
    expect(network.properties.bandwidth.default).toBe("1.25GB/s");
    expect(network.properties.sameZone.default).toEqual({ dist: "lognormal", median: "150us", p99: "600us" });
  });
});
