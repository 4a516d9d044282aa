import * as z from "zod";
import { pinSchema } from "./pin-schema.js";
import { JITTERS } from "../model/client/retry-backoff.js";
import { ERROR_CLASSES, SERVER_ERROR_CLASSES } from "../model/request/error-class.js";
import { CONSISTENCY_LEVELS, OPS } from "../model/config.js";
import { apiSchema, tokenServiceFault } from "./api-schema.js";
import { zDistribution } from "./distribution-schema.js";
import { zBandwidth, zDuration, zFraction, zRate, zSize } from "./zod-units.js";
import { fanOut } from "./fan-out-schema.js";
import { tied } from "./tied-schema.js";
import { replacement } from "./replacement-schema.js";
import { appTier } from "./app-tier-schema.js";
import { cas, closedLoop } from "./contention-schema.js";
import { clientCriticality, criticality } from "./priority-schema.js";
import { phases } from "./phases-schema.js";
import { node, pauses } from "./node-schema.js";

/**
 * The one schema of scenario files. Strict (unknown keys are errors), with defaults for
 * everything a small scenario can leave out. Its output is plain data in model units
 * (µs, bytes, per second); `toSimulation` turns it into the model's config.
 */

const count = (min: number) => z.number().int().min(min);
const time = zDistribution("duration");

const region = z.strictObject({
  name: z.string().min(1),
  zones: z.array(z.string().min(1)).min(1),
  // A bound that keeps a world buildable: beyond it, validation itself would run out of memory.
  /** One count for every zone, or one per zone (`[4, 4, 2]`). */
  nodesPerZone: z.union([count(1).max(1000), z.array(count(1).max(1000)).min(1)]),
  /** Copies per range in this region; absent: 3 in coordinated mode, none in a pool (which holds no replicas). */
  replicationFactor: count(0).optional(),
});

const network = z.strictObject({
  sameZone: time.default({ dist: "lognormal", median: 150, p99: 600 }),
  crossZone: time.default({ dist: "lognormal", median: 500, p99: 1500 }),
  crossRegion: time.default({ dist: "lognormal", median: 35_000, p99: 70_000 }),
  bandwidth: zBandwidth({ min: 1 }).default(1.25e9),
  /** Payloads travel as packets; each can be lost, and a loss costs a retransmit timeout. */
  packets: z
    .strictObject({
      size: zSize({ min: 1 }).default(1448),
      loss: zFraction({ max: 0.5 }).default(0),
      retransmitTimeout: zDuration({ min: 1 }).default(200_000),
    })
    .prefault({}),
});

const consistencyLevel = z.enum(CONSISTENCY_LEVELS);
const opName = z.enum(OPS);

const signalFields = {
  target: zDuration({ min: 1 }).optional(),
  max: zDuration({ min: 1 }).optional(),
  concurrency: z.number().positive().optional(),
  hedges: z.number().nonnegative().optional(),
};
const partialSignal = z.strictObject(signalFields);

const signals = z.strictObject({
  target: zDuration({ min: 1 }).default(10_000),
  max: zDuration({ min: 1 }).default(500_000),
  concurrency: z.number().positive().default(1_000_000),
  hedges: z.number().nonnegative().default(1),
  /** Per op, for every namespace. */
  ops: z.partialRecord(opName, partialSignal).default({}),
  /** Per namespace, per op. */
  namespaces: z.record(z.string(), z.partialRecord(opName, partialSignal)).default({}),
  timeline: z
    .array(z.strictObject({ at: zDuration(), namespace: z.string().optional(), op: opName.optional(), ...signalFields }))
    .default([]),
});

