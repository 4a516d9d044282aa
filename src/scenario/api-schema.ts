import * as z from "zod";
import { TIME_SERIES_MODES, TOKEN_KINDS } from "../model/config.js";
import { zDistribution } from "./distribution-schema.js";
import { zDuration, zFraction } from "./zod-units.js";

/**
 * The `api:` section of scenario files: how writes are made safe to re-send (idempotency tokens)
 * and how time-series events are acknowledged. Absent: plain writes, not followed.
 */

const time = zDistribution("duration");

const tokenService = (latency: { median: number; p99: number }, what: string) =>
  z
    .strictObject({
      /** Time to fetch one token, a round trip to the service included. */
      latency: time.default({ dist: "lognormal", ...latency }).describe("Time to fetch one token, the round trip to the service included."),
      /** Share of fetches that fail while the service is healthy. */
      errorRate: zFraction().default(0).describe("Share of fetches that fail while the service is healthy; a failed fetch fails the write."),
    })
    .prefault({})
    .describe(`The ${what} token service: { latency, errorRate } of one fetch.`);

const idempotency = z.strictObject({
  token: z.enum(TOKEN_KINDS).default("client")
    .describe("Where writes' tokens come from: none (no token; duplicates are counted), client (client-monotonic timestamp + random nonce, made locally), regional (fetched from the client's region's monotonic counter before the first attempt) or global (from a global transaction id service)."),
  ttl: zDuration({ min: 1 }).default(10 * 60 * 1_000_000).describe("How long a key's replica set remembers an applied token; a copy arriving within it does nothing."),
  /** A regional monotonic counter: a round trip inside the region. */
  regional: tokenService({ median: 1_000, p99: 5_000 }, "regional (a monotonic counter, a round trip inside the region)"),
  /** A global transaction id: agreement across regions. */
  global: tokenService({ median: 40_000, p99: 120_000 }, "global (a transaction id, agreement across regions)"),
});

const timeSeries = z.strictObject({
  /** The namespaces that are time-series tables; absent: every namespace. */
  namespaces: z.array(z.string()).min(1).optional().describe("The namespaces that are time-series tables (their PUTs are events with event time + id). Absent: every namespace."),
  mode: z.enum(TIME_SERIES_MODES).default("durable")
    .describe("fireAndForget: the client counts the event done at once (never errors, never retried); enqueued: acknowledged once in the coordinator's in-memory queue, flushed every flushInterval (lost if the coordinator crashes); durable: acknowledged once the write consistency level stored it."),
  flushInterval: zDuration({ min: 1 }).default(100_000).describe("enqueued: the coordinator's queue is written to the replicas this often."),
  readPages: z.number().int().min(1).default(1).describe("Pages a GET in such a namespace reads, one after another (a round trip each, each page its own attempts)."),
  settle: zDuration().default(5_000_000).describe("Events sent this close to the end of the run are not judged stored or lost."),
});

export const apiSchema = z.strictObject({
  idempotency: z.union([z.literal(false), idempotency]).default(false)
    .meta({ description: "Idempotency tokens: writes carry a token, and a late copy of a write that already applied does nothing. false: no token, not followed.", examples: [{ token: "regional", ttl: "10m" }] }),
  timeSeries: z.union([z.literal(false), timeSeries]).default(false)
    .meta({ description: "Time-series tables: their PUTs are events, acknowledged per `mode`, and counted stored or lost. false: none.", examples: [{ mode: "enqueued", flushInterval: "100ms" }] }),
});

export type ApiSpec = z.output<typeof apiSchema>;

/** The fault that degrades a token service: slower by `factor`, failing a further `share` of fetches. */
export const tokenServiceFault = {
  kind: z.literal("tokenServiceDegradation").describe("tokenServiceDegradation: a token service answers `factor` × slower and fails a further `share` of fetches (needs api.idempotency.token regional or global)."),
  service: z.enum(["regional", "global"]).describe("The token service degraded: regional or global."),
  region: z.string().optional().describe("regional: the region whose service degrades. Absent: every region's."),
  factor: z.number().min(1).default(1).describe("Fetch latency × this (a plain factor ≥ 1)."),
  share: zFraction().default(0).describe("Further share of fetches that fail."),
};
