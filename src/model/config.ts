import type { DistributionSpec } from "../engine/distribution-spec.js";
import type { Micros } from "../engine/time.js";
import type { AutoscalerConfig } from "./operations/autoscaler.js";
import type { AnyLimitSpec } from "./limit/make-limit.js";
import type { PrioritySheddingConfig } from "./limit/priority-shedding.js";
import type { ErrorClass, ServerErrorClass } from "./request/error-class.js";
import type { AppTierConfig } from "./app-tier/app-tier-config.js";
import type { ReplacementConfig } from "./operations/replacement-config.js";
import type { ApiConfig } from "./api/api-config.js";
import type { ExtensionSpec } from "./extension-registry.js";

export type { AppTierConfig, AppTierAutoscaling, AppTierHeadroom } from "./app-tier/app-tier-config.js";
export type { ReplacementConfig } from "./operations/replacement-config.js";

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
  /** How the store's API treats writes (idempotency tokens, time-series modes). Absent: plain writes, not counted. */
  readonly api?: ApiConfig;
  /** A stateless tier of application servers between the clients and the store. Absent: clients call the store. */
  readonly appTier?: AppTierConfig;
  /** Hybrid fidelity: only a share of requests is simulated one by one, the rest is fluid load. Absent: every request. */
  readonly fidelity?: FidelityConfig;
}

/** Hybrid fidelity (see `FluidLoad`): the sampled share of requests and the fluid's averaging window. */
export interface FidelityConfig {
  /** Share of requests simulated one by one, in (0, 1). */
  readonly sample: number;
  /** Time constant of the exponentially weighted rates the fluid is estimated from, µs. */
  readonly window: Micros;
}

export const OPS = ["GET", "PUT", "SCAN"] as const;
/** An operation type. */
export type Op = (typeof OPS)[number];

export const CONSISTENCY_LEVELS = ["ONE", "LOCAL_ONE", "LOCAL_QUORUM", "QUORUM", "EACH_QUORUM", "ALL"] as const;
export type ConsistencyLevel = (typeof CONSISTENCY_LEVELS)[number];

export interface RegionConfig {
  readonly name: string;
  /** Zone names, unique across the whole topology. */
  readonly zones: readonly string[];
  /** Server nodes in each zone: one count for all, or one per zone in `zones` order. */
  readonly nodesPerZone: number | readonly number[];
  /** Copies of each key in this region. */
  readonly replicationFactor: number;
}

export interface ClusterConfig {
  /**
   * coordinated: the node a client reaches forwards to the key's replicas (a store);
   * pool: the node a client reaches serves the request itself (a plain pool of servers).
   */
  readonly mode: "coordinated" | "pool";
  readonly regions: readonly RegionConfig[];
  /** Token ranges per node on the ring. */
  readonly vnodes: number;
  readonly consistency: { readonly read: ConsistencyLevel; readonly write: ConsistencyLevel };
  /** How long peers keep sending to a crashed node before they mark it down, µs. */
  readonly failureDetection: Micros;
  readonly node: NodeConfig;
  readonly network: NetworkConfig;
  /** What servers tell clients, per namespace and op, and how it changes over time. */
  readonly signals: SignalsConfig;
  /** When every node of a region is down, move its clients' traffic to the other regions after `after`. */
  readonly evacuation?: { readonly after: Micros };
  /**
   * Outlier ejection: coordinators time their replicas; a node much slower than the median, or
   * failing, is taken out and replaced (new hardware, pre-flight checked) after `replace`.
   */
  readonly ejection?: EjectionConfig;
  /** Adds or removes slots on every node as utilization demands. Absent: fixed capacity. */
  readonly autoscaling?: AutoscalingConfig;
  /** How a node lost for good (a nodeCrash with no `for`) is replaced. Absent: it stays down. */
  readonly replacement?: ReplacementConfig;
}

/** What a server signals to its clients for one (namespace, op). */
export interface Signal {
  /** Latency that hedges and retries aim for, µs. */
  readonly target: Micros;
  /** After this long the client gives up, µs. */
  readonly max: Micros;
  /** Normal requests (first attempts and retries) a client may have in flight to one server. */
  readonly concurrency: number;
  /** Hedges a client may have in flight to one server. */
  readonly hedges: number;
}

export interface SignalsConfig {
  /** The signal for every (namespace, op) not named below. */
  readonly default: Signal;
  /** Per namespace, per op: the fields that differ from the default. */
  readonly overrides: readonly { readonly namespace?: string; readonly op?: Op; readonly signal: Partial<Signal> }[];
  /** From `at` on, the fields given replace the signal of the (namespace, op) named (all when absent). */
  readonly timeline: readonly { readonly at: Micros; readonly namespace?: string; readonly op?: Op; readonly signal: Partial<Signal> }[];
}

