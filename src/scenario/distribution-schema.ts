import * as z from "zod";
import type { DistributionSpec } from "../engine/distribution-spec.js";
import { validateDistribution } from "../engine/sampler.js";
import { zDuration, zFraction, zSize } from "./zod-units.js";

/** What the values of a distribution measure: time (durations), bytes (sizes) or plain numbers. */
export type DistributionUnit = "duration" | "size" | "number";

function valueSchema(unit: DistributionUnit): z.ZodType<number, unknown> {
  if (unit === "duration") return zDuration() as z.ZodType<number, unknown>;
  if (unit === "size") return zSize() as z.ZodType<number, unknown>;
  return z.number() as z.ZodType<number, unknown>;
}

const shape = z.number().positive();

const formsCache = new Map<string, z.ZodType<unknown, unknown>>();

/**
 * The `{ dist: ... }` forms; `weighted` adds a mixture component's weight. Built once per kind,
 * so the recursive mixture refers back to the same schema (JSON Schema output needs that).
 */
function objectForms(unit: DistributionUnit, weighted: boolean): z.ZodType<unknown, unknown> {
  const key = `${unit}/${weighted}`;
  const cached = formsCache.get(key);
  if (cached) return cached;
  const extra: z.ZodRawShape = weighted ? { weight: zFraction() } : {};
  const v = valueSchema(unit);
  const forms = z.discriminatedUnion("dist", [
    z.strictObject({ ...extra, dist: z.literal("constant"), value: v }),
    z.strictObject({ ...extra, dist: z.literal("uniform"), min: v, max: v }),
    z.strictObject({ ...extra, dist: z.literal("exponential"), mean: v }),
    z.strictObject({ ...extra, dist: z.literal("normal"), mean: v, stddev: v }),
    z.strictObject({ ...extra, dist: z.literal("lognormal"), median: v, p99: v }),
    z.strictObject({ ...extra, dist: z.literal("pareto"), scale: v, alpha: shape }),
    z.strictObject({ ...extra, dist: z.literal("weibull"), scale: v, shape }),
    z.strictObject({ ...extra, dist: z.literal("scaledBeta"), min: v, max: v, alpha: shape, beta: shape }),
    z.strictObject({
      ...extra,
      dist: z.literal("empirical"),
      min: v.optional(),
      p50: v,
      p90: v.optional(),
      p99: v.optional(),
      p999: v.optional(),
      max: v.optional(),
    }),
    z.strictObject({
      ...extra,
      dist: z.literal("mixture"),
      get components(): z.ZodType<unknown, unknown> {
        return z.array(objectForms(unit, true)).min(1);
      },
    }),
  ]);
  formsCache.set(key, forms);
  return forms;
}

/**
 * A distribution in a scenario file: a plain value (a constant) or `{ dist: name, ...params }`.
 * Location-like params (value, min, max, mean, median, p99, scale, ...) are in `unit`; shape
 * params (alpha, beta, shape) are plain numbers; a mixture's components carry a `weight`.
 */
export function zDistribution(unit: DistributionUnit): z.ZodType<DistributionSpec, unknown> {
  const constant = valueSchema(unit).transform((value): DistributionSpec => ({ dist: "constant", value }));
  const hint = unit === "number" ? "a number" : `a ${unit}`;
  return z
    .union([constant, objectForms(unit, false)])
    .superRefine((spec, ctx) => {
      for (const message of validateDistribution(spec as DistributionSpec)) ctx.addIssue({ code: "custom", message });
    })
    .meta({ description: `${hint}, or a distribution such as {dist: lognormal, median: 1ms, p99: 5ms}` }) as unknown as z.ZodType<
    DistributionSpec,
    unknown
  >;
}
