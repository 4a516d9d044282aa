import * as z from "zod";
import { planSchema } from "./plan-schema.js";
import { pinSchema } from "./pin-schema.js";
import { scenarioDescription, scenarioExpect, scenarioName, scenarioSeed, scenarioVariants } from "./scenario-fields-schema.js";
import { JITTERS } from "../model/client/retry-backoff.js";
import { ERROR_CLASSES } from "../model/request/error-class.js";
import { CONSISTENCY_LEVELS, OPS } from "../model/config.js";
import { apiSchema } from "./api-schema.js";
import { faults, type ScenarioFault } from "./faults-schema.js";
import { zDistribution } from "./distribution-schema.js";
import { zBandwidth, zDuration, zFraction, zRate, zSize } from "./zod-units.js";
import { fanOut } from "./fan-out-schema.js";
import { trafficRate } from "./traffic-schema.js";
import { tied } from "./tied-schema.js";
import { replacement } from "./replacement-schema.js";
import { appTier } from "./app-tier-schema.js";
import { cas, closedLoop } from "./contention-schema.js";
import { clientCriticality, criticality } from "./priority-schema.js";
import { phases } from "./phases-schema.js";
import { node, pauses } from "./node-schema.js";
import { registeredBalancerForms } from "./extension-schema.js";
import { fidelity } from "./fidelity-schema.js";

/**
 * The one schema of scenario files. Strict (unknown keys are errors), with defaults for
 * everything a small scenario can leave out. Its output is plain data in model units
 * (µs, bytes, per second); `toSimulation` turns it into the model's config.
 */

const count = (min: number) => z.number().int().min(min);
const time = zDistribution("duration");

const region = z.strictObject({
  name: z.string().min(1).describe("The region's name, unique in the cluster; faults, clients.regions and namespaces refer to it."),
  zones: z.array(z.string().min(1)).min(1).describe("The region's zones by name, unique across regions; node ids are zone/index, e.g. us-east-1a/0."),
  // A bound that keeps a world buildable: beyond it, validation itself would run out of memory.
  /** One count for every zone, or one per zone (`[4, 4, 2]`). */
  nodesPerZone: z.union([count(1).max(1000), z.array(count(1).max(1000)).min(1)])
    .meta({ description: "Nodes in each zone (1–1000): one count for every zone, or a list of one per zone in the order of zones.", examples: [4, [4, 4, 2]] }),
  /** Copies per range in this region; absent: 3 in coordinated mode, none in a pool (which holds no replicas). */
  replicationFactor: count(0).optional()
    .describe("Copies of each token range in this region, in distinct zones where possible. Absent: 3 in coordinated mode, none in a pool (a factor written there only tells weightedChoiceOfN which nodes to prefer)."),
});

const network = z.strictObject({
  sameZone: time.default({ dist: "lognormal", median: 150, p99: 600 }).describe("One-way latency of a message between nodes (or a client and a node) in the same zone."),
  crossZone: time.default({ dist: "lognormal", median: 500, p99: 1500 }).describe("One-way latency of a message between zones of one region."),
  crossRegion: time.default({ dist: "lognormal", median: 35_000, p99: 70_000 }).describe("One-way latency of a message between regions."),
  bandwidth: zBandwidth({ min: 1 }).default(1.25e9).describe("Link speed: a payload adds size / bandwidth to a message's latency."),
  /** Payloads travel as packets; each can be lost, and a loss costs a retransmit timeout. */
  packets: z
    .strictObject({
      size: zSize({ min: 1 }).default(1448).describe("Packet payload: a message of B bytes is ⌈B / size⌉ packets."),
      loss: zFraction({ max: 0.5 }).default(0).describe("Probability that each packet is lost (at most 50%; a packetLoss fault adds to it)."),
      retransmitTimeout: zDuration({ min: 1 }).default(200_000)
        .describe("Time before a lost packet is sent again, doubling for each further loss of it; a message is late by its worst packet's timeouts."),
    })
    .prefault({})
    .describe("Packet loss: payloads travel as packets, each can be lost, and a loss costs a retransmit timeout."),
});

