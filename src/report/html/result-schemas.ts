import * as z from "zod";

/**
 * The parts of relisim's result files that the HTML report reads. Loose objects: a result
 * written by a newer relisim (more fields) still reads; one missing a field the report needs
 * is refused with the field's path.
 */

/** A latency summary, ms; null for an op with no request to measure. */
const latency = z.looseObject({ p50: z.number(), p90: z.number(), p99: z.number(), p999: z.number(), mean: z.number(), max: z.number() }).nullable();
const latencyByOp = z.record(z.string(), latency);

/** Where an episode was felt, per dimension: touched of how many, and the traffic they carried (null: a lone entity). */
const breadth = z.looseObject({ touched: z.number(), of: z.number(), share: z.number().nullable(), traffic: z.number().nullable() });
/** Where the fault was, per dimension: servers touched of how many. */
const faultBreadth = z.looseObject({ touched: z.number(), of: z.number(), share: z.number().nullable() });
const seen = z.looseObject({ clients: breadth, zones: breadth, regions: breadth, tenants: breadth, ranges: breadth });
const fault = z.looseObject({ nodes: faultBreadth, zones: faultBreadth, regions: faultBreadth });

const episode = z.looseObject({
  startS: z.number(),
  endS: z.number(),
  durationS: z.number(),
  ongoing: z.boolean(),
  scripted: z.boolean(),
  blastRadius: z.looseObject({ requests: z.number(), seen, fault }),
  violatedOps: z.array(z.string()),
  faults: z.array(z.string()),
  badBy: z.looseObject({ failed: z.number(), timedOut: z.number(), shed: z.number(), unavailable: z.number(), slow: z.number() }).nullable().optional(),
  timeToDetectS: z.number().nullable(),
  timeToMitigateS: z.number().nullable(),
});

/** How often: a count of episodes, scripted ones apart; a rate per day only where random faults ran. */
const frequency = z.looseObject({
  episodes: z.number(),
  scripted: z.number(),
  unscripted: z.number(),
  perDay: z
    .looseObject({
      count: z.number(),
      rate: z.number(),
      ci95Low: z.number(),
      ci95High: z.number(),
      method: z.enum(["garwood", "ruleOfThree"]),
      exposureDays: z.number(),
    })
    .nullable(),
});

const meanMax = z.looseObject({ mean: z.number(), max: z.number(), episodes: z.number() }).nullable();

/** One cluster run's outcome (`summary.json`'s `outcome`, or one variant of `compare.json`). */
export const clusterOutcomeSchema = z.looseObject({
  durationS: z.number(),
  frequency,
  episodes: z.looseObject({ count: z.number(), list: z.array(episode) }),
  recoveryS: z.looseObject({ mean: z.number(), p50: z.number(), max: z.number() }),
  timeToDetectS: meanMax,
  timeToMitigateS: meanMax,
  blastRadius: z.looseObject({ maxRequests: z.number(), seen, fault }),
  availability: z.number(),
  nines: z.number(),
  requests: z.looseObject({ total: z.number(), ok: z.number(), failed: z.number(), timedOut: z.number(), shed: z.number(), unavailable: z.number() }),
  /** Client-observed: every request, a failure at the time its client gave up. */
  latencyMs: latencyByOp,
  /** Successful requests only. */
  successLatencyMs: latencyByOp,
  violatingWindows: z.number(),
  windows: z.number(),
  // Absent in results written before relisim recorded them: no markers, no threshold lines.
  slo: z.array(z.looseObject({ op: z.string(), percentile: z.number(), latencyMs: z.number(), errorRate: z.number() })).optional(),
  faultTimeline: z.array(z.looseObject({ fault: z.string(), startS: z.number(), endS: z.number().nullable(), scripted: z.boolean() })).optional(),
  // Hybrid fidelity's sample, when the run had one.
  fidelity: z.looseObject({ sample: z.number(), sampledRequests: z.number(), sampledPerWindow: z.number(), nearSaturationShare: z.number().optional(), availabilityStandardError: z.number() }).optional(),
});

/** A figure estimated over replications: its mean and 95% interval. */
export const estimateSchema = z.looseObject({ mean: z.number(), ci95Low: z.number(), ci95High: z.number() });