/** Autoscaling of a cluster tier: the policy, and how often it looks. */
export interface AutoscalingConfig extends AutoscalerConfig {
  readonly metric: "utilization";
  /** How often utilization is measured and the policy consulted, µs. */
  readonly every: Micros;
}

export interface EjectionConfig {
  readonly window: Micros;
  readonly latencyFactor: number;
  readonly errorRate: number;
  readonly minSamples: number;
  readonly maxEjectedShare: number;
  /** How often the ejector judges the nodes, µs. */
  readonly every: Micros;
  /** From ejection to the replacement taking traffic, µs. */
  readonly replace: Micros;
  /** Pre-flight: a replacement whose disk is slower than this multiple of the expected is refused. */
  readonly preflightTolerance: number;
}

export interface NodeConfig {
  /** Requests served at once. */
  readonly concurrency: number;
  /** Requests waiting beyond that; more are shed. */
  readonly queueLimit: number;
  /** CPU time per operation, µs. */
  readonly cpu: Readonly<Record<Op, DistributionSpec>>;
  /** Disk latency of one disk access, µs. */
  readonly disk: DistributionSpec;
  /** Disk accesses per operation (a SCAN reads many rows). */
  readonly diskReads: Readonly<Record<Op, number>>;
  /** Stop-the-world GC: time between pauses and pause length, µs. Absent: no GC pauses. */
  readonly gc?: PauseConfig;
  /** An adaptive (or fixed) concurrency limit: work beyond it is shed at once. Absent: none. */
  readonly limit?: AnyLimitSpec;
  /** With a limit: the least critical work is shed first (each criticality fills only its share of the limit). Absent: all alike. */
  readonly priorityShedding?: PrioritySheddingConfig;
  /** Service time grows with work in service: × (1 + contention × (in service − 1)). */
  readonly contention: number;
  /**
   * GC death-spiral detection (as jvmquake): GC time accrues a debt that run time repays at
   * `runtimeWeight` per µs; past `threshold` µs the process is killed and restarted, down for
   * `restart`. Absent: a spiralling node limps on.
   */
  readonly deathSpiral?: { readonly threshold: Micros; readonly runtimeWeight: number; readonly restart: Micros };
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
  /** Payloads travel as packets that can be lost. Absent: 1448-byte packets, none lost. */
  readonly packets?: PacketConfig;
}

export interface PacketConfig {
  /** Payload bytes per packet (MTU minus IP and TCP headers). */
  readonly size: number;
  /** Probability that any one packet is lost, in [0, 1). */
  readonly loss: number;
  /** A lost packet is sent again after this long (doubling for each further loss of it), µs. */
  readonly retransmitTimeout: Micros;
}

export interface WorkloadConfig {
  /** Offered load over all clients before the schedule applies, requests per second (unused with a schedule.curve). */
  readonly rate: number;
  readonly schedule: RateScheduleConfig;
  /** The namespaces (applications' tables) requests go to; shares of the rate sum to 1. */
  readonly namespaces: readonly NamespaceConfig[];
  /** Closed-loop clients beside the open-loop arrivals. Absent: none. */
  readonly closedLoop?: ClosedLoopConfig;
}

/** A fixed number of clients, each doing `operations` requests one after another, each after a think time. */
export interface ClosedLoopConfig {
  /** Closed-loop clients, spread in turn over the application instances (≥ 1). */
  readonly clients: number;
  /** Requests each does (≥ 1). */
  readonly operations: number;
  /** Time before each request, µs. */
  readonly think: DistributionSpec;
}

export interface NamespaceConfig {
  readonly name: string;
  /** Share of the offered load. */
  readonly share: number;
  /** Share of each operation; shares sum to 1. */
  readonly mix: Readonly<Record<Op, number>>;
  /** Payload written by PUT and read by GET and SCAN, bytes. */
  readonly valueSize: DistributionSpec;
  readonly keys: KeySpaceConfig;
  /** A GET reads `keys` keys at once and waits for `waitFor` of them (a multi-get). Absent: one key. */
  readonly fanOut?: FanOutConfig;
  /** The regions its keys are replicated in, by name, in order of preference for clients elsewhere. Absent: every region. */
  readonly regions?: readonly string[];
  /** A share of the PUTs are compare-and-set (a version read, then a conditional write). Absent: none, and writes are not versioned. */
  readonly cas?: { readonly share: number };
}

export interface FanOutConfig {
  /** Keys one multi-get reads, each as a request of its own (≥ 1). */
  readonly keys: number;
  /** Parts that must succeed (1 ≤ waitFor ≤ keys); the read's latency is the waitFor-th part's. */
  readonly waitFor: number;
}

