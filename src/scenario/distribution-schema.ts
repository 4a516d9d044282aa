import * as z from "zod";
import type { DistributionSpec } from "../engine/distribution-spec.js";
import { validateDistribution } from "../engine/sampler.js";
import { markUnit, unitInfo, zDuration, zFraction, zSize } from "./zod-units.js";

/** What the values of a distribution measure: time (durations), bytes (sizes) or plain numbers. */
export type DistributionUnit = "duration" | "size" | "number";

function valueSchema(unit: DistributionUnit): z.ZodType<number, unknown> {
  if (unit === "duration") return zDuration() as z.ZodType<number, unknown>;
  if (unit === "size") return zSize() as z.ZodType<number, unknown>;
  return z.number() as z.ZodType<number, unknown>;
}

const shape = (meaning: string) => z.number().positive().describe(`${meaning} (a plain number > 0).`);

/** The parameters in the unit of the field; the others (alpha, beta, shape, weight) are plain numbers. */
const LOCATION_PARAMS = new Set(["value", "min", "max", "mean", "stddev", "median", "p99", "scale", "p50", "p90", "p999"]);

const formsCache = new Map<string, z.ZodType<unknown, unknown>>();

/**
 * The `{ dist: ... }` forms; `weighted` adds a mixture component's weight. Built once per kind,
 * so the recursive mixture refers back to the same schema (JSON Schema output needs that).
 */
function objectForms(unit: DistributionUnit, weighted: boolean): z.ZodType<unknown, unknown> {
  const key = `${unit}/${weighted}`;
  const cached = formsCache.get(key);
  if (cached) return cached;
  const extra: z.ZodRawShape = weighted ? { weight: zFraction().describe("This part's share of the draws; the weights add up to 1.") } : {};
  const base = valueSchema(unit);
  const v = (meaning: string) => base.describe(`${meaning}, in the unit of the field.`);
  const dist = (name: string, meaning: string) => z.literal(name).describe(`${name}: ${meaning}`);
  const forms = z.discriminatedUnion("dist", [
    z.strictObject({ ...extra, dist: dist("constant", "every draw is `value`."), value: v("The value every draw takes") }),
    z.strictObject({ ...extra, dist: dist("uniform", "uniform between min and max."), min: v("The smallest value"), max: v("The largest value") }),
    z.strictObject({ ...extra, dist: dist("exponential", "exponential with the given mean."), mean: v("The mean") }),
    z.strictObject({ ...extra, dist: dist("normal", "normal (Gaussian)."), mean: v("The mean"), stddev: v("The standard deviation") }),
    z.strictObject({ ...extra, dist: dist("lognormal", "lognormal, given by its median and 99th percentile: what users know of latencies."), median: v("The median (50th percentile)"), p99: v("The 99th percentile") }),
    z.strictObject({ ...extra, dist: dist("pareto", "Pareto: a power-law tail above `scale`."), scale: v("The minimum value (the scale)"), alpha: shape("The tail index α: smaller is heavier") }),
    z.strictObject({ ...extra, dist: dist("weibull", "Weibull."), scale: v("The scale λ"), shape: shape("The shape k") }),
    z.strictObject({
      ...extra,
      dist: dist("scaledBeta", "min + (max − min)·Beta(α, β): the form fitted to disk latencies."),
      min: v("The lower end"), max: v("The upper end"), alpha: shape("The Beta distribution's α"), beta: shape("The Beta distribution's β"),
    }),
    z.strictObject({
      ...extra,
      dist: dist("empirical", "a quantile function linear between the given points."),
      min: v("The smallest value (the 0th percentile); absent: 0").optional(),
      p50: v("The median (50th percentile)"),
      p90: v("The 90th percentile; absent: no knot there").optional(),
      p99: v("The 99th percentile; absent: no knot there").optional(),
      p999: v("The 99.9th percentile; absent: no knot there").optional(),
      max: v("The largest value (the 100th percentile); absent: the slope of the last two knots extended to it").optional(),
    }),
    z.strictObject({
      ...extra,
      dist: dist("mixture", "each draw comes from one of the components, chosen by weight (e.g. 99% fast + 1% slow)."),
      get components(): z.ZodType<unknown, unknown> {
        return z.array(objectForms(unit, true)).min(1).describe("The parts: [{ weight, dist, ...its parameters }].");
      },
    }),
  ]);
  // Named, so the JSON Schema defines each form once (in `definitions`) instead of at every field.
  const named = forms.meta({
    id: weighted ? `${unit}DistributionComponent` : `${unit}Distribution`,
    description: weighted ? `one part of a mixture: a distribution of ${unit === "number" ? "numbers" : `${unit}s`} with its weight` : `a distribution of ${unit === "number" ? "numbers" : `${unit}s`}: {dist: NAME, ...its parameters}`,
  });
  formsCache.set(key, named);
  return named;
}

/**
 * A distribution in a scenario file: a plain value (a constant) or `{ dist: name, ...params }`.
 * Location-like params (value, min, max, mean, median, p99, scale, ...) are in `unit`; shape
 * params (alpha, beta, shape) are plain numbers; a mixture's components carry a `weight`.
 */
export function zDistribution(unit: DistributionUnit): z.ZodType<DistributionSpec, unknown> {
  const constant = valueSchema(unit).transform((value): DistributionSpec => ({ dist: "constant", value }));
  const hint = unit === "number" ? "a number" : `a ${unit}`;
  const example = { duration: "{dist: lognormal, median: 1ms, p99: 5ms}", size: "{dist: lognormal, median: 4KiB, p99: 64KiB}", number: "{dist: uniform, min: 2, max: 3}" }[unit];
  const phrase = `${hint}, or a distribution such as ${example}`;
  const write = unitInfo(valueSchema(unit))?.write ?? ((value: unknown) => value);
  const writeSpec = (spec: unknown): unknown => {
    const s = spec as Record<string, unknown>;
    if (s.dist === "constant" && s.weight === undefined) return write(s.value);
    return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === "components" ? (v as unknown[]).map(writeSpec) : LOCATION_PARAMS.has(k) ? write(v) : v]));
  };
  const schema = z
    .union([constant, objectForms(unit, false)])
    .superRefine((spec, ctx) => {
      for (const message of validateDistribution(spec as DistributionSpec)) ctx.addIssue({ code: "custom", message });
    })
    .meta({ description: phrase });
  return markUnit(schema, { phrase, write: writeSpec }) as unknown as z.ZodType<DistributionSpec, unknown>;
}