const consistencyLevel = z.enum(CONSISTENCY_LEVELS);
const opName = z.enum(OPS);

const SIGNAL = {
  target: "The signalled target latency, what hedges and retries aim for",
  max: "The signalled maximum: the request's deadline, after which the client gives up and the request ends timed out",
  concurrency: "Normal requests a client may have in flight to one server (a number of requests)",
  hedges: "Hedges a client may have in flight to one server (a number of requests; read by the hedge limiter)",
};
const signalFields = {
  target: zDuration({ min: 1 }).optional().describe(`${SIGNAL.target}. Absent: unchanged.`),
  max: zDuration({ min: 1 }).optional().describe(`${SIGNAL.max}. Absent: unchanged.`),
  concurrency: z.number().positive().optional().describe(`${SIGNAL.concurrency}. Absent: unchanged.`),
  hedges: z.number().nonnegative().optional().describe(`${SIGNAL.hedges}. Absent: unchanged.`),
};
const partialSignal = z.strictObject(signalFields).describe("The signal fields that differ for this op; the others as for every op.");

const signals = z.strictObject({
  target: zDuration({ min: 1 }).default(10_000).describe(`${SIGNAL.target}, for every namespace and op.`),
  max: zDuration({ min: 1 }).default(500_000).describe(`${SIGNAL.max}, for every namespace and op.`),
  concurrency: z.number().positive().default(1_000_000).describe(`${SIGNAL.concurrency}, for every namespace and op.`),
  hedges: z.number().nonnegative().default(1).describe(`${SIGNAL.hedges}, for every namespace and op.`),
  /** Per op, for every namespace. */
  ops: z.partialRecord(opName, partialSignal).default({})
    .meta({ description: "Signal fields that differ for one op (GET, PUT, SCAN) in every namespace.", examples: [{ SCAN: { target: "100ms" } }] }),
  /** Per namespace, per op. */
  namespaces: z.record(z.string(), z.partialRecord(opName, partialSignal)).default({})
    .describe("Signal fields that differ for one namespace and op: NAMESPACE: { OP: { target, max, concurrency, hedges } }."),
  timeline: z
    .array(z.strictObject({
      at: zDuration().describe("From this time in the run on, the signal changes."),
      namespace: z.string().optional().describe("The namespace whose signal changes. Absent: every namespace."),
      op: opName.optional().describe("The op whose signal changes. Absent: every op."),
      ...signalFields,
    }))
    .default([])
    .describe("Changes of the signals during the run: { at, namespace?, op?, target?, max?, concurrency?, hedges? }."),
});