const cluster = z.strictObject({
  mode: z.enum(["coordinated", "pool"]).default("coordinated"),
  regions: z.array(region).min(1),
  vnodes: count(1).max(256).default(16),
  consistency: z
    .strictObject({
      read: consistencyLevel.default("LOCAL_QUORUM"),
      write: consistencyLevel.default("LOCAL_QUORUM"),
    })
    .prefault({}),
  failureDetection: zDuration().default(2_000_000),
  node: node.prefault({}),
  network: network.prefault({}),
  signals: signals.prefault({}),
  /** When every node of a region is down, its clients' traffic moves to the other regions after `after`. */
  evacuation: z.union([z.literal(false), z.strictObject({ after: zDuration() })]).default(false),
  /** Outlier ejection: a node much slower than the median (or failing) is replaced. */
  ejection: z
    .union([
      z.literal(false),
      z.strictObject({
        window: zDuration({ min: 1 }).default(30_000_000),
        latencyFactor: z.number().min(1).default(3),
        errorRate: zFraction().default(0.05),
        minSamples: count(1).default(50),
        maxEjectedShare: zFraction().default(0.2),
        every: zDuration({ min: 1 }).default(10_000_000),
        replace: zDuration({ min: 1 }).default(120_000_000),
        preflightTolerance: z.number().nonnegative().default(0.5),
      }),
    ])
    .default(false),
  /** Slots added to (removed from) every node as utilization demands. */
  autoscaling: z
    .union([
      z.literal(false),
      z.strictObject({
        metric: z.literal("utilization").default("utilization"),
        scaleOutAbove: zFraction(),
        scaleInBelow: zFraction().default(0),
        every: zDuration({ min: 1 }).default(10_000_000),
        detection: zDuration().default(30_000_000),
        provisioning: zDuration().default(120_000_000),
        warmup: zDuration().default(60_000_000),
        cooldown: zDuration().default(180_000_000),
        step: count(1).default(8),
        min: count(1).default(1),
        max: count(1).default(1024),
      }),
    ])
    .default(false),
  replacement: replacement.default(false),
});

const mix = z
  .strictObject({ GET: zFraction().optional(), PUT: zFraction().optional(), SCAN: zFraction().optional() })
  .superRefine((m, ctx) => {
    const sum = (m.GET ?? 0) + (m.PUT ?? 0) + (m.SCAN ?? 0);
    if (Math.abs(sum - 1) > 1e-9) {
      const pct = (x: number) => `${Number((x * 100).toFixed(4))}%`;
      const parts = OPS.filter((op) => m[op] !== undefined).map((op) => `${op} ${pct(m[op]!)}`);
      ctx.addIssue({ code: "custom", message: `the shares must add up to 100%, got ${parts.join(" + ")} = ${pct(sum)}` });
    }
  })
  .transform((m) => ({ GET: m.GET ?? 0, PUT: m.PUT ?? 0, SCAN: m.SCAN ?? 0 }));

const keys = z.strictObject({
  count: count(1).default(1_000_000),
  popularity: z.enum(["uniform", "zipf"]).default("uniform"),
  zipfExponent: z.number().nonnegative().default(0.9),
});


/** 100 M requests/s: far beyond what a run can simulate (about 300 k/s), and a bound that keeps a typo from hanging it. */
const MAX_RATE = 1e8;

const workload = z.strictObject({
  rate: zRate({ min: 0, max: MAX_RATE }),
  steps: z.array(z.strictObject({ at: zDuration(), rate: zRate({ min: 0, max: MAX_RATE }) })).default([]),
  multipliers: z
    .array(z.strictObject({ from: zDuration(), to: zDuration(), factor: z.number().nonnegative() }))
    .default([]),
  /** The defaults every namespace starts from (and the one namespace when none are listed). */
  mix: mix.default({ GET: 0.8, PUT: 0.2, SCAN: 0 }),
  valueSize: zDistribution("size").default({ dist: "constant", value: 1024 }),
  keys: keys.prefault({}),
  fanOut: fanOut.default(false),
  cas: cas.default(false),
  closedLoop: closedLoop.default(false),
  criticality: criticality.optional(),
  namespaces: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a name of letters, digits and _"),
        share: zFraction(),
        mix: mix.optional(),
        valueSize: zDistribution("size").optional(),
        keys: keys.optional(),
        fanOut: fanOut.optional(),
        regions: z.array(z.string()).min(1).optional(),
        cas: cas.optional(),
        criticality: criticality.optional(),
      }),
    )
    .min(1)
    .optional(),
});

const pauses0 = pauses;
const balancer = z.strictObject({
  policy: z.enum(["random", "roundRobin", "leastOutstanding", "choiceOfTwo", "weightedChoiceOfN"]).default("random"),
  n: count(1).default(3),
  crossZonePenalty: z.number().min(1).default(2),
  nonReplicaPenalty: z.number().min(1).default(2),
  unhealthyWeight: z.number().nonnegative().default(1),
  healthHalfLife: z.number().positive().default(100),
});

