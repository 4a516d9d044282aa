import * as z from "zod";

/**
 * How far a pinned figure may always move from its pinned mean, whatever its prediction interval:
 * |new − mean| ≤ max(absolute, relative × |mean|) is never flagged. For figures normal theory
 * cannot describe (a percentile at a gap between two modes of the latency distribution).
 */
export const pinToleranceSchema = z
  .strictObject({
    relative: z.number().min(0).optional().describe("A move of at most this share of the pinned mean is never flagged (a plain fraction, e.g. 0.5)."),
    absolute: z.number().min(0).optional().describe("A move of at most this much, in the figure's own unit, is never flagged."),
  })
  .refine((t) => t.relative !== undefined || t.absolute !== undefined, { message: "give relative, absolute or both" });

/**
 * `pin:` in a scenario file: extra tolerances for its pinned outcome, by outcome path, on top of
 * the statistical comparison. A `*` in a path matches one path segment (`latencyMs.*.p99`); the
 * most specific match wins.
 */
export const pinSchema = z.strictObject({
  tolerance: z.record(z.string().min(1), pinToleranceSchema).default({})
    .meta({ description: "By outcome path (* matches one segment; the most specific pattern wins): { relative?, absolute? }, widening the figure's interval to at least max(absolute, relative × |mean|).", examples: [{ "latencyMs.GET.p90": { relative: 0.5 } }] }),
}).describe("Extra tolerances of the pinned outcome (relisim test): floors under the prediction intervals, never narrower.");

export type PinTolerance = z.output<typeof pinToleranceSchema>;
export type PinSpec = z.output<typeof pinSchema>;