export interface RateScheduleConfig {
  /** From `at` on, the base rate is `rate` (per second). */
  readonly steps: readonly { readonly at: Micros; readonly rate: number }[];
  /** Between `from` and `to`, the rate is multiplied by `factor`. */
  readonly multipliers: readonly { readonly from: Micros; readonly to: Micros; readonly factor: number }[];
  /** A rate read from data, in place of the base rate and the steps (multipliers still apply). Absent: none. */
  readonly curve?: TrafficCurveConfig;
}

/** Knots of a traffic curve: µs from the start (strictly increasing, the first 0) and requests per second (≥ 0). */
export interface TrafficCurveConfig {
  readonly times: readonly Micros[];
  readonly rates: readonly number[];
  /** Between knots: a straight line, or the earlier knot's rate held. */
  readonly interpolate: "linear" | "step";
  /** Past the last knot: start over (period = the last knot's time), or no traffic. */
  readonly repeat: boolean;
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
  readonly balancer: BalancerConfig;
  readonly timeouts: TimeoutConfig;
  /** Absent: no hedging. */
  readonly hedging?: HedgingConfig;
  /** Absent: one attempt only. */
  readonly retries?: RetryConfig;
  /** The client's own stop-the-world pauses. Absent: none. */
  readonly gc?: PauseConfig;
  /** A near cache of keys in each client: GETs it holds are answered locally. Absent: none. */
  readonly cache?: CacheConfig;
  /** Client-side compression of values: written compressed, read compressed. Absent: none. */
  readonly compression?: CompressionConfig;
  /** PutItems: a value larger than one chunk is written as numbered chunks, then a commit. Absent: one message. */
  readonly chunking?: ChunkingConfig;
  /** GetItems: a GET reads an item of many rows as pages, one request per page. Absent: one value per GET. */
  readonly paging?: PagingConfig;
  /** Scan: a SCAN reads many rows without a key, as pages (by `paging`) over cursors the server grants. Absent: one request. */
  readonly scan?: ScanConfig;
}

export interface PagingConfig {
  /** Rows per item that a GetItems reads; each row is a value of the namespace's valueSize. */
  readonly rows: DistributionSpec;
  /** size: a page ends at `pageSize` bytes or at the server's deadline; rows: at `pageRows` rows, however long. */
  readonly by: "size" | "rows";
  readonly pageSize: number;
  readonly pageRows: number;
  /** Bytes one storage round trip reads (at least one row). */
  readonly fetchSize: number;
  /** Server time after which a size-bounded page returns what it has, µs. Absent: the signalled target. */
  readonly deadline?: Micros;
}

export interface ScanConfig {
  /** Rows one scan reads (each a value of the namespace's valueSize), split over its cursors. */
  readonly rows: DistributionSpec;
  /** Cursors a scan asks for; the server grants fewer as its load grows (at least one). */
  readonly cursors: number;
}

export interface CompressionConfig {
  /** Uncompressed / compressed size, drawn per value (below 1 counts as 1: sent as is). */
  readonly ratio: DistributionSpec;
  /** Client CPU per MiB of uncompressed value, µs: compressing before a PUT, decompressing after a GET. */
  readonly cpuPerMiB: Micros;
}

export interface ChunkingConfig {
  /** Bytes per chunk (after compression): a larger value is split. */
  readonly size: number;
  /** Chunks of one write in flight at once. */
  readonly parallel: number;
}

export interface CacheConfig {
  /** near: in each client's process; remote: one cache per zone shared by its clients, a network hop away. */
  readonly kind: "near" | "remote";
  /** Keys each cache holds (least recently used evicted). */
  readonly capacity: number;
  /** Time to answer from the cache, µs. */
  readonly latency: DistributionSpec;
  /** Cache at start: cold (empty) or warm (filled with the hottest keys). */
  readonly start: "cold" | "warm";
}

export interface BalancerConfig {
  readonly policy: "random" | "roundRobin" | "leastOutstanding" | "choiceOfTwo" | "weightedChoiceOfN";
  /** weightedChoiceOfN: candidates sampled per pick, and the penalties that weigh them. */
  readonly n: number;
  readonly crossZonePenalty: number;
  readonly nonReplicaPenalty: number;
  readonly unhealthyWeight: number;
  /** Samples over which a node's health (errors, slowness) halves its weight. */
  readonly healthHalfLife: number;
  /** A balancer the program registered, used instead of `policy`. Absent: `policy`. */
  readonly extension?: ExtensionSpec;
}

