import * as z from "zod";
import { zDuration } from "./zod-units.js";

/**
 * Tied requests (`clients.hedging.tied`): `true` cancels at once; `{ cancelDelay }` gives the
 * time a cancel takes to reach the other server. Off (`false`) by default.
 */
export const tied = z
  .union([z.boolean(), z.strictObject({ cancelDelay: zDuration().default(0).describe("Time the cancel takes to reach the other server (a copy that starts before then is served twice).") })])
  .default(false)
  .meta({ description: "Tied requests (pool mode only): the first attempt and its hedge are tied copies; the first to start service cancels the other, which its server takes off its queue. true cancels at once; false: untied.", examples: [true, { cancelDelay: "200us" }] })
  .transform((t) => (t === false ? (false as const) : t === true ? { cancelDelay: 0 } : t));
