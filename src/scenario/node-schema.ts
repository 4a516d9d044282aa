import * as z from "zod";
import { LIMIT_DEFAULTS } from "../model/limit/make-limit.js";
import { zDistribution } from "./distribution-schema.js";
import { zDuration } from "./zod-units.js";
import { priorityShedding } from "./priority-schema.js";
import { registeredLimit } from "./extension-schema.js";

/** The schema of `cluster.node`: a server's slots, queue, costs, disk, GC, limit and shedding. */

const count = (min: number) => z.number().int().min(min);
const time = zDistribution("duration");

/** GC pauses: how often, how long (cluster.node.gc, clients.gc). */
export const pauses = z.strictObject({
  interval: time.describe("Run time between pauses: from the end of one stop-the-world pause to the start of the next."),
  pause: time.describe("Length of each stop-the-world pause; nothing on the paused process moves during one."),
});


/** An adaptive limit starts within its own bounds: min ≤ initial ≤ max (checked here, not mid-run). */
function limitBounds(ctx: z.core.ParsePayload<{ initial: number; min: number; max: number }>): void {
  const { initial, min, max } = ctx.value;
  if (min > max) ctx.issues.push({ code: "custom", input: ctx.value, path: ["min"], message: `must be at most max (${max}), got ${min}` });
  else if (initial < min || initial > max) {
    ctx.issues.push({ code: "custom", input: ctx.value, path: ["initial"], message: `must be between min (${min}) and max (${max}), got ${initial}` });
  }
}

const LIMIT_KIND = "A concurrency limit";
const initial = "The limit at the start (in requests, between min and max)";
const bounds = { min: "The lowest the limit goes (in requests)", max: "The highest the limit goes (in requests)" };

export const node = z.strictObject({
  concurrency: count(1).default(32).describe("Requests a node serves at once (its slots)."),
  queueLimit: count(0).default(1024).describe("Requests waiting for a slot beyond those served; more are shed."),
  cpu: z
    .strictObject({
      GET: time.default({ dist: "constant", value: 50 }).describe("CPU time a node spends on a GET."),
      PUT: time.default({ dist: "constant", value: 80 }).describe("CPU time a node spends on a PUT."),
      SCAN: time.default({ dist: "constant", value: 1000 }).describe("CPU time a node spends on a SCAN page."),
    })
    .prefault({})
    .describe("CPU time per operation (a duration distribution each)."),
  /** gp3-like reads: between 0.8 ms and 1.8 ms, mode near 1.05 ms. */
  disk: time.default({ dist: "scaledBeta", min: 800, max: 1800, alpha: 2, beta: 5 })
    .describe("Latency of one disk access; the default is gp3-like: between 0.8 ms and 1.8 ms, mode near 1.05 ms."),
  diskReads: z
    .strictObject({
      GET: count(0).default(1).describe("Disk accesses per GET."),
      PUT: count(0).default(1).describe("Disk accesses per PUT."),
      SCAN: count(0).default(8).describe("Disk accesses per SCAN."),
    })
    .prefault({})
    .describe("Disk accesses per operation (whole numbers)."),
  gc: pauses.optional().describe("The node's stop-the-world GC pauses, { interval, pause }; nothing on the node moves during one. Absent: none."),
  /** A concurrency limit: work beyond it is shed at once. false: none (only the queue bounds). */
  limit: z
    .union([
      z.literal(false),
      registeredLimit,
      z.discriminatedUnion("kind", [
        z.strictObject({
          kind: z.literal("fixed").describe(`${LIMIT_KIND}: fixed, never moves.`),
          limit: z.number().min(1).default(LIMIT_DEFAULTS.fixed.limit).describe("Requests in flight at a node beyond which work is shed."),
        }),
        z.strictObject({
          kind: z.literal("aimd").describe(`${LIMIT_KIND}: additive increase while in use, multiplicative decrease on a drop or a slow request.`),
          initial: z.number().min(1).default(LIMIT_DEFAULTS.aimd.initial).describe(`${initial}.`),
          min: z.number().min(1).default(LIMIT_DEFAULTS.aimd.min).describe(`${bounds.min}.`),
          max: z.number().min(1).default(LIMIT_DEFAULTS.aimd.max).describe(`${bounds.max}.`),
          backoff: z.number().gt(0).lt(1).default(LIMIT_DEFAULTS.aimd.backoff).describe("The limit is multiplied by this on a drop (a factor in (0, 1))."),
          timeout: zDuration({ min: 1 }).default(LIMIT_DEFAULTS.aimd.timeout).describe("A request whose time at the node exceeds this counts as a drop."),
        }).check(limitBounds),
        z.strictObject({
          kind: z.literal("vegas").describe(`${LIMIT_KIND}: TCP Vegas-like, from the queue estimated by comparing each time at the node with the lowest seen.`),
          initial: z.number().min(1).default(LIMIT_DEFAULTS.vegas.initial).describe(`${initial}.`),
          min: z.number().min(1).default(LIMIT_DEFAULTS.vegas.min).describe(`${bounds.min}.`),
          max: z.number().min(1).default(LIMIT_DEFAULTS.vegas.max).describe(`${bounds.max}.`),
        }).check(limitBounds),
        z.strictObject({
          kind: z.literal("gradient").describe(`${LIMIT_KIND}: Gradient2-like, from the ratio of a long-term to a short-term average time at the node.`),
          initial: z.number().min(1).default(LIMIT_DEFAULTS.gradient.initial).describe(`${initial}.`),
          min: z.number().min(1).default(LIMIT_DEFAULTS.gradient.min).describe(`${bounds.min}.`),
          max: z.number().min(1).default(LIMIT_DEFAULTS.gradient.max).describe(`${bounds.max}.`),
          rttTolerance: z.number().min(1).default(LIMIT_DEFAULTS.gradient.rttTolerance).describe("How much slower than the long-term average the short-term one may be before the limit shrinks (a factor ≥ 1)."),
          smoothing: z.number().gt(0).max(1).default(LIMIT_DEFAULTS.gradient.smoothing).describe("Weight of each new estimate in the limit (in (0, 1])."),
        }).check(limitBounds),
      ]),
    ])
    .default(false)
    .meta({ description: "A concurrency limit at each node, work beyond it shed at once with a signal clients act on; the algorithm is fed each request's time at the node and whether it was dropped. false: none (only the queue bounds).", examples: [{ kind: "fixed", limit: 20 }, { kind: "aimd", backoff: 0.9, timeout: "1s" }] }),
  priorityShedding,
  /** Service time × (1 + contention × work already in service): overload feeds on itself. */
  contention: z.number().nonnegative().default(0).describe("Service time × (1 + contention × work already in service): overload feeds on itself (a plain factor; 0: none)."),
  /** GC death-spiral detection (as jvmquake): kill and restart a node whose GC debt passes threshold. */
  deathSpiral: z
    .union([
      z.literal(false),
      z.strictObject({
        threshold: zDuration({ min: 1 }).default(1_000_000).describe("The GC debt past which the process is killed and restarted."),
        runtimeWeight: z.number().positive().default(5).describe("Run time repays GC debt at this many µs per µs run."),
        restart: zDuration({ min: 1 }).default(30_000_000).describe("How long a killed node is down before it is back with a fresh heap."),
      }),
    ])
    .default(false)
    .describe("GC death-spiral detection, as jvmquake does it: GC time accrues a debt that run time repays; past the threshold the process is killed and restarted instead of limping. false: none."),
});

