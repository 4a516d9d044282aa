import type { DistributionSpec } from "../../engine/distribution-spec.js";
import type { Micros } from "../../engine/time.js";

/* The API's settings: idempotency tokens and time-series write modes. */

export const TOKEN_KINDS = ["none", "client", "regional", "global"] as const;
/**
 * none: no token, a re-sent write applies again; client: a client-monotonic timestamp + random
 * nonce, made locally; regional / global: fetched from a regional monotonic / global transaction
 * id service before the first attempt (a dependency that can be slow or fail).
 */
export type TokenKind = (typeof TOKEN_KINDS)[number];

export interface TokenServiceConfig {
  /** Time to fetch one token, µs (a round trip to the service included). */
  readonly latency: DistributionSpec;
  /** Share of fetches that fail even when the service is healthy. */
  readonly errorRate: number;
}

export interface IdempotencyConfig {
  readonly token: TokenKind;
  /** How long the store remembers an applied token, µs: memory is bounded by write rate × ttl. */
  readonly ttl: Micros;
  readonly regional: TokenServiceConfig;
  readonly global: TokenServiceConfig;
}

export const TIME_SERIES_MODES = ["fireAndForget", "enqueued", "durable"] as const;
/**
 * fireAndForget: no acknowledgement (the client counts the write done once sent); enqueued:
 * acknowledged once in the coordinator's in-memory queue (lost if it crashes before the flush);
 * durable: acknowledged once the write consistency level has stored it.
 */
export type TimeSeriesMode = (typeof TIME_SERIES_MODES)[number];

export interface TimeSeriesConfig {
  /** Indices of the namespaces that are time-series tables (their PUTs are events). */
  readonly namespaces: readonly number[];
  readonly mode: TimeSeriesMode;
  /** The coordinator's in-memory queue is written to the replicas every `flushInterval`, µs. */
  readonly flushInterval: Micros;
  /** Pages a time-series read (GET) consumes, one round trip each, one after another. */
  readonly readPages: number;
  /** Events sent this close to the end of the run are not judged stored or lost, µs. */
  readonly settle: Micros;
}

export interface ApiConfig {
  /** Absent: writes carry no token, and applications are not counted. */
  readonly idempotency?: IdempotencyConfig;
  /** Absent: no namespace is a time-series table. */
  readonly timeSeries?: TimeSeriesConfig;
}
