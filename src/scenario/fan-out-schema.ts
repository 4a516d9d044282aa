import * as z from "zod";

const count = (min: number) => z.number().int().min(min);

/** A multi-get: a GET reads `keys` keys at once and waits for `waitFor` of them (all when absent). */
export const fanOut = z
  .union([
    z.literal(false),
    z
      .strictObject({ keys: count(1).max(1000), waitFor: count(1).optional() })
      .refine((f) => f.waitFor === undefined || f.waitFor <= f.keys, { message: "waitFor must be at most keys", path: ["waitFor"] })
      .transform((f) => ({ keys: f.keys, waitFor: f.waitFor ?? f.keys })),
  ]);