const clients = z.strictObject({
  perZone: count(1).default(2),
  regions: z.array(z.string()).min(1).optional(),
  /** A policy name, or the policy with its knobs. */
  balancer: z
    .union([balancer.shape.policy.transform((policy) => balancer.parse({ policy })), balancer])
    .default({ policy: "random", n: 3, crossZonePenalty: 2, nonReplicaPenalty: 2, unhealthyWeight: 1, healthHalfLife: 100 }),
  timeouts: z
    .strictObject({ kind: z.enum(["single", "chained"]).default("single"), steps: count(1).default(4) })
    .prefault({}),
  hedging: z
    .union([
      z.literal(false),
      z.strictObject({
        minSamples: count(0).default(20),
        halfLife: z.number().positive().default(100),
        limiter: z.union([z.literal(false), z.strictObject({ whenFull: z.enum(["skip", "wait"]).default("skip") })]).default(false),
        /** When to hedge: target − average, a fixed delay, or a percentile of the latencies seen. */
        delay: z
          .union([z.literal("targetMinusAverage"), z.strictObject({ fixed: zDuration({ min: 1 }) }), z.strictObject({ percentile: z.number().gt(0).lt(100) })])
          .default("targetMinusAverage"),
        tied,
      }),
    ])
    .default(false),
  retries: z
    .union([
      z.literal(false),
      z.strictObject({
        maxAttempts: count(1).default(3),
        // A multiple of the signalled target; beyond a million the first backoff outlasts any run.
        baseFactor: z.number().positive().max(1e6).default(0.5),
        cap: zDuration({ min: 1 }).default(1_000_000),
        jitter: z.enum(JITTERS).default("full"),
        attemptTimeout: zDuration({ min: 1 }).optional(),
        /** The last try's own timeout: given up after it instead of waiting until the deadline (signals.max). */
        lastAttemptTimeout: zDuration({ min: 1 }).optional(),
        /** Classes of failure retried; the default is what was always retried (a replica's error is transient). */
        retryOn: z.array(z.enum(ERROR_CLASSES)).default(["timeout", "throttled", "overloaded", "unavailable"]),
        budget: z
          .union([z.literal(false), z.strictObject({ ratio: zFraction(), maxTokens: z.number().min(1).default(100) })])
          .default(false),
      }),
    ])
    .default(false),
  gc: z.union([z.literal(false), pauses0]).default(false),
  criticality: clientCriticality,
  /** A near cache in each client: GETs of keys it holds are answered locally; PUTs invalidate. */
  cache: z
    .union([
      z.literal(false),
      z.strictObject({
        kind: z.enum(["near", "remote"]).default("near"),
        capacity: count(1),
        latency: time.default({ dist: "constant", value: 20 }),
        start: z.enum(["cold", "warm"]).default("warm"),
      }),
    ])
    .default(false),
  /** Client-side compression of values: a ratio drawn per value, client CPU per MiB. */
  compression: z
    .union([
      z.literal(false),
      z.strictObject({
        ratio: zDistribution("number").default({ dist: "uniform", min: 2, max: 3 }),
        cpuPerMiB: zDuration().default(0),
      }),
    ])
    .default(false),
  /** PutItems: a value larger than `size` is written as numbered chunks, then a commit. */
  chunking: z
    .union([z.literal(false), z.strictObject({ size: zSize({ min: 1 }).default(65_536), parallel: count(1).default(8) })])
    .default(false),
  /** GetItems: a GET reads an item of `rows` rows as pages bounded by size (or by row count). */
  paging: z
    .union([
      z.literal(false),
      z.strictObject({
        rows: zDistribution("number").default({ dist: "constant", value: 100 }),
        by: z.enum(["size", "rows"]).default("size"),
        pageSize: zSize({ min: 1 }).default(1_048_576),
        pageRows: count(1).default(100),
        fetchSize: zSize({ min: 1 }).default(65_536),
        deadline: zDuration({ min: 1 }).optional(),
      }),
    ])
    .default(false),
  /** Scan: a SCAN reads `rows` rows without a key, as pages (by `paging`) over cursors the server grants by its load. */
  scan: z
    .union([
      z.literal(false),
      z.strictObject({ rows: zDistribution("number").default({ dist: "constant", value: 10_000 }), cursors: count(1).default(8) }),
    ])
    .default(false),
});

const target = {
  node: z.string().optional(),
  zone: z.string().optional(),
  region: z.string().optional(),
  all: z.literal(true).optional(),
};
const when = { at: zDuration(), for: zDuration({ min: 1 }).optional() };

