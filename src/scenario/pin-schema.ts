import * as z from "zod";

/**
 * How far a pinned figure may move across relisim versions before `relisim test` calls it a
 * regression: |new − pinned| ≤ max(absolute, relative × |pinned|).
 */
export const pinToleranceSchema = z
  .strictObject({
    relative: z.number().min(0).optional(),
    absolute: z.number().min(0).optional(),
  })
  .refine((t) => t.relative !== undefined || t.absolute !== undefined, { message: "give relative, absolute or both" });

/**
 * `pin:` in a scenario file: tolerances for its pinned outcome, by outcome path. A `*` in a
 * path matches one path segment (`latencyMs.*.p99`); the most specific match wins.
 */
export const pinSchema = z.strictObject({
  tolerance: z.record(z.string().min(1), pinToleranceSchema).default({}),
});

export type PinTolerance = z.output<typeof pinToleranceSchema>;
export type PinSpec = z.output<typeof pinSchema>;
