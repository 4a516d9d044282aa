import * as z from "zod";
import { zDistribution } from "./distribution-schema.js";
import { zDuration, zFraction } from "./zod-units.js";

const count = (min: number) => z.number().int().min(min);

/** appTier.autoscaling: servers added to (removed from) a region's app tier as its utilization demands. */
const autoscaling = z
  .strictObject({
    scaleOutAbove: zFraction().describe("Servers are ordered when the region's app servers' utilization (slot-time used over offered) stays above this for `detection`. Required."),
    scaleInBelow: zFraction().default(0).describe("Servers are removed when utilization stays below this for `detection` (never below the start, reserved included)."),
    every: zDuration({ min: 1 }).default(10_000_000).describe("How often each region's utilization is measured."),
    detection: zDuration().default(30_000_000).describe("How long utilization must stay beyond a threshold before the tier scales."),
    cooldown: zDuration().default(60_000_000).describe("No new decision within this of the last one."),
    step: count(1).default(1).describe("Servers added (serving after appTier.provisioning) or removed per decision."),
    max: count(1).default(1000).describe("The most app servers per region."),
  })
  .refine((a) => a.scaleInBelow < a.scaleOutAbove, { message: "must be below scaleOutAbove", path: ["scaleInBelow"] });

/**
 * appTier: a stateless tier of application servers between the clients and the store, per zone,
 * with their own capacity, autoscaling and headroom.
 */
export const appTier = z.union([
  z.literal(false),
  z.strictObject({
    perZone: count(1).max(1000).describe("App servers per zone at the start (1–1000). Required."),
    concurrency: count(1).max(100_000).default(8).describe("Requests one server works on at once (its slots)."),
    service: zDistribution("duration").describe("A server's own time per request, before it calls the store. Required."),
    queueLimit: count(0).default(1000).describe("Requests waiting per server; more are shed (counted shed)."),
    provisioning: zDuration().default(120_000_000).describe("From a decision (autoscaling, pre-injection) to new servers serving."),
    headroom: z
      .strictObject({
        /** Extra servers per zone, a share of perZone (0–100%, rounded up), never scaled in. */
        reserved: zFraction().default(0).describe("Extra servers per zone from the start, a share of perZone (0–100%, rounded up); never scaled in."),
        preInject: z.boolean().default(false)
          .describe("When a region's evacuation is decided, each surviving region orders its share of the lost region's servers at once, before any load moves (needs cluster.evacuation)."),
      })
      .prefault({})
      .describe("Spare app-tier capacity: reserved servers, and pre-injection on evacuation."),
    autoscaling: z.union([z.literal(false), autoscaling]).default(false)
      .meta({ description: "Autoscaling of each region's app servers by their utilization. false: none.", examples: [{ scaleOutAbove: 0.7, step: 2 }] }),
  }),
]);