const cluster = z.strictObject({
  mode: z.enum(["coordinated", "pool"]).default("coordinated")
    .describe("coordinated: the node a client reaches forwards to the key's replicas; pool: it serves the request itself (a plain pool of servers, for checking balancers against queueing theory)."),
  regions: z.array(region).min(1)
    .meta({ description: "The cluster's regions, each { name, zones, nodesPerZone, replicationFactor? }.", examples: [[{ name: "us-east-1", zones: ["us-east-1a", "us-east-1b", "us-east-1c"], nodesPerZone: 4 }]] }),
  vnodes: count(1).max(256).default(16)
    .describe("Token ranges per node (1–256); each range is replicated on replicationFactor nodes per region, in distinct zones where possible."),
  consistency: z
    .strictObject({
      read: consistencyLevel.default("LOCAL_QUORUM").describe("Consistency level of reads: they go to the nearest replicas the level needs."),
      write: consistencyLevel.default("LOCAL_QUORUM").describe("Consistency level of writes: they go to every live replica and wait for the level."),
    })
    .prefault({})
    .describe("Consistency levels (ONE, LOCAL_ONE, LOCAL_QUORUM, QUORUM, EACH_QUORUM, ALL) of reads and writes."),
  failureDetection: zDuration().default(2_000_000).describe("How long peers and clients keep sending to a crashed node before they treat it as down."),
  node: node.prefault({}).describe("Every node's server: slots, queue, CPU and disk costs, GC, concurrency limit and shedding."),
  network: network.prefault({}).describe("Latency between nodes and clients by distance, bandwidth and packet loss."),
  signals: signals.prefault({})
    .meta({ description: "What servers tell clients, per namespace and op: a target latency (what hedges and retries aim for), a max (the deadline), and the concurrency and hedges a client may have in flight to one server. Clients obey.", examples: [{ target: "10ms", max: "500ms", ops: { SCAN: { target: "100ms" } } }] }),
  /** When every node of a region is down, its clients' traffic moves to the other regions after `after`. */
  evacuation: z.union([z.literal(false), z.strictObject({
    after: zDuration().describe("How long after every node of the region is down its clients' traffic moves (an operation: its detection and mitigation times show in episodes)."),
  })]).default(false)
    .meta({ description: "Region evacuation: when every node of a region is down, its clients' traffic moves to the other regions after `after`. false: never.", examples: [{ after: "5m" }] }),
  /** Outlier ejection: a node much slower than the median (or failing) is replaced. */
  ejection: z
    .union([
      z.literal(false),
      z.strictObject({
        window: zDuration({ min: 1 }).default(30_000_000).describe("The span over which coordinators' timings of each node are judged."),
        latencyFactor: z.number().min(1).default(3).describe("A node whose mean latency over the window exceeds this multiple of the median node's is ejected (a plain factor ≥ 1)."),
        errorRate: zFraction().default(0.05).describe("A node whose error share over the window exceeds this is ejected."),
        minSamples: count(1).default(50).describe("Replica answers a node needs in the window to be judged at all."),
        maxEjectedShare: zFraction().default(0.2).describe("At most this share of the nodes is out at once."),
        every: zDuration({ min: 1 }).default(10_000_000).describe("How often the ejector judges the nodes."),
        replace: zDuration({ min: 1 }).default(120_000_000).describe("From ejection to the new hardware that replaces the node."),
        preflightTolerance: z.number().nonnegative().default(0.5)
          .describe("Pre-flight check of a replacement: refused (and tried again) if its disk is slower than expected × (1 + tolerance) (a plain number)."),
      }),
    ])
    .default(false)
    .meta({ description: "Outlier ejection: coordinators time their replicas; a node much slower than the median (or failing) is taken out at once and replaced by new hardware, which must pass a pre-flight check before it takes traffic. false: none.", examples: [{ latencyFactor: 3, window: "30s" }] }),
  /** Slots added to (removed from) every node as utilization demands. */
  autoscaling: z
    .union([
      z.literal(false),
      z.strictObject({
        metric: z.literal("utilization").default("utilization").describe("What is measured: utilization, the slot-time used over the slot-time available (the only metric)."),
        scaleOutAbove: zFraction().describe("Slots are added when utilization stays above this for `detection`. Required."),
        scaleInBelow: zFraction().default(0).describe("Slots are removed when utilization stays below this for `detection`."),
        every: zDuration({ min: 1 }).default(10_000_000).describe("How often utilization is measured and the policy consulted."),
        detection: zDuration().default(30_000_000).describe("How long utilization must stay beyond a threshold before the autoscaler acts."),
        provisioning: zDuration().default(120_000_000).describe("From a decision to the new slots serving."),
        warmup: zDuration().default(60_000_000).describe("New slots start at 30% speed and reach full speed linearly over this."),
        cooldown: zDuration().default(180_000_000).describe("No new decision within this of the last one."),
        step: count(1).default(8).describe("Slots added to (or removed from) every node per decision."),
        min: count(1).default(1).describe("The fewest slots per node it scales in to."),
        max: count(1).default(1024).describe("The most slots per node (counting those being provisioned) it scales out to."),
      }),
    ])
    .default(false)
    .meta({ description: "Autoscaling of the nodes' slots: utilization is measured every `every`; when it stays above scaleOutAbove for `detection`, `step` slots are added to every node once provisioned. false: none.", examples: [{ scaleOutAbove: 0.7, step: 8 }] }),
  replacement: replacement.default(false),
});

