import * as z from "zod";
import { zDuration, zFraction } from "./zod-units.js";

/** `fidelity:` hybrid simulation: a sampled share of requests one by one, the rest as fluid load. */
export const fidelity = z
  .union([
    z.literal(false),
    z.strictObject({
      sample: zFraction({ min: 0.000001, max: 1 })
        .describe("Share of the requests simulated one by one, with the whole client stack (e.g. 1%); the rest is fluid load on the same servers. 100%: every request (no fluid)."),
      window: zDuration({ min: 1_000 }).default(2_000_000)
        .describe("Time constant of the rates the fluid load is estimated from (the sampled work reaching each zone). Longer: less noise, slower to follow a change."),
    }),
  ])
  .default(false)
  .meta({
    description: "Hybrid fidelity: only a sampled share of the traffic is simulated request by request; the rest is carried as fluid load (rate × service demand) on the same servers, so the sample sees the queueing, shedding and GC the whole load causes. Counts are scaled up from the sample. false: every request.",
    examples: [{ sample: "1%" }],
  });
