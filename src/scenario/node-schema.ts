import * as z from "zod";
import { LIMIT_DEFAULTS } from "../model/limit/make-limit.js";
import { zDistribution } from "./distribution-schema.js";
import { zDuration } from "./zod-units.js";
import { priorityShedding } from "./priority-schema.js";

/** The schema of `cluster.node`: a server's slots, queue, costs, disk, GC, limit and shedding. */

const count = (min: number) => z.number().int().min(min);
const time = zDistribution("duration");

/** GC pauses: how often, how long (cluster.node.gc, clients.gc). */
export const pauses = z.strictObject({
  interval: time,
  pause: time,
});


/** An adaptive limit starts within its own bounds: min ≤ initial ≤ max (checked here, not mid-run). */
function limitBounds(ctx: z.core.ParsePayload<{ initial: number; min: number; max: number }>): void {
  const { initial, min, max } = ctx.value;
  if (min > max) ctx.issues.push({ code: "custom", input: ctx.value, path: ["min"], message: `must be at most max (${max}), got ${min}` });
  else if (initial < min || initial > max) {
    ctx.issues.push({ code: "custom", input: ctx.value, path: ["initial"], message: `must be between min (${min}) and max (${max}), got ${initial}` });
  }
}

export const node = z.strictObject({
  concurrency: count(1).default(32),
  queueLimit: count(0).default(1024),
  cpu: z
    .strictObject({
      GET: time.default({ dist: "constant", value: 50 }),
      PUT: time.default({ dist: "constant", value: 80 }),
      SCAN: time.default({ dist: "constant", value: 1000 }),
    })
    .prefault({}),
  /** gp3-like reads: between 0.8 ms and 1.8 ms, mode near 1.05 ms. */
  disk: time.default({ dist: "scaledBeta", min: 800, max: 1800, alpha: 2, beta: 5 }),
  diskReads: z
    .strictObject({ GET: count(0).default(1), PUT: count(0).default(1), SCAN: count(0).default(8) })
    .prefault({}),
  gc: pauses.optional(),
  /** A concurrency limit: work beyond it is shed at once. false: none (only the queue bounds). */
  limit: z
    .union([
      z.literal(false),
      z.discriminatedUnion("kind", [
        z.strictObject({ kind: z.literal("fixed"), limit: z.number().min(1).default(LIMIT_DEFAULTS.fixed.limit) }),
        z.strictObject({
          kind: z.literal("aimd"),
          initial: z.number().min(1).default(LIMIT_DEFAULTS.aimd.initial),
          min: z.number().min(1).default(LIMIT_DEFAULTS.aimd.min),
          max: z.number().min(1).default(LIMIT_DEFAULTS.aimd.max),
          backoff: z.number().gt(0).lt(1).default(LIMIT_DEFAULTS.aimd.backoff),
          timeout: zDuration({ min: 1 }).default(LIMIT_DEFAULTS.aimd.timeout),
        }).check(limitBounds),
        z.strictObject({
          kind: z.literal("vegas"),
          initial: z.number().min(1).default(LIMIT_DEFAULTS.vegas.initial),
          min: z.number().min(1).default(LIMIT_DEFAULTS.vegas.min),
          max: z.number().min(1).default(LIMIT_DEFAULTS.vegas.max),
        }).check(limitBounds),
        z.strictObject({
          kind: z.literal("gradient"),
          initial: z.number().min(1).default(LIMIT_DEFAULTS.gradient.initial),
          min: z.number().min(1).default(LIMIT_DEFAULTS.gradient.min),
          max: z.number().min(1).default(LIMIT_DEFAULTS.gradient.max),
          rttTolerance: z.number().min(1).default(LIMIT_DEFAULTS.gradient.rttTolerance),
          smoothing: z.number().gt(0).max(1).default(LIMIT_DEFAULTS.gradient.smoothing),
        }).check(limitBounds),
      ]),
    ])
    .default(false),
  priorityShedding,
  /** Service time × (1 + contention × work already in service): overload feeds on itself. */
  contention: z.number().nonnegative().default(0),
  /** GC death-spiral detection (as jvmquake): kill and restart a node whose GC debt passes threshold. */
  deathSpiral: z
    .union([
      z.literal(false),
      z.strictObject({
        threshold: zDuration({ min: 1 }).default(1_000_000),
        runtimeWeight: z.number().positive().default(5),
        restart: zDuration({ min: 1 }).default(30_000_000),
      }),
    ])
    .default(false),
});

