import * as z from "zod";
import { pinSchema } from "./pin-schema.js";
import { scenarioDescription, scenarioExpect, scenarioName, scenarioSeed, scenarioVariants } from "./scenario-fields-schema.js";
import { zBandwidth, zDuration, zFraction, zSize } from "./zod-units.js";
import { fleetBandwidthSchema, fleetChangesSchema, fleetSnapshotSchema } from "./fleet-changes-schema.js";

const count = (min: number) => z.number().int().min(min);

/** The `fleet:` block of a fleet scenario: thousands of clusters, failures and maintenance. */
export const fleetSchema = z.strictObject({
  // Every cluster is built before the first event; 100,000 clusters of 12 nodes for a year take about a minute.
  clusters: count(1).max(100_000).default(2000).describe("Identical clusters in the fleet (at most 100,000: every cluster is built before the first event; 100,000 clusters of 12 nodes for a year take about a minute of CPU)."),
  zones: count(1).default(3).describe("Zones per cluster."),
  // A bound that keeps a fleet buildable (clusters × nodes are allocated up front).
  nodesPerZone: count(1).max(1000).default(4).describe("Nodes in each zone of a cluster (at most 1000)."),
  replicationFactor: count(1).default(3).describe("Replicas per token range (one per zone when zones ≥ the factor); a range loses quorum below ⌊RF/2⌋ + 1 replicas up."),
  vnodes: count(1).max(256).default(16).describe("Token ranges per node (1–256): more vnodes, more peers sharing a range with each node."),
  dataPerNode: zSize({ min: 1 }).default(1024 ** 4).describe("State held by each node, which a stream must move."),
  streamBandwidth: zBandwidth({ min: 1 }).default(200 * 1024 ** 2).describe("Speed a node receives or sends a stream at: a node rebuilt by streaming takes dataPerNode / this (fleet.bandwidth replaces it)."),
  failuresPerNodeYear: z.number().nonnegative().default(0.1).describe("Independent hardware failures per node per year (a rate)."),
  repair: z.enum(["stream", "reattach", "snapshot"]).default("stream")
    .describe("How a failed node's state comes back: stream (re-streamed from peers), reattach (its network drive re-attached to a new instance, reattachTime) or snapshot (restored from a backup, needs fleet.snapshot)."),
  reattachTime: zDuration({ min: 1 }).default(600_000_000).describe("Time to re-attach drives to a new instance (repair: reattach and the reattachDrives strategy)."),
  imageTime: zDuration({ min: 1 }).default(300_000_000).describe("Time to re-image a node in place (the imageInPlace strategy)."),
  maintenance: z
    .union([
      z.literal(false),
      z.strictObject({
        strategy: z.enum(["copyState", "reattachDrives", "imageInPlace"])
          .describe("What a maintenance step does: copyState streams the whole state to a new instance, reattachDrives moves the network drives (reattachTime), imageInPlace re-images the software and moves nothing (imageTime). Required."),
        // A pass less often than once a century is no maintenance (maintenance: false).
        everyDays: z.number().positive().max(36_500).describe("Days between passes over a cluster (at most 36,500). Required."),
        failureChance: zFraction().default(0.01).describe("Chance that a step goes wrong: the node then needs a full state stream."),
        pauseBetweenNodes: zDuration().default(600_000_000).describe("From the end of one node's step to the start of the next."),
      }),
    ])
    .default(false)
    .meta({ description: "Rolling maintenance: a pass through each cluster one node at a time (never while another node is down), taking each down for the strategy's time. false: none.", examples: [{ strategy: "copyState", everyDays: 7, failureChance: "1%", pauseBetweenNodes: "10m" }] }),
  bandwidth: fleetBandwidthSchema.default(false),
  snapshot: fleetSnapshotSchema.default(false),
  changes: fleetChangesSchema.default(false),
});

/** A fleet scenario file. */
export const fleetScenarioSchema = z.strictObject({
  name: scenarioName,
  description: scenarioDescription,
  seed: scenarioSeed,
  duration: zDuration({ min: 1 }).meta({ description: "Simulated time of the fleet's run. Required.", examples: ["1y", "90d"] }),
  fleet: fleetSchema.meta({ description: "The fleet: thousands of identical clusters, their node failures, repairs, maintenance and software changes. Its presence makes this a fleet scenario. Required.", examples: [{ clusters: 2000, dataPerNode: "1TiB", maintenance: { strategy: "copyState", everyDays: 7 } }] }),
  /** Replications per run (each on its own seed derived from the scenario's). */
  // Far beyond what an interval needs, and a bound that keeps a typo from running for ever.
  replications: count(1).max(10_000).default(1)
    .describe("Replications per run, each on a seed derived from (seed, i): every figure gets a mean and a 95% interval (at most 10,000)."),
  variants: scenarioVariants,
  /** The grid `relisim sweep` runs by default: path → values. */
  sweep: z.record(z.string(), z.array(z.unknown()).min(1)).optional()
    .meta({ description: "The grid relisim sweep runs by default: path: [values], every combination a point. Absent: no default grid.", examples: [{ "fleet.maintenance.strategy": ["copyState", "imageInPlace"], "fleet.maintenance.everyDays": [7, 30] }] }),
  expect: scenarioExpect,
  /** Extra tolerances of the pinned outcome (`relisim test`): floors under the prediction intervals. */
  pin: pinSchema.prefault({}),
});

export type FleetScenarioSpec = z.output<typeof fleetScenarioSchema>;
