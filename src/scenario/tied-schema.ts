import * as z from "zod";
import { zDuration } from "./zod-units.js";

/**
 * Tied requests (`clients.hedging.tied`): `true` cancels at once; `{ cancelDelay }` gives the
 * time a cancel takes to reach the other server. Off (`false`) by default.
 */
export const tied = z
  .union([z.boolean(), z.strictObject({ cancelDelay: zDuration().default(0) })])
  .default(false)
  .transform((t) => (t === false ? (false as const) : t === true ? { cancelDelay: 0 } : t));