const mix = z
  .strictObject({
    GET: zFraction().optional().describe("Share of requests that are GETs (reads of one key). Absent: 0."),
    PUT: zFraction().optional().describe("Share of requests that are PUTs (writes of one key). Absent: 0."),
    SCAN: zFraction().optional().describe("Share of requests that are SCANs (reads of many rows without a key). Absent: 0."),
  })
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
  count: count(1).default(1_000_000).describe("Number of distinct keys requests are drawn from."),
  popularity: z.enum(["uniform", "zipf"]).default("uniform").describe("How keys are drawn: uniform, or zipf (key 0 hottest, with zipfExponent)."),
  zipfExponent: z.number().nonnegative().default(0.9).describe("The exponent s of zipf popularity: key k is drawn in proportion to 1/(k+1)^s (0: uniform)."),
});


/** 100 M requests/s: far beyond what a run can simulate (about 300 k/s), and a bound that keeps a typo from hanging it. */
export const MAX_RATE = 1e8;

const NAMESPACE_DEFAULT = "Absent: as set for the whole workload.";
const workload = z.strictObject({
  rate: z.union([zRate({ min: 0, max: MAX_RATE }), trafficRate])
    .meta({ description: "Offered load over all clients, in requests per second (at most 100 M/s: beyond anything a run can simulate), or { file, ... }: a time series of it read from a CSV file. Required.", examples: ["20000/s", 5000, { file: "data/diurnal-traffic.csv", column: "rps" }] }),
  steps: z.array(z.strictObject({
    at: zDuration().describe("From this time in the run on, the base rate is `rate`."),
    rate: zRate({ min: 0, max: MAX_RATE }).describe("The new base rate, in requests per second."),
  })).default([]).describe("Changes of the base rate during the run: { at, rate }."),
  multipliers: z
    .array(z.strictObject({
      from: zDuration().describe("Start of the stretch (inclusive)."),
      to: zDuration().describe("End of the stretch (exclusive)."),
      factor: z.number().nonnegative().describe("The rate is multiplied by this in [from, to) (a plain factor)."),
    }))
    .default([])
    .describe("Stretches of the run in which the rate is multiplied: { from, to, factor }."),
  /** The defaults every namespace starts from (and the one namespace when none are listed). */
  mix: mix.default({ GET: 0.8, PUT: 0.2, SCAN: 0 })
    .meta({ description: "Shares of GET, PUT and SCAN requests; they must add up to 100%.", examples: [{ GET: "90%", PUT: "10%" }] }),
  valueSize: zDistribution("size").default({ dist: "constant", value: 1024 })
    .describe("Payload of a PUT, and of a GET's or SCAN's answer (a row's size for paging and scans)."),
  keys: keys.prefault({}).describe("The key space: how many keys, and how popular each is."),
  fanOut: fanOut.default(false),
  cas: cas.default(false),
  closedLoop: closedLoop.default(false),
  criticality: criticality.optional()
    .describe("With cluster.node.priorityShedding: the criticality of every namespace's requests: critical (user-facing), background or retry. Absent: critical."),
  namespaces: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "a name of letters, digits and _").describe("The namespace's name (letters, digits and _), used in outcome paths and signals."),
        share: zFraction().describe("This namespace's share of the load; the shares add up to 100%."),
        mix: mix.optional().describe(`This namespace's shares of GET, PUT and SCAN. ${NAMESPACE_DEFAULT}`),
        valueSize: zDistribution("size").optional().describe(`This namespace's payload size. ${NAMESPACE_DEFAULT}`),
        keys: keys.optional().describe(`This namespace's key space. ${NAMESPACE_DEFAULT}`),
        fanOut: fanOut.optional().describe(`This namespace's multi-gets: { keys, waitFor? }, or false. ${NAMESPACE_DEFAULT}`),
        regions: z.array(z.string()).min(1).optional()
          .describe("The regions the namespace's keys are replicated in (coordinated mode; each listed once). Clients elsewhere go to the first listed region with nodes not known down. Absent: every region."),
        cas: cas.optional().describe(`This namespace's compare-and-set share: { share }, or false. ${NAMESPACE_DEFAULT}`),
        criticality: criticality.optional().describe(`With cluster.node.priorityShedding: this namespace's requests' criticality. ${NAMESPACE_DEFAULT}`),
      }),
    )
    .min(1)
    .optional()
    .meta({ description: "The applications' tables the load goes to: { name, share, mix?, valueSize?, keys?, fanOut?, regions?, cas?, criticality? }; shares add up to 100%; missing fields take the workload's values. Absent: one namespace, default.", examples: [[{ name: "users", share: "70%" }, { name: "events", share: "30%", mix: { PUT: 1 } }]] }),
});

