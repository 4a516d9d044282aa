import * as z from "zod";
import type { Extension, ExtensionRegistry } from "../model/extension-registry.js";
import { balancerRegistry } from "../model/client/balancer/balancer-registry.js";
import { limitRegistry } from "../model/limit/limit-registry.js";
import { faultKindRegistry } from "../model/faults/fault-kind-registry.js";
import { suggest } from "./did-you-mean.js";
import { describeInput } from "./units.js";
import { CLAIMED, issueMessage } from "./validate.js";

/**
 * Schema branches for what a program registered (balancers, limit algorithms, fault kinds): a
 * value naming one in its `policy` or `kind` key, its other keys the extension's parameters,
 * checked by the extension's own `params` when the scenario is validated.
 *
 * Each branch sits in a union beside the built-in forms. A value naming a built-in is left to
 * them (the branch fails at the value's root, which the error report never prefers); a value
 * naming anything else is claimed: its problems, marked `claimed`, are what the report shows
 * (see validate.ts), so an unknown name is answered with every name a scenario may use.
 */

type AnyRegistry = ExtensionRegistry<Extension<unknown, never, unknown>>;

/** The branches below, known to the JSON Schema, which leaves them out: it describes the built-ins only. */
const FORMS = new WeakSet<object>();

/** Whether `schema` is one of the branches for registered extensions. */
export function isExtensionForm(schema: object): boolean {
  return FORMS.has(schema);
}

function form<T extends object>(schema: T): T {
  FORMS.add(schema);
  return schema;
}
type Ctx = z.core.ParsePayload<unknown>;

function claim(ctx: Ctx, path: PropertyKey[], message: string): void {
  ctx.issues.push({ code: "custom", path, input: ctx.value, message, params: CLAIMED });
}

/** `expected one of a|b|c, got "x" (did you mean "y"?)` over the built-in and registered names. */
function unknownName(registry: AnyRegistry, name: unknown): string {
  const names = registry.names();
  const guess = typeof name === "string" ? suggest(name, names) : undefined;
  return `expected one of ${names.join("|")}, got ${describeInput(name)}${guess === undefined ? "" : ` (did you mean ${JSON.stringify(guess)}?)`}`;
}

/**
 * The registered extension `name` (undefined when the value is the built-ins' to judge, or when
 * a problem was claimed), its parameters parsed by its own `params`.
 */
function parseNamed(registry: AnyRegistry, name: unknown, raw: Record<string, unknown>, ctx: Ctx, key: string): { params: unknown } | undefined {
  if (typeof name !== "string" || registry.isBuiltIn(name)) {
    ctx.issues.push({ code: "custom", path: [], input: ctx.value, message: "a built-in form" });
    return undefined;
  }
  const extension = registry.get(name);
  if (!extension) {
    claim(ctx, key === "" ? [] : [key], unknownName(registry, name));
    return undefined;
  }
  try {
    return { params: extension.params ? extension.params(raw) : raw };
  } catch (error) {
    claim(ctx, [], `${name}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** The value's keys other than `structural`: what the extension's `params` receives. */
function paramsOf(value: Record<string, unknown>, structural: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !structural.includes(k)));
}

/**
 * `{ [key]: name, ...params }` naming a registered extension, as `{ name, params, fields }`,
 * where `fields` are the structural keys (besides `key`) parsed with `fields`' schemas.
 */
export function namedExtension<F extends z.core.$ZodLooseShape>(registry: AnyRegistry, key: string, fields: F, what: string) {
  const structure = z.object(fields);
  const structural = [key, ...Object.keys(fields)];
  return z
    .looseObject({ [key]: z.string().optional().describe(`The name a program registered the ${what} under (required).`) })
    .describe(`A ${what} a program registered: its name in \`${key}\`, its parameters beside it.`)
    .transform((value, ctx) => {
      const parsed = parseNamed(registry, value[key], paramsOf(value, structural), ctx as Ctx, key);
      if (!parsed) return z.NEVER;
      const result = structure.safeParse(value, { reportInput: true, error: issueMessage });
      if (!result.success) {
        // Claimed: the value names this extension, so its own problems are the ones to report.
        for (const issue of result.error.issues) ctx.issues.push({ ...(issue as object), params: CLAIMED } as never);
        return z.NEVER;
      }
      return { name: value[key] as string, params: parsed.params, fields: result.data as z.output<z.ZodObject<F>> };
    });
}

/** A bare name (`balancer: myBalancer`) naming a registered extension, with no parameters. */
export function bareExtensionName(registry: AnyRegistry, what: string) {
  return z
    .string()
    .describe(`A ${what} a program registered, by name.`)
    .transform((name, ctx) => {
      const parsed = parseNamed(registry, name, {}, ctx as Ctx, "");
      return parsed ? { name, params: parsed.params } : z.NEVER;
    });
}

/** The two forms of a registered balancer (`balancer: name`, `balancer: { policy: name, ...params }`), as the config with `defaults` beside it. */
export function registeredBalancerForms<D extends object>(defaults: () => D) {
  const config = ({ name, params }: { name: string; params: unknown }) => ({ ...defaults(), extension: { name, params } });
  return [form(bareExtensionName(balancerRegistry, "balancer").transform(config)), form(namedExtension(balancerRegistry, "policy", {}, "balancer").transform(config))] as const;
}

/** A registered limit algorithm: `{ kind: name, ...params }`. */
export const registeredLimit = form(namedExtension(limitRegistry, "kind", {}, "concurrency-limit algorithm")
  .transform(({ name, params }) => ({ kind: "extension" as const, name, params })));

/** A timeline entry of a registered fault kind: `{ kind: name, at, for?, <target>, ...params }`. */
export function registeredFault<F extends z.core.$ZodLooseShape>(fields: F) {
  return form(namedExtension(faultKindRegistry, "kind", fields, "fault kind").transform(({ name, params, fields }) => ({ kind: "extension" as const, name, params, ...fields })));
}
