import * as z from "zod";
import { TIME_SERIES_MODES, TOKEN_KINDS } from "../model/config.js";
import { zDistribution } from "./distribution-schema.js";
import { zDuration, zFraction } from "./zod-units.js";

/**
 * The `api:` section of scenario files: how writes are made safe to re-send (idempotency tokens)
 * and how time-series events are acknowledged. Absent: plain writes, not followed.
 */

const time = zDistribution("duration");

const tokenService = (latency: { median: number; p99: number }) =>
  z
    .strictObject({
      /** Time to fetch one token, a round trip to the service included. */
      latency: time.default({ dist: "lognormal", ...latency }),
      /** Share of fetches that fail while the service is healthy. */
      errorRate: zFraction().default(0),
    })
    .prefault({});

const idempotency = z.strictObject({
  token: z.enum(TOKEN_KINDS).default("client"),
  ttl: zDuration({ min: 1 }).default(10 * 60 * 1_000_000),
  /** A regional monotonic counter: a round trip inside the region. */
  regional: tokenService({ median: 1_000, p99: 5_000 }),
  /** A global transaction id: agreement across regions. */
  global: tokenService({ median: 40_000, p99: 120_000 }),
});

const timeSeries = z.strictObject({
  /** The namespaces that are time-series tables; absent: every namespace. */
  namespaces: z.array(z.string()).min(1).optional(),
  mode: z.enum(TIME_SERIES_MODES).default("durable"),
  flushInterval: zDuration({ min: 1 }).default(100_000),
  readPages: z.number().int().min(1).default(1),
  settle: zDuration().default(5_000_000),
});

export const apiSchema = z.strictObject({
  idempotency: z.union([z.literal(false), idempotency]).default(false),
  timeSeries: z.union([z.literal(false), timeSeries]).default(false),
});

export type ApiSpec = z.output<typeof apiSchema>;

/** The fault that degrades a token service: slower by `factor`, failing a further `share` of fetches. */
export const tokenServiceFault = {
  kind: z.literal("tokenServiceDegradation"),
  service: z.enum(["regional", "global"]),
  region: z.string().optional(),
  factor: z.number().min(1).default(1),
  share: zFraction().default(0),
};