const pauses0 = pauses;
const balancer = z.strictObject({
  policy: z.enum(["random", "roundRobin", "leastOutstanding", "choiceOfTwo", "weightedChoiceOfN"]).default("random")
    .describe("How a client picks the server for an attempt among the region's nodes not known to be down and under the signalled concurrency."),
  n: count(1).default(3).describe("weightedChoiceOfN: candidates per pick, the key's replicas first (token awareness), then random others."),
  crossZonePenalty: z.number().min(1).default(2).describe("weightedChoiceOfN: score factor of a candidate in another zone (a plain factor ≥ 1)."),
  nonReplicaPenalty: z.number().min(1).default(2).describe("weightedChoiceOfN: score factor of a candidate that holds no replica of the key (a plain factor ≥ 1)."),
  unhealthyWeight: z.number().nonnegative().default(1).describe("weightedChoiceOfN: the exponent of a node's health penalty (relative latency × attempts per success) in its score; 0 ignores health."),
  healthHalfLife: z.number().positive().default(100).describe("weightedChoiceOfN: client responses (from any node) after which old evidence of a node's health weighs half."),
});

const clients = z.strictObject({
  perZone: count(1).default(2).describe("Clients (application instances, each with the whole resilience stack) in each zone of `regions`."),
  regions: z.array(z.string()).min(1).optional().describe("The regions whose zones have clients. Absent: every region."),
  /** A policy name, or the policy with its knobs. */
  balancer: z
    .union([...registeredBalancerForms(() => balancer.parse({})), balancer.shape.policy.transform((policy) => balancer.parse({ policy })), balancer])
    .default({ policy: "random", n: 3, crossZonePenalty: 2, nonReplicaPenalty: 2, unhealthyWeight: 1, healthHalfLife: 100 })
    .meta({ description: "How a client picks a server: random, roundRobin, leastOutstanding, choiceOfTwo or weightedChoiceOfN; or { policy, n, crossZonePenalty, nonReplicaPenalty, unhealthyWeight, healthHalfLife }.", examples: ["leastOutstanding", { policy: "weightedChoiceOfN", n: 3 }] }),
  timeouts: z
    .strictObject({
      kind: z.enum(["single", "chained"]).default("single").describe("single: one timer at the signalled max; chained: `steps` timers of max/steps each, so a client GC pause costs at most one step."),
      steps: count(1).default(4).describe("chained: the number of timers the deadline is split into."),
    })
    .prefault({})
    .describe("How the request's deadline (the signalled max, cluster.signals.max) is timed; a request not answered by then ends timed out."),
  hedging: z
    .union([
      z.literal(false),
      z.strictObject({
        minSamples: count(0).default(20).describe("Answers before the client trusts its moving average; until then it hedges at the target itself."),
        halfLife: z.number().positive().default(100).describe("Half-life of the client's moving average latency per namespace and op, in answers."),
        limiter: z.union([z.literal(false), z.strictObject({
          whenFull: z.enum(["skip", "wait"]).default("skip").describe("A hedge beyond the limit: skip it, or wait for a slot."),
        })]).default(false)
          .describe("Holds hedges in flight to one server to the signalled `hedges`: { whenFull: skip | wait }, or false (no limit)."),
        /** When to hedge: target − average, a fixed delay, or a percentile of the latencies seen. */
        delay: z
          .union([
            z.literal("targetMinusAverage"),
            z.strictObject({ fixed: zDuration({ min: 1 }).describe("Hedge after this fixed delay.") }),
            z.strictObject({ percentile: z.number().gt(0).lt(100).describe("Hedge after this percentile (0–100, exclusive) of the latencies of the client's successful requests so far per namespace and op (read at a log-histogram bucket's upper edge: up to 3.2% above).") }),
          ])
          .default("targetMinusAverage")
          .meta({ description: "When to hedge: targetMinusAverage (after target − the client's moving average; no hedge while the average is above target), { fixed }, or { percentile }.", examples: ["targetMinusAverage", { fixed: "5ms" }, { percentile: 95 }] }),
        tied,
      }),
    ])
    .default(false)
    .meta({ description: "Hedged requests: after a delay, the request is sent to another server too; the first answer wins. false: none.", examples: [{ minSamples: 20 }, { delay: { percentile: 95 }, limiter: { whenFull: "skip" } }] }),
  retries: z
    .union([
      z.literal(false),
      z.strictObject({
        maxAttempts: count(1).default(3).describe("Tries per request, the first included."),
        // A multiple of the signalled target; beyond a million the first backoff outlasts any run.
        baseFactor: z.number().positive().max(1e6).default(0.5).describe("The first backoff, as a multiple of the signalled target (at most 10^6); it doubles with each retry up to `cap`."),
        cap: zDuration({ min: 1 }).default(1_000_000).describe("The longest backoff."),
        jitter: z.enum(JITTERS).default("full").describe("How each backoff is randomised: none, full, equal or decorrelated jitter."),
        attemptTimeout: zDuration({ min: 1 }).optional()
          .describe("An attempt unanswered after this is retried if a retry is granted, else waited for. Absent: the signalled max / maxAttempts."),
        /** The last try's own timeout: given up after it instead of waiting until the deadline (signals.max). */
        lastAttemptTimeout: zDuration({ min: 1 }).optional()
          .describe("The last try's own timeout (the try numbered maxAttempts, and hedges sent after it): given up after this long, the request ending timed out unless another attempt is still out. Absent: waited for until the deadline."),
        /** Classes of failure retried; the default is what was always retried (a replica's error is transient). */
        retryOn: z.array(z.enum(ERROR_CLASSES)).default(["timeout", "throttled", "overloaded", "unavailable"])
          .describe("The classes of failure retried: timeout (no answer within the attempt timeout), throttled, overloaded (shed), unavailable (too few live replicas, or no server), transient (a server's error), permanent (only from an attemptErrors fault), conflict (a compare-and-set lost its race)."),
        budget: z
          .union([z.literal(false), z.strictObject({
            ratio: zFraction().describe("Tokens each request earns; a retry spends one, so retries granted ≤ ratio × requests + maxTokens. Required."),
            maxTokens: z.number().min(1).default(100).describe("The bucket's size (it starts full)."),
          })])
          .default(false)
          .describe("A retry budget: a token bucket per client earning `ratio` per request; a retry with less than one token is refused. false: no budget."),
      }),
    ])
    .default(false)
    .meta({ description: "Retries: a failed attempt whose class is in retryOn is retried on another server after a backoff. false: none.", examples: [{ maxAttempts: 3, jitter: "full" }, { maxAttempts: 4, budget: { ratio: 0.1 } }] }),
  gc: z.union([z.literal(false), pauses0]).default(false)
    .describe("The client's own stop-the-world pauses, { interval, pause }: while paused its timers and incoming answers wait; at resume due timers run first, then the answers. false: none."),
  criticality: clientCriticality,
  /** A near cache in each client: GETs of keys it holds are answered locally; PUTs invalidate. */
  cache: z
    .union([
      z.literal(false),
      z.strictObject({
        kind: z.enum(["near", "remote"]).default("near").describe("near: a cache in each client; remote: one per zone shared by its clients, a network round trip away."),
        capacity: count(1).describe("Keys the cache holds (least recently used evicted). Required."),
        latency: time.default({ dist: "constant", value: 20 }).describe("Time to answer from the cache (a remote cache adds the round trip in the zone)."),
        start: z.enum(["cold", "warm"]).default("warm").describe("cold: empty at the start; warm: filled with the hottest keys."),
      }),
    ])
    .default(false)
    .meta({ description: "A key cache: a GET of a cached key is answered from it, a PUT invalidates its key, an answered GET fills it. false: none.", examples: [{ kind: "near", capacity: 10000 }] }),
  /** Client-side compression of values: a ratio drawn per value, client CPU per MiB. */
  compression: z
    .union([
      z.literal(false),
      z.strictObject({
        ratio: zDistribution("number").default({ dist: "uniform", min: 2, max: 3 })
          .describe("Compression ratio drawn per value (a plain-number distribution): it divides the bytes written and read; below 1 the value is sent as is."),
        cpuPerMiB: zDuration().default(0).describe("Client CPU time per MiB of uncompressed value, before a PUT is sent and after a GET is answered."),
      }),
    ])
    .default(false)
    .meta({ description: "Client-side compression of values (LZ4-like). false: none.", examples: [{ ratio: { dist: "uniform", min: 2, max: 3 }, cpuPerMiB: "1ms" }] }),
  /** PutItems: a value larger than `size` is written as numbered chunks, then a commit. */
  chunking: z
    .union([z.literal(false), z.strictObject({
      size: zSize({ min: 1 }).default(65_536).describe("A value larger than this (after compression) is written as chunks of this size."),
      parallel: count(1).default(8).describe("Chunks in flight at once, each hedged and retried alone."),
    })])
    .default(false)
    .meta({ description: "PutItems: a large value is written as numbered chunks, then a commit; the write succeeds when the commit does, and one that ends before is never visible. false: none.", examples: [{ size: "64KiB", parallel: 8 }] }),
  /** GetItems: a GET reads an item of `rows` rows as pages bounded by size (or by row count). */
  paging: z
    .union([
      z.literal(false),
      z.strictObject({
        rows: zDistribution("number").default({ dist: "constant", value: 100 })
          .describe("Rows in an item (a distribution of counts); each row is a value of the namespace's valueSize."),
        by: z.enum(["size", "rows"]).default("size").describe("What bounds a page: size (pageSize bytes) or rows (pageRows rows)."),
        pageSize: zSize({ min: 1 }).default(1_048_576).describe("by: size: the server fills a page until it holds this many bytes."),
        pageRows: count(1).default(100).describe("by: rows: the server fills a page until it holds this many rows."),
        fetchSize: zSize({ min: 1 }).default(65_536).describe("The server reads rows in storage round trips of this size (at least one row; each a GET's CPU and one disk access)."),
        deadline: zDuration({ min: 1 }).optional().describe("A size-bounded page returns what it has once the server has spent this on it. Absent: the signalled target."),
      }),
    ])
    .default(false)
    .meta({ description: "GetItems: a GET reads an item of many rows as pages, each a request of its own, the next asked for at once from the previous one's progress token. false: single-value GETs.", examples: [{ rows: 100, by: "size", pageSize: "1MiB" }] }),
  /** Scan: a SCAN reads `rows` rows without a key, as pages (by `paging`) over cursors the server grants by its load. */
  scan: z
    .union([
      z.literal(false),
      z.strictObject({
        rows: zDistribution("number").default({ dist: "constant", value: 10_000 }).describe("Rows a SCAN reads (a distribution of counts)."),
        cursors: count(1).default(8)
          .describe("Cursors the first page asks for; the serving node grants max(1, ⌊cursors × (1 − load)⌋), and each cursor pages on alone from a spread-out place on the ring."),
      }),
    ])
    .default(false)
    .meta({ description: "Scans: a SCAN reads rows without a key, as pages (per clients.paging, required) over cursors the server grants by its load. false: a SCAN is one request.", examples: [{ rows: 10000, cursors: 8 }] }),
});


