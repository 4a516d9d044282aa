import * as z from "zod";
import { pinSchema } from "./pin-schema.js";
import { zBandwidth, zDuration, zFraction, zSize } from "./zod-units.js";
import { fleetBandwidthSchema, fleetChangesSchema, fleetSnapshotSchema } from "./fleet-changes-schema.js";

const count = (min: number) => z.number().int().min(min);

/** The `fleet:` block of a fleet scenario: thousands of clusters, failures and maintenance. */
export const fleetSchema = z.strictObject({
  // Every cluster is built before the first event; 100,000 clusters of 12 nodes for a year take about a minute.
  clusters: count(1).max(100_000).default(2000),
  zones: count(1).default(3),
  // A bound that keeps a fleet buildable (clusters × nodes are allocated up front).
  nodesPerZone: count(1).max(1000).default(4),
  replicationFactor: count(1).default(3),
  vnodes: count(1).max(256).default(16),
  dataPerNode: zSize({ min: 1 }).default(1024 ** 4),
  streamBandwidth: zBandwidth({ min: 1 }).default(200 * 1024 ** 2),
  failuresPerNodeYear: z.number().nonnegative().default(0.1),
  repair: z.enum(["stream", "reattach", "snapshot"]).default("stream"),
  reattachTime: zDuration({ min: 1 }).default(600_000_000),
  imageTime: zDuration({ min: 1 }).default(300_000_000),
  maintenance: z
    .union([
      z.literal(false),
      z.strictObject({
        strategy: z.enum(["copyState", "reattachDrives", "imageInPlace"]),
        // A pass less often than once a century is no maintenance (maintenance: false).
        everyDays: z.number().positive().max(36_500),
        failureChance: zFraction().default(0.01),
        pauseBetweenNodes: zDuration().default(600_000_000),
      }),
    ])
    .default(false),
  bandwidth: fleetBandwidthSchema.default(false),
  snapshot: fleetSnapshotSchema.default(false),
  changes: fleetChangesSchema.default(false),
});

/** A fleet scenario file. */
export const fleetScenarioSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  duration: zDuration({ min: 1 }),
  fleet: fleetSchema,
  /** Replications per run (each on its own seed derived from the scenario's). */
  // Far beyond what an interval needs, and a bound that keeps a typo from running for ever.
  replications: count(1).max(10_000).default(1),
  variants: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).max(64), z.record(z.string(), z.unknown())).optional(),
  /** The grid `relisim sweep` runs by default: path → values. */
  sweep: z.record(z.string(), z.array(z.unknown()).min(1)).optional(),
  expect: z.array(z.string()).default([]),
  /** Extra tolerances of the pinned outcome (`relisim test`): floors under the prediction intervals. */
  pin: pinSchema.prefault({}),
});

export type FleetScenarioSpec = z.output<typeof fleetScenarioSchema>;
