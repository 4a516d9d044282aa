import type { DistributionSpec } from "../engine/distribution-spec.js";
import type { Micros } from "../engine/time.js";

/**
 * The typed, validated description of a simulated world. Scenario files are parsed into this
 * (durations in µs, sizes in bytes, rates per second); model code reads nothing else.
 */
export interface WorldConfig {
  /** Simulated time to run, µs. */
  readonly duration: Micros;
  readonly cluster: ClusterConfig;
  readonly workload: WorkloadConfig;
  readonly client: ClientConfig;
  readonly faults: FaultsConfig;
}

export const OPS = ["GET", "PUT"] as const;
/** An operation type. */
export type Op = (typeof OPS)[number];

export const CONSISTENCY_LEVELS = ["ONE", "LOCAL_ONE", "LOCAL_QUORUM", "QUORUM", "EACH_QUORUM", "ALL"] as const;
export type ConsistencyLevel = (typeof CONSISTENCY_LEVELS)[number];

export interface RegionConfig {
  readonly name: string;
  /** Zone names, unique across the whole topology. */
  readonly zones: readonly string[];
  readonly nodesPerZone: number;
  /** Copies of each key in this region. */
  readonly replicationFactor: number;
}

export interface ClusterConfig {
  readonly regions: readonly RegionConfig[];
  /** Token ranges per node on the ring. */
  readonly vnodes: number;
  readonly consistency: { readonly read: ConsistencyLevel; readonly write: ConsistencyLevel };
  /** How long peers keep sending to a crashed node before they mark it down, µs. */
  readonly failureDetection: Micros;
  readonly node: NodeConfig;
  readonly network: NetworkConfig;
}

export interface NodeConfig {
  /** Requests served at once. */
  readonly concurrency: number;
  /** Requests waiting beyond that; more are shed. */
  readonly queueLimit: number;
  /** CPU time per operation, µs. */
  readonly cpu: Readonly<Record<Op, DistributionSpec>>;
  /** Disk latency per replica read or write, µs. */
  readonly disk: DistributionSpec;
  /** Stop-the-world GC: time between pauses and pause length, µs. Absent: no GC pauses. */
  readonly gc?: PauseConfig;
}

export interface PauseConfig {
  readonly interval: DistributionSpec;
  readonly pause: DistributionSpec;
}

export interface NetworkConfig {
  /** One-way latency by distance, µs. */
  readonly sameZone: DistributionSpec;
  readonly crossZone: DistributionSpec;
  readonly crossRegion: DistributionSpec;
  /** Bytes per second on a link: a payload adds size / bandwidth to its latency. */
  readonly bandwidth: number;
}

export interface WorkloadConfig {
  /** Offered load over all clients before the schedule applies, requests per second. */
  readonly rate: number;
  readonly schedule: RateScheduleConfig;
  /** Share of each operation; shares sum to 1. */
  readonly mix: Readonly<Record<Op, number>>;
  /** Payload written by PUT and read by GET, bytes. */
  readonly valueSize: DistributionSpec;
  readonly keys: KeySpaceConfig;
}

export interface RateScheduleConfig {
  /** From `at` on, the base rate is `rate` (per second). */
  readonly steps: readonly { readonly at: Micros; readonly rate: number }[];
  /** Between `from` and `to`, the rate is multiplied by `factor`. */
  readonly multipliers: readonly { readonly from: Micros; readonly to: Micros; readonly factor: number }[];
}

export interface KeySpaceConfig {
  readonly count: number;
  readonly popularity: "uniform" | "zipf";
  /** Zipf exponent s (0 = uniform); used when popularity is zipf. */
  readonly zipfExponent: number;
}

export interface ClientConfig {
  /** Application instances per zone, in every zone of `regions` (all regions when absent). */
  readonly perZone: number;
  readonly regions?: readonly string[];
  /** The client gives up on a request after this long, µs. */
  readonly timeout: Micros;
  readonly balancer: "random";
}

export interface FaultsConfig {
  readonly timeline: readonly FaultEvent[];
  /** Independent node failures: exponential time between failures, repair time drawn per failure. */
  readonly nodeFailures?: { readonly mtbf: Micros; readonly mttr: DistributionSpec };
}

/** Which servers a fault hits: one node ("us-east-1a/2"), a zone, a region, or everything. */
export type FaultTarget =
  | { readonly node: string }
  | { readonly zone: string }
  | { readonly region: string }
  | { readonly all: true };

interface FaultBase {
  readonly at: Micros;
  /** How long it lasts; absent: until the end of the run. */
  readonly for?: Micros;
  readonly target: FaultTarget;
}

export type FaultEvent =
  | (FaultBase & { readonly kind: "crash" })
  | (FaultBase & { readonly kind: "diskDegradation"; readonly factor: number })
  | (FaultBase & { readonly kind: "gcStorm"; readonly gc: PauseConfig })
  | (FaultBase & { readonly kind: "errors"; readonly share: number });

export const FAULT_KINDS = ["crash", "diskDegradation", "gcStorm", "errors"] as const;