const ONE_TARGET = "Give exactly one of p50, p90, p99 and p999";
const opSlo = z
  .strictObject({
    p50: zDuration().optional().describe(`The window's median latency must be at most this. ${ONE_TARGET}.`),
    p90: zDuration().optional().describe(`The window's 90th percentile latency must be at most this. ${ONE_TARGET}.`),
    p99: zDuration().optional().describe(`The window's 99th percentile latency must be at most this. ${ONE_TARGET}.`),
    p999: zDuration().optional().describe(`The window's 99.9th percentile latency must be at most this. ${ONE_TARGET}.`),
    errorRate: zFraction().default(0.001).describe("The window's share of failed requests must be at most this."),
  })
  .refine((s) => [s.p50, s.p90, s.p99, s.p999].filter((x) => x !== undefined).length === 1, {
    message: "give exactly one latency target: p50, p90, p99 or p999",
  });

const slo = z.strictObject({
  window: zDuration({ min: 1_000 }).default(10_000_000).describe("Length of the windows the run is judged in (at least 1ms)."),
  mergeGap: zDuration().default(30_000_000).describe("Violating windows at most this far apart are one episode."),
  minRequests: count(1).default(1).describe("An op with fewer requests in a window is not judged there; nor in one entity's traffic (a client's, a key range's) for breadth."),
  GET: opSlo.default({ p99: 10_000, errorRate: 0.001 }).describe("The SLO of GETs in each window: one latency target and an error rate."),
  PUT: opSlo.default({ p99: 10_000, errorRate: 0.001 }).describe("The SLO of PUTs in each window: one latency target and an error rate."),
  SCAN: opSlo.default({ p99: 100_000, errorRate: 0.001 }).describe("The SLO of SCANs in each window: one latency target and an error rate."),
});