/** A fleet configuration's outcome over replications. */
export const fleetOutcomeSchema = z.looseObject({
  replications: z.number(),
  years: z.number(),
  clusters: z.number(),
  outagesPerYear: estimateSchema,
  outageHoursMean: estimateSchema,
  outageHoursMax: estimateSchema,
  rangeShareMax: estimateSchema,
  clustersAffected: estimateSchema,
  timeAtRiskShare: estimateSchema,
});

/**
 * A variant's paired difference against the baseline over replications on the same seeds: the
 * mean difference and its 95% interval (null with fewer than two pairs), and the pairs it is over.
 */
export const pairedDifferenceSchema = z.looseObject({
  mean: z.number().nullable(),
  ci95Low: z.number().nullable(),
  ci95High: z.number().nullable(),
  n: z.number(),
});

/** compare.json's paired differences: the baseline (its first variant) and variant → figure → difference. Absent before relisim wrote them. */
const differencesFields = {
  baseline: z.string().optional(),
  differences: z.record(z.string(), z.record(z.string(), pairedDifferenceSchema)).optional(),
};

/** The reproducibility header every result file starts with. */
export const headerSchema = z.looseObject({
  relisim: z.string(),
  scenario: z.string(),
  hash: z.string(),
  seed: z.number(),
});

const runHeaderSchema = headerSchema.extend({ variant: z.string().nullable().optional() });

/** `summary.json` of `relisim run` on a cluster scenario. */
export const clusterSummarySchema = z.looseObject({ header: runHeaderSchema, outcome: clusterOutcomeSchema });

/** `summary.json` of `relisim run` on a fleet scenario. */
export const fleetSummarySchema = z.looseObject({ header: runHeaderSchema, outcome: fleetOutcomeSchema });

/** `compare.json` of `relisim compare` on a cluster scenario: outcomes by variant, in the order run. */
export const clusterCompareSchema = z.looseObject({ header: headerSchema, variants: z.record(z.string(), clusterOutcomeSchema) });

/** `compare.json` of `relisim compare` on a fleet scenario. */
export const fleetCompareSchema = z.looseObject({ header: headerSchema, variants: z.record(z.string(), fleetOutcomeSchema), ...differencesFields });

/**
 * A headline figure summarized over replications. JSON has no NaN, so a figure undefined in
 * every replication (a latency with no success) is written as null.
 */
export const reportedEstimateSchema = z.looseObject({
  mean: z.number().nullable(),
  std: z.number().nullable(),
  ci95Low: z.number().nullable(),
  ci95High: z.number().nullable(),
});

/** One configuration replicated: how many times, and each headline figure's estimate, in the file's order. */
const replicatedOutcomeSchema = z.looseObject({
  replications: z.number(),
  estimate: z.record(z.string(), reportedEstimateSchema),
});

/**
 * `compare.json` of `relisim compare --replications`, or `replications.json` of `relisim run
 * --replications` (one variant): each variant's headline figures over replications on the same seeds.
 */
export const replicatedSchema = z.looseObject({
  header: headerSchema.extend({ precision: z.number().nullable().optional() }),
  variants: z.record(z.string(), replicatedOutcomeSchema),
  ...differencesFields,
});

/** `sweep.json` of `relisim sweep` (fleet or cluster): the grid's axes and each point's estimates. */
export const sweepSchema = z.looseObject({
  header: headerSchema.extend({ kind: z.enum(["cluster", "fleet"]), replications: z.number() }),
  grid: z.array(z.looseObject({ path: z.string(), values: z.array(z.union([z.string(), z.number(), z.boolean()])) })).min(1),
  points: z.array(replicatedOutcomeSchema.extend({ point: z.record(z.string(), z.unknown()) })),
});

export type ClusterOutcome = z.infer<typeof clusterOutcomeSchema>;
export type LatencyByOp = z.infer<typeof latencyByOp>;
export type FleetOutcome = z.infer<typeof fleetOutcomeSchema>;
export type Estimate = z.infer<typeof estimateSchema>;
export type ResultHeader = z.infer<typeof headerSchema>;
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;
export type FleetSummary = z.infer<typeof fleetSummarySchema>;
export type ClusterCompare = z.infer<typeof clusterCompareSchema>;
export type FleetCompare = z.infer<typeof fleetCompareSchema>;
export type SweepFile = z.infer<typeof sweepSchema>;
export type ReportedEstimate = z.infer<typeof reportedEstimateSchema>;
export type Replicated = z.infer<typeof replicatedSchema>;
export type PairedDifference = z.infer<typeof pairedDifferenceSchema>;
