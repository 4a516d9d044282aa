import * as z from "zod";
import { SERVER_ERROR_CLASSES } from "../model/request/error-class.js";
import { tokenServiceFault } from "./api-schema.js";
import { zDistribution } from "./distribution-schema.js";
import { zDuration, zFraction } from "./zod-units.js";
import { registeredFault } from "./extension-schema.js";

/** The `faults:` section of cluster scenarios: a timeline of injected faults, and random node failures. */

const count = (min: number) => z.number().int().min(min);
const time = zDistribution("duration");

const TARGET = "Name exactly one of node, zone, region and all";
const target = {
  node: z.string().optional().describe(`The target: one node, by id (zone/index, e.g. us-east-1a/0). ${TARGET}.`),
  zone: z.string().optional().describe(`The target: every node (or client) of a zone. ${TARGET}.`),
  region: z.string().optional().describe(`The target: every node (or client) of a region. ${TARGET}.`),
  all: z.literal(true).optional().describe(`The target: every node (or client). ${TARGET}.`),
};
const when = {
  at: zDuration().describe("When the fault begins, from the start of the run."),
  for: zDuration({ min: 1 }).optional().describe("How long it lasts. Absent: until the end of the run."),
};
const kind = <N extends string>(name: N, effect: string) => z.literal(name).describe(`${name}: ${effect}`);

const fault = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: kind("nodeCrash", "the process dies: work and messages on it are lost; without `for`, with cluster.replacement set, the node is lost for good and replaced."),
    ...when, node: z.string().describe("The node that crashes, by id (zone/index, e.g. us-east-1a/0)."),
  }),
  z.strictObject({ kind: kind("zoneOutage", "every node of the zone crashes."), ...when, zone: z.string().describe("The zone whose nodes crash.") }),
  z.strictObject({ kind: kind("regionOutage", "every node of the region crashes."), ...when, region: z.string().describe("The region whose nodes crash.") }),
  z.strictObject({
    kind: kind("diskDegradation", "the target's disk latency is multiplied by `factor`."),
    ...when, ...target, factor: z.number().positive().describe("Disk latency × this (a plain factor)."),
  }),
  z.strictObject({
    kind: kind("gcStorm", "the target's GC schedule is replaced by { interval, pause }."),
    ...when, ...target, interval: time.describe("Run time between pauses during the storm: from the end of one GC pause to the start of the next."), pause: time.describe("Length of each stop-the-world pause, during the storm."),
  }),
  z.strictObject({
    kind: kind("errors", "the target's nodes answer a share of replica requests with errors (class transient for clients.retries.retryOn)."),
    ...when, ...target, share: zFraction().describe("Share of replica requests answered with an error."),
  }),
  /** Each attempt the target's nodes coordinate fails at once, independently, with `probability`, as an error of `class`. */
  z.strictObject({
    kind: kind("attemptErrors", "each attempt the target's nodes coordinate (serve, in pool mode) fails at once, before any work, independently with `probability`, as an error of `class`."),
    ...when, ...target,
    probability: zFraction().describe("Chance that each attempt fails."),
    class: z.enum(SERVER_ERROR_CLASSES).default("transient")
      .describe("The failure's class: throttled or overloaded (counted as shed), unavailable, transient or permanent (counted as failed); clients.retries.retryOn decides whether it is retried."),
  }),
  /** An upstream retry storm: the clients in the target's zones offer `factor` × their load. */
  z.strictObject({
    kind: kind("retryStorm", "an upstream retry storm: the clients in the target's zones offer `factor` × their load."),
    ...when, ...target,
    factor: z.number().positive().describe("The clients' load is multiplied by this (a plain factor)."),
    namespace: z.string().optional().describe("Only this namespace's load is multiplied. Absent: all of it."),
  }),
  /** The clients in the target's zones restart their caches: cold, or pre-warmed with the hottest keys. */
  z.strictObject({
    kind: kind("cacheRestart", "the caches of the clients in the target's zones restart: empty, or pre-warmed with the hottest keys."),
    at: when.at, ...target, prewarm: z.boolean().default(false).describe("Refill the restarted caches with the hottest keys (else they start empty)."),
  }),
  /**
   * A maintenance wave (patching, a rolling restart): the target's nodes taken down `batch` at a
   * time, zone by zone; each is drained first (peers stop routing to it), then down for `down`.
   */
  z.strictObject({
    kind: kind("maintenanceWave", "a rolling restart: the target's nodes, `batch` at a time in zone order, are drained, stopped for `down`, and back; no `for`."),
    at: when.at,
    ...target,
    down: zDuration({ min: 1 }).describe("How long each batch of nodes is stopped. Required."),
    gap: zDuration().default(0).describe("Time between one batch being back and the next starting."),
    batch: count(1).default(1).describe("Nodes taken down at a time."),
    drain: zDuration().default(10_000_000).describe("Each node is announced down (no new work reaches it) this long before it stops; 0 makes each stop a crash that failure detection must notice."),
  }),
  /** A token service (regional: one region's, or every region's; global) slows down and fails fetches. */
  z.strictObject({ ...when, ...tokenServiceFault }),
  /** Packets to and from the target's zones are lost with a further probability `share`. */
  z.strictObject({
    kind: kind("packetLoss", "packets to and from the target's zones are lost with a further probability `share`."),
    ...when, ...target, share: zFraction({ max: 0.5 }).describe("Further loss probability of each packet (at most 50%), independent of network.packets.loss and of the other end's."),
  }),
]);

export const faults = z.strictObject({
  timeline: z.array(z.union([registeredFault({ ...when, ...target }), fault])).default([])
    .meta({ description: "Faults injected at given times: each { kind, at, for?, ... }.", examples: [[{ kind: "zoneOutage", at: "10m", for: "5m", zone: "us-east-1a" }, { kind: "nodeCrash", at: "1m", node: "us-east-1b/0" }]] }),
  nodeFailures: z.strictObject({
    mtbf: zDuration({ min: 1 }).describe("Mean time between failures of each node (exponential times between failures)."),
    mttr: time.describe("Repair time of a failure (a distribution)."),
  }).optional()
    .meta({ description: "Random node failures: every node fails independently, with exponential time between failures and a repair time drawn from mttr. Absent: none.", examples: [{ mtbf: "30d", mttr: { dist: "lognormal", median: "10m", p99: "1h" } }] }),
});

/** One fault of the timeline, as validated: a built-in kind, or one a program registered. */
export type ScenarioFault = z.output<typeof faults>["timeline"][number];
