/**
 * The units figures come in: a count, a rate (per day or year), a share (0..1, shown in %),
 * durations in seconds, hours or milliseconds, and a plain number (a figure not named here).
 */
export type FigureUnit = "count" | "rate" | "share" | "seconds" | "hours" | "ms" | "number";

/** How relisim names a figure everywhere it shows it: terminal tables, CSV headers, the HTML report. */
export interface FigureName {
  /** In words, as the terminal tables and the HTML report say it ("p99 ms client-observed"). */
  readonly label: string;
  readonly unit: FigureUnit;
  /**
   * Its CSV column: snake_case with the unit last (`_s`, `_ms`, `_h`, `_per_year`; fractions
   * `_share`), the same name a per-window or per-episode column of the same figure has.
   */
  readonly column: string;
  /** An interval's upper bound stops here (a share of requests is at most 100%); none when unbounded. */
  readonly max?: number;
}

const share = (label: string, column: string): FigureName => ({ label, unit: "share", column, max: 1 });

/** Names of the breadth dimensions as the reports say them: where an episode was felt, where its fault was. */
export const SEEN_LABELS = { clients: "clients", zones: "client zones", regions: "client regions", tenants: "tenants", ranges: "key ranges" } as const;
export const FAULT_LABELS = { nodes: "server nodes", zones: "server zones", regions: "server regions" } as const;

/**
 * Every figure relisim reports by name — the headline figures of cluster and fleet scenarios
 * (headline-figures.ts), a few beside them, and those of older versions, which results on disk
 * still carry — keyed by the name its JSON uses. The one place a figure's words, unit and CSV
 * column are written; a name not here is shown as it is.
 */
export const FIGURE_NAMES = {
  episodes: { label: "episodes", unit: "count", column: "episodes" },
  blastRadiusMaxRequests: share("worst bad requests", "worst_bad_request_share"),
  // Breadth of the worst episode: where it was felt (seen) and where the fault was (episodes.csv's seen_… and fault_…).
  seenRegionsMax: share(`felt by ${SEEN_LABELS.regions}`, "worst_seen_regions_share"),
  seenZonesMax: share(`felt by ${SEEN_LABELS.zones}`, "worst_seen_zones_share"),
  faultZonesMax: share(`fault in ${FAULT_LABELS.zones}`, "worst_fault_zones_share"),
  recoveryMeanS: { label: "recovery mean", unit: "seconds", column: "recovery_mean_s" },
  recoveryMaxS: { label: "recovery max", unit: "seconds", column: "recovery_max_s" },
  // Successful requests over all: a fraction, named as itself.
  availability: share("availability", "availability"),
  // Client-observed (failures at the time the client gave up), as windows.csv's p50_ms … p999_ms.
  latencyP50Ms: { label: "p50 ms client-observed", unit: "ms", column: "p50_ms" },
  latencyP90Ms: { label: "p90 ms client-observed", unit: "ms", column: "p90_ms" },
  latencyP99Ms: { label: "p99 ms client-observed", unit: "ms", column: "p99_ms" },
  latencyP999Ms: { label: "p99.9 ms client-observed", unit: "ms", column: "p999_ms" },
  successLatencyP99Ms: { label: "p99 ms successes only", unit: "ms", column: "success_p99_ms" },
  // Hedges and retries over first attempts: above 100% when each request is sent more than twice.
  extraLoadShare: { label: "extra load", unit: "share", column: "extra_load_share" },
  outagesPerYear: { label: "quorum losses / year", unit: "rate", column: "quorum_losses_per_year" },
  outageHoursMean: { label: "outage mean", unit: "hours", column: "outage_mean_h" },
  outageHoursMax: { label: "outage max", unit: "hours", column: "outage_max_h" },
  rangeShareMax: share("worst range share", "worst_range_share"),
  clustersAffected: { label: "clusters affected", unit: "count", column: "clusters_affected" },
  timeAtRiskShare: share("time at risk", "time_at_risk_share"),
  nodeFailures: { label: "node failures", unit: "count", column: "node_failures" },
  maintenanceOps: { label: "maintenance ops", unit: "count", column: "maintenance_ops" },
  maintenanceFailures: { label: "maintenance failures", unit: "count", column: "maintenance_failures" },
  hardwareOutagesPerYear: { label: "quorum losses / year, hardware", unit: "rate", column: "hardware_quorum_losses_per_year" },
  maintenanceOutagesPerYear: { label: "quorum losses / year, maintenance", unit: "rate", column: "maintenance_quorum_losses_per_year" },
  badDeployOutagesPerYear: { label: "quorum losses / year, bad deploys", unit: "rate", column: "bad_deploy_quorum_losses_per_year" },
  badDeploys: { label: "bad deploys", unit: "count", column: "bad_deploys" },
  badDeploysDetected: { label: "bad deploys caught by a canary", unit: "count", column: "bad_deploys_detected" },
  // Of an older relisim: a per-day rate even of scripted faults, breadth as a share of key ranges.
  failureFrequencyPerDay: { label: "episodes / day", unit: "rate", column: "episodes_per_day" },
  blastRadiusMaxRanges: share("worst key ranges", "worst_key_range_share"),
} as const satisfies Readonly<Record<string, FigureName>>;

/** A figure relisim names. */
export type FigureKey = keyof typeof FIGURE_NAMES;

/** A figure's name, unit and column; one not named here keeps its own name, as a plain number. */
export function figureName(figure: string): FigureName {
  return (FIGURE_NAMES as Readonly<Record<string, FigureName>>)[figure] ?? { label: figure, unit: "number", column: snakeCase(figure) };
}

/** "queueDepthMax" → "queue_depth_max". */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").toLowerCase();
}