export interface TimeoutConfig {
  /** single: one timer at the signalled max; chained: `steps` timers of max/steps each. */
  readonly kind: "single" | "chained";
  readonly steps: number;
}

export interface HedgingConfig {
  /** Samples before the average latency is trusted; until then hedge at the target. */
  readonly minSamples: number;
  /** Half-life of the latency average, in samples. */
  readonly halfLife: number;
  /** With a limiter, hedges beyond the signalled per-server limit wait for a slot or are skipped. */
  readonly limiter?: { readonly whenFull: "skip" | "wait" };
  /** When to hedge. Absent: target − average. */
  readonly delay?: HedgeDelaySpec;
  /** Tied requests (pool mode): the copy that starts first cancels the other, which learns of it `cancelDelay` µs later. Absent: untied. */
  readonly tied?: { readonly cancelDelay: Micros };
}

/** target − the moving average; a fixed delay, µs; or a percentile (0–100) of the latencies seen so far. */
export type HedgeDelaySpec = "targetMinusAverage" | { readonly fixed: Micros } | { readonly percentile: number };

export interface RetryConfig {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** The first retry waits about `baseFactor` × the signalled target (then doubling, capped). */
  readonly baseFactor: number;
  readonly cap: Micros;
  readonly jitter: "none" | "full" | "equal" | "decorrelated";
  /** An attempt unanswered after this long is retried; absent: max / maxAttempts. */
  readonly attemptTimeout?: Micros;
  /** The last attempt (try number maxAttempts) is given up after this long; absent: it waits until the request's deadline. */
  readonly lastAttemptTimeout?: Micros;
  /** The classes of failure that are retried (a replica's error is `transient`; see ERROR_CLASSES). */
  readonly retryOn: readonly ErrorClass[];
  /** A token bucket capping retries at `ratio` × requests (plus `maxTokens`). Absent: no budget. */
  readonly budget?: { readonly ratio: number; readonly maxTokens: number };
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
  /** The target's nodes are down (a node crash, a zone or a region outage: one verb, three names). */
  | (FaultBase & { readonly kind: "nodeCrash" | "zoneOutage" | "regionOutage" })
  | (FaultBase & { readonly kind: "diskDegradation"; readonly factor: number })
  | (FaultBase & { readonly kind: "gcStorm"; readonly gc: PauseConfig })
  | (FaultBase & { readonly kind: "errors"; readonly share: number })
  /** Each attempt the target's nodes coordinate fails at once, independently, with `probability`, as `errorClass`. */
  | (FaultBase & { readonly kind: "attemptErrors"; readonly probability: number; readonly errorClass: ServerErrorClass })
  /** An upstream retry storm: the clients in `target` (their zone, region, or all) offer `factor` × their load. */
  | (FaultBase & {
      readonly kind: "retryStorm";
      readonly factor: number;
      /** Only this namespace's load (index, and name for reports); absent: all of it. */
      readonly namespace?: number;
      readonly namespaceName?: string;
    })
  /** The clients in the target's zones restart their caches: empty, or pre-warmed with the hottest keys. */
  | (FaultBase & { readonly kind: "cacheRestart"; readonly prewarm: boolean })
  /**
   * Maintenance: the target's nodes, `batch` at a time in zone order, are drained (announced
   * down so peers and clients stop routing to them; work in flight finishes) for `drain`, then
   * down for `down`; the next batch starts `gap` after one comes back.
   */
  | (FaultBase & { readonly kind: "maintenanceWave"; readonly down: Micros; readonly gap: Micros; readonly batch: number; readonly drain: Micros })
  /** A token service answers `factor` × slower and fails a further `share` of fetches. */
  | (Omit<FaultBase, "target"> & {
      readonly kind: "tokenServiceDegradation";
      readonly service: "regional" | "global";
      /** Regional only: the region whose service degrades; absent: every region's. */
      readonly region?: string;
      readonly factor: number;
      readonly share: number;
    })
  /** Packets to and from the target's zones are lost with a further probability `share`. */
  | (FaultBase & { readonly kind: "packetLoss"; readonly share: number })
  /** A kind a program registered (`name`), with its parsed parameters and its random stream's name. */
  | (FaultBase & { readonly kind: "extension"; readonly name: string; readonly params: unknown; readonly stream: string });

/** A fault kind, as the scenario file names it. */
export type FaultKind = FaultEvent["kind"];

// The API's settings (idempotency tokens, time-series write modes) live beside its runtime.
export { TOKEN_KINDS, TIME_SERIES_MODES } from "./api/api-config.js";
export type { TokenKind, TokenServiceConfig, IdempotencyConfig, TimeSeriesMode, TimeSeriesConfig, ApiConfig } from "./api/api-config.js";