/** A scenario file, as validated. */
export const scenarioSchema = z.strictObject({
  name: scenarioName,
  description: scenarioDescription,
  seed: scenarioSeed,
  duration: zDuration({ min: 1 }).meta({ description: "Simulated time of the run. Required.", examples: ["1h", "20m"] }),
  /** The first part of the run, left out of the outcome's statistics (requests, windows, episodes). */
  warmUp: zDuration().default(0)
    .describe("The first part of the run, left out of the outcome: requests finishing before it, its windows and episodes; per-day rates count the time after it."),
  cluster: cluster.meta({ description: "The store: regions, zones and nodes, replication, consistency, the nodes' servers, network, signals and operations. Required.", examples: [{ regions: [{ name: "us-east-1", zones: ["us-east-1a", "us-east-1b", "us-east-1c"], nodesPerZone: 4 }] }] }),
  workload: workload.meta({ description: "The offered load: rate, mix of operations, value sizes, keys and namespaces. Required.", examples: [{ rate: "20000/s", mix: { GET: "80%", PUT: "20%" } }] }),
  clients: clients.prefault({}).describe("The clients: application instances per zone, each with the whole resilience stack (balancer, deadline, hedging, retries, cache, ...); every piece can be switched on or off."),
  faults: faults.prefault({}).describe("What goes wrong: a timeline of injected faults, and random node failures."),
  slo: slo.prefault({}).describe("The service level objective each window is judged by, per op; violations make episodes."),
  /** The API: idempotency tokens and time-series write modes. */
  api: apiSchema.prefault({}).describe("How the store's API treats writes: idempotency tokens and time-series write modes. Absent: plain writes."),
  /** A stateless tier of application servers in front of the store. */
  appTier: appTier.default(false)
    .meta({ description: "A stateless tier of application servers between the clients and the store, per zone, one pool per region behind a balancer: every request first holds one of its slots for its own service time, then calls the store through the client's resilience stack. false: clients call the store directly.", examples: [{ perZone: 4, service: { dist: "exponential", mean: "2ms" } }] }),
  fidelity,
  /** Named sets of overrides (`path: value`) compared side by side on the same seed. */
  variants: scenarioVariants,
  phases,
  /** Assertions on the outcome, checked by `relisim test`. */
  expect: scenarioExpect,
  /** Extra tolerances of the pinned outcome (`relisim test`): floors under the prediction intervals. */
  pin: pinSchema.prefault({}),
  plan: planSchema,
});

export type ScenarioSpec = z.output<typeof scenarioSchema>;
export type { ScenarioFault };
