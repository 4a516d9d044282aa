import * as z from "zod";
import { fleetScenarioSchema } from "./fleet-schema.js";
import { scenarioSchema } from "./schema.js";
import { unitInfo } from "./zod-units.js";
import { isExtensionForm } from "./extension-schema.js";

/**
 * The JSON Schema (draft-07, what editors such as VS Code's YAML extension read) of scenario
 * files as users write them: durations as strings, and so on. A document with a `fleet:` key is
 * a fleet scenario, any other a cluster scenario. Every property's description is its own
 * (`.describe()` beside its zod schema) followed by its unit and its default, both derived from
 * the zod schema so they cannot drift; defaults are given as users write them (`"2s"`, not µs).
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const both = z.toJSONSchema(z.union([scenarioSchema, fleetScenarioSchema]), {
    io: "input",
    target: "draft-7",
    unrepresentable: "any",
    // Inline: in draft-07 a description beside a $ref is ignored, so shared schemas are repeated.
    reused: "inline",
    override: ({ zodSchema, jsonSchema }) => {
      if (isExtensionForm(zodSchema)) (jsonSchema as Record<string, unknown>)[EXTENSION] = true;
      else explain(zodSchema as unknown as z.ZodType, jsonSchema as Record<string, unknown>);
    },
  }) as Record<string, unknown>;
  withoutExtensionForms(both);
  const { anyOf, $schema, ...shared } = both as { anyOf: [Record<string, unknown>, Record<string, unknown>]; $schema: string };
  const [cluster, fleet] = anyOf;
  return {
    $schema,
    title: "relisim scenario",
    description:
      "A relisim scenario file. With a `fleet:` block, a fleet scenario (thousands of clusters over months: failures, " +
      "maintenance, state movement); otherwise a cluster scenario (requests through one cluster: topology, workload, " +
      "clients, faults, SLO, variants and expectations).",
    ...shared,
    if: { type: "object", properties: { fleet: { description: "A fleet: block makes a fleet scenario." } }, required: ["fleet"] },
    then: { title: "fleet scenario", ...fleet },
    else: { title: "cluster scenario", ...cluster },
  };
}

/** Marks the JSON of a form for registered extensions (a program's own balancers, limits, fault kinds). */
const EXTENSION = "x-relisim-extension";

/** Drops the marked options from every anyOf: the JSON Schema knows no program's extensions, only the built-ins. */
function withoutExtensionForms(json: unknown): void {
  if (Array.isArray(json)) return json.forEach(withoutExtensionForms);
  if (typeof json !== "object" || json === null) return;
  const node = json as Record<string, unknown>;
  if (Array.isArray(node.anyOf)) {
    const options = node.anyOf.filter((option) => !(option as Record<string, unknown>)?.[EXTENSION]);
    node.anyOf = options;
    // A union left with one option is that option (as the schema was before extensions).
    if (options.length === 1 && Object.keys(node).length === 1) {
      delete node.anyOf;
      Object.assign(node, options[0]);
    }
  }
  Object.values(node).forEach(withoutExtensionForms);
}

/** Completes a schema's JSON: its unit and default added to its description, the default and examples as users write them. */
function explain(schema: z.ZodType, json: Record<string, unknown>): void {
  const meta = z.globalRegistry.get(schema);
  // zod leaves out examples and defaults of transforming schemas in input mode (it cannot know their input form).
  if (meta?.examples !== undefined) json.examples = meta.examples;
  const own = typeof meta?.description === "string" ? meta.description : undefined;
  let text = own ?? (typeof json.description === "string" ? json.description : undefined);
  if (text === undefined) return;
  const unit = unitInfo(schema);
  if (unit !== undefined && text !== unit.phrase && !text.includes(unit.phrase)) text = `${sentence(text)} ${capitalised(unit.phrase)}.`;
  const def = schema._zod.def as { type: string; defaultValue?: unknown; innerType?: z.ZodType };
  if ((def.type === "default" || def.type === "prefault") && !text.includes(" Default: ")) {
    const written = def.type === "default" ? inputForm(def.innerType!, def.defaultValue) : def.defaultValue;
    json.default = written;
    text = `${sentence(text)} Default: ${showDefault(written, def.type === "prefault")}.`;
  }
  json.description = text;
}

function sentence(text: string): string {
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function showDefault(value: unknown, prefault: boolean): string {
  if (value === false) return "false (off)";
  if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0) return prefault ? "{} (every field at its default)" : "{} (none)";
  if (typeof value === "string") return value;
  return JSON.stringify(value).replace(/"([^"]*)"/g, "$1").replace(/([:,])/g, "$1 ");
}

/** A value in model units (a schema's output) as a user would write it: the input that parses to it. */
function inputForm(schema: z.ZodType, value: unknown): unknown {
  const unit = unitInfo(schema);
  if (unit !== undefined) return unit.write(value);
  const def = schema._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType; shape?: Record<string, z.ZodType>; options?: z.ZodType[]; values?: unknown[] };
  if (def.type === "optional" || def.type === "default" || def.type === "prefault") return inputForm(def.innerType!, value);
  if (def.type === "pipe") return inputForm(def.in!, value);
  if (def.type === "object" && typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, def.shape![k] ? inputForm(def.shape![k], v) : v]));
  }
  if (def.type === "union") {
    for (const option of def.options!) {
      const o = option._zod.def as { type: string; values?: unknown[]; shape?: Record<string, unknown> };
      if (o.type === "literal" && o.values!.includes(value)) return value;
      if (o.type === "object" && typeof value === "object" && value !== null && Object.keys(value).every((k) => k in o.shape!)) return inputForm(option, value);
    }
  }
  return value;
}
