import * as z from "zod";

const count = (min: number) => z.number().int().min(min);

/** A multi-get: a GET reads `keys` keys at once and waits for `waitFor` of them (all when absent). */
export const fanOut = z
  .union([
    z.literal(false),
    z
      .strictObject({
        keys: count(1).max(1000).describe("Keys every GET reads in parallel (1–1000): the drawn key and keys − 1 more from the namespace's key space, each a request of its own."),
        waitFor: count(1).optional().describe("The read is done when this many parts succeeded, and fails as soon as more than keys − waitFor failed. Absent: keys."),
      })
      .refine((f) => f.waitFor === undefined || f.waitFor <= f.keys, { message: "waitFor must be at most keys", path: ["waitFor"] })
      .transform((f) => ({ keys: f.keys, waitFor: f.waitFor ?? f.keys })),
  ])
  .meta({ description: "Multi-gets: every GET reads `keys` keys in parallel and waits for `waitFor` of them; the metrics count the read once. false: single-key GETs.", examples: [{ keys: 10, waitFor: 9 }] });
