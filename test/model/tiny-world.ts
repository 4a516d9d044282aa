import type { DistributionSpec } from "../../src/engine/distribution-spec.js";
import type { MetricsConfig } from "../../src/metrics/slo.js";
import type {
  ClusterConfig,
  ConsistencyLevel,
  FaultEvent,
  FaultsConfig,
  NodeConfig,
  RegionConfig,
  WorldConfig,
} from "../../src/model/config.js";
import type { SimulationConfig } from "../../src/scenario/simulation-config.js";

/** Shared fixtures for the model tests: constant distributions keep every time predictable. */
export const constant = (value: number): DistributionSpec => ({ dist: "constant", value });

/** One region "r1", zones a, b, c with one node each, RF 3. */
export const ONE_REGION: readonly RegionConfig[] = [{ name: "r1", zones: ["a", "b", "c"], nodesPerZone: 1, replicationFactor: 3 }];

/** A node with a service time of 1 ms (GET) / 2 ms (PUT) CPU + 4 ms disk unless overridden. */
export function nodeConfig(overrides: Partial<Omit<NodeConfig, "cpu">> & { cpu?: Partial<NodeConfig["cpu"]> } = {}): NodeConfig {
  return {
    concurrency: 1,
    queueLimit: 10,
    disk: constant(4000),
    diskReads: { GET: 1, PUT: 1, SCAN: 1 },
    contention: 0,
    ...overrides,
    cpu: { GET: constant(1000), PUT: constant(2000), SCAN: constant(8000), ...overrides.cpu },
  };
}

export function clusterConfig(overrides: Partial<ClusterConfig> = {}): ClusterConfig {
  return {
    mode: "coordinated",
    regions: ONE_REGION,
    vnodes: 4,
    consistency: { read: "LOCAL_QUORUM", write: "LOCAL_QUORUM" },
    failureDetection: 2_000_000,
    node: nodeConfig({ concurrency: 8, queueLimit: 100, cpu: { GET: constant(100), PUT: constant(200) }, disk: constant(300) }),
    // 1 TB/s: payload transfer adds under 1 µs, so latencies are the constants below.
    network: { sameZone: constant(100), crossZone: constant(1000), crossRegion: constant(30_000), bandwidth: 1e12 },
    signals: { default: { target: 10_000, max: 100_000, concurrency: 1e6, hedges: 1 }, overrides: [], timeline: [] },
    ...overrides,
  };
}

export interface TinyOptions {
  readonly duration?: number;
  readonly rate?: number;
  readonly consistency?: ConsistencyLevel;
  readonly timeline?: readonly FaultEvent[];
  readonly nodeFailures?: FaultsConfig["nodeFailures"];
  readonly cluster?: Partial<ClusterConfig>;
  readonly world?: Partial<WorldConfig>;
  readonly metrics?: Partial<MetricsConfig>;
}

/**
 * One region, 3 zones × 1 node, RF 3, one client per zone, 50/50 GET/PUT of 1 KB values over
 * 1000 uniform keys, 100 ms timeout; windows of 1 s judged against p99 ≤ 50 ms and ≤ 1 % errors.
 */
export function tinySimulation(options: TinyOptions = {}): SimulationConfig {
  const level = options.consistency ?? "LOCAL_QUORUM";
  const world: WorldConfig = {
    duration: options.duration ?? 30_000_000,
    cluster: clusterConfig({ consistency: { read: level, write: level }, ...options.cluster }),
    workload: {
      rate: options.rate ?? 200,
      schedule: { steps: [], multipliers: [] },
      namespaces: [
        {
          name: "default",
          share: 1,
          mix: { GET: 0.5, PUT: 0.5, SCAN: 0 },
          valueSize: constant(1000),
          keys: { count: 1000, popularity: "uniform", zipfExponent: 0 },
        },
      ],
    },
    client: {
      perZone: 1,
      balancer: { policy: "random", n: 3, crossZonePenalty: 2, nonReplicaPenalty: 2, unhealthyWeight: 1, healthHalfLife: 100 },
      timeouts: { kind: "single", steps: 4 },
    },
    faults: { timeline: options.timeline ?? [], nodeFailures: options.nodeFailures },
    ...options.world,
  };
  const slo = { percentile: 99, latency: 50_000, errorRate: 0.01 };
  return {
    world,
    metrics: { window: 1_000_000, slo: [slo, slo, slo], mergeGap: 2_000_000, minRequests: 10, ...options.metrics },
  };
}
