import type { DistributionSpec } from "../../engine/distribution-spec.js";
import type { Micros } from "../../engine/time.js";

/**
 * Application servers in every zone of the clients' regions: each request spends its own CPU time
 * (`service`) on one of its region's servers before the store is called. A region's servers are
 * one pool behind a balancer (a shared queue).
 */
export interface AppTierConfig {
  /** Servers per zone at the start. */
  readonly perZone: number;
  /** Requests one server works on at once. */
  readonly concurrency: number;
  /** The server's own time per request, µs. */
  readonly service: DistributionSpec;
  /** Requests waiting per server beyond that; more are shed. */
  readonly queueLimit: number;
  /** From a decision (autoscaling, pre-injection) to new servers serving, µs. */
  readonly provisioning: Micros;
  /** Reserved: servers kept on top of perZone (a share of it), never scaled in; preInject: see AppTierHeadroom. */
  readonly headroom: AppTierHeadroom;
  /** Adds or removes servers per region as its utilization demands. Absent: fixed. */
  readonly autoscaling?: AppTierAutoscaling;
}

export interface AppTierHeadroom {
  /** Extra servers per zone, as a share of perZone (rounded up), running from the start. */
  readonly reserved: number;
  /**
   * When a region's evacuation is decided, each surviving region orders servers for its share of
   * the evacuated region's servers at once (serving after `provisioning`), before any load moves.
   */
  readonly preInject: boolean;
}

/** The app tier's autoscaler: servers per region (see operations/autoscaler for the policy). */
export interface AppTierAutoscaling {
  readonly scaleOutAbove: number;
  readonly scaleInBelow: number;
  /** How often each region's utilization is measured, µs. */
  readonly every: Micros;
  readonly detection: Micros;
  readonly cooldown: Micros;
  /** Servers added or removed per decision. */
  readonly step: number;
  /** Most servers per region. */
  readonly max: number;
}