const fault = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("nodeCrash"), ...when, node: z.string() }),
  z.strictObject({ kind: z.literal("zoneOutage"), ...when, zone: z.string() }),
  z.strictObject({ kind: z.literal("regionOutage"), ...when, region: z.string() }),
  z.strictObject({ kind: z.literal("diskDegradation"), ...when, ...target, factor: z.number().positive() }),
  z.strictObject({ kind: z.literal("gcStorm"), ...when, ...target, interval: time, pause: time }),
  z.strictObject({ kind: z.literal("errors"), ...when, ...target, share: zFraction() }),
  /** Each attempt the target's nodes coordinate fails at once, independently, with `probability`, as an error of `class`. */
  z.strictObject({ kind: z.literal("attemptErrors"), ...when, ...target, probability: zFraction(), class: z.enum(SERVER_ERROR_CLASSES).default("transient") }),
  /** An upstream retry storm: the clients in the target's zones offer `factor` × their load. */
  z.strictObject({ kind: z.literal("retryStorm"), ...when, ...target, factor: z.number().positive(), namespace: z.string().optional() }),
  /** The clients in the target's zones restart their caches: cold, or pre-warmed with the hottest keys. */
  z.strictObject({ kind: z.literal("cacheRestart"), at: zDuration(), ...target, prewarm: z.boolean().default(false) }),
  /**
   * A maintenance wave (patching, a rolling restart): the target's nodes taken down `batch` at a
   * time, zone by zone; each is drained first (peers stop routing to it), then down for `down`.
   */
  z.strictObject({
    kind: z.literal("maintenanceWave"),
    at: zDuration(),
    ...target,
    down: zDuration({ min: 1 }),
    gap: zDuration().default(0),
    batch: count(1).default(1),
    drain: zDuration().default(10_000_000),
  }),
  /** A token service (regional: one region's, or every region's; global) slows down and fails fetches. */
  z.strictObject({ ...when, ...tokenServiceFault }),
  /** Packets to and from the target's zones are lost with a further probability `share`. */
  z.strictObject({ kind: z.literal("packetLoss"), ...when, ...target, share: zFraction({ max: 0.5 }) }),
]);

const faults = z.strictObject({
  timeline: z.array(fault).default([]),
  nodeFailures: z.strictObject({ mtbf: zDuration({ min: 1 }), mttr: time }).optional(),
});

const opSlo = z
  .strictObject({
    p50: zDuration().optional(),
    p90: zDuration().optional(),
    p99: zDuration().optional(),
    p999: zDuration().optional(),
    errorRate: zFraction().default(0.001),
  })
  .refine((s) => [s.p50, s.p90, s.p99, s.p999].filter((x) => x !== undefined).length === 1, {
    message: "give exactly one latency target: p50, p90, p99 or p999",
  });

const slo = z.strictObject({
  window: zDuration({ min: 1_000 }).default(10_000_000),
  mergeGap: zDuration().default(30_000_000),
  minRequests: count(1).default(1),
  GET: opSlo.default({ p99: 10_000, errorRate: 0.001 }),
  PUT: opSlo.default({ p99: 10_000, errorRate: 0.001 }),
  SCAN: opSlo.default({ p99: 100_000, errorRate: 0.001 }),
});

/** A scenario file, as validated. */
export const scenarioSchema = z.strictObject({
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  duration: zDuration({ min: 1 }),
  /** The first part of the run, left out of the outcome's statistics (requests, windows, episodes). */
  warmUp: zDuration().default(0),
  cluster,
  workload,
  clients: clients.prefault({}),
  faults: faults.prefault({}),
  slo: slo.prefault({}),
  /** The API: idempotency tokens and time-series write modes. */
  api: apiSchema.prefault({}),
  /** A stateless tier of application servers in front of the store. */
  appTier: appTier.default(false),
  /** Named sets of overrides (`path: value`) compared side by side on the same seed. */
  variants: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).max(64), z.record(z.string(), z.unknown())).optional(),
  phases,
  /** Assertions on the outcome, checked by `relisim test`. */
  expect: z.array(z.string()).default([]),
  /** Extra tolerances of the pinned outcome (`relisim test`): floors under the prediction intervals. */
  pin: pinSchema.prefault({}),
});

export type ScenarioSpec = z.output<typeof scenarioSchema>;
export type ScenarioFault = z.output<typeof fault>;
