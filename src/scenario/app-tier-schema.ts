import * as z from "zod";
import { zDistribution } from "./distribution-schema.js";
import { zDuration, zFraction } from "./zod-units.js";

const count = (min: number) => z.number().int().min(min);

/** appTier.autoscaling: servers added to (removed from) a region's app tier as its utilization demands. */
const autoscaling = z
  .strictObject({
    scaleOutAbove: zFraction(),
    scaleInBelow: zFraction().default(0),
    every: zDuration({ min: 1 }).default(10_000_000),
    detection: zDuration().default(30_000_000),
    cooldown: zDuration().default(60_000_000),
    step: count(1).default(1),
    max: count(1).default(1000),
  })
  .refine((a) => a.scaleInBelow < a.scaleOutAbove, { message: "must be below scaleOutAbove", path: ["scaleInBelow"] });

/**
 * appTier: a stateless tier of application servers between the clients and the store, per zone,
 * with their own capacity, autoscaling and headroom.
 */
export const appTier = z.union([
  z.literal(false),
  z.strictObject({
    perZone: count(1).max(1000),
    concurrency: count(1).max(100_000).default(8),
    service: zDistribution("duration"),
    queueLimit: count(0).default(1000),
    provisioning: zDuration().default(120_000_000),
    headroom: z
      .strictObject({
        /** Extra servers per zone, a share of perZone (0–100%, rounded up), never scaled in. */
        reserved: zFraction().default(0),
        preInject: z.boolean().default(false),
      })
      .prefault({}),
    autoscaling: z.union([z.literal(false), autoscaling]).default(false),
  }),
]);
