import { SimulationError } from "../simulation-error.js";
import { assertMicros, type Micros } from "../../engine/time.js";

/** Parameters of {@link Autoscaler}; times are whole µs, capacities whole units. */
export interface AutoscalerConfig {
  /** What the observed value is (a label for reports): either way, high means scale out. */
  readonly metric: "utilization" | "latency";
  /** Scale out once the metric has stayed above this for `detection`. */
  readonly scaleOutAbove: number;
  /** Scale in once the metric has stayed below this for `detection` (< `scaleOutAbove`). */
  readonly scaleInBelow: number;
  /** How long the metric must stay past a threshold before the autoscaler acts. */
  readonly detection: Micros;
  /** From a scale-out decision to its capacity being online. */
  readonly provisioning: Micros;
  /** New capacity starts slow and reaches full speed linearly over this (see `warmupFactor`). */
  readonly warmup: Micros;
  /** No new decision within this after one. */
  readonly cooldown: Micros;
  /** Capacity units added or removed per decision (≥ 1). */
  readonly step: number;
  /** Fewest units the autoscaler scales in to (≥ 0). */
  readonly min: number;
  /** Most units, counting those being provisioned, the autoscaler scales out to (≥ `min`). */
  readonly max: number;
}

/** A scaling decision: `units` added (out) or removed (in), online or gone at `readyAt` µs. */
export interface ScaleDecision {
  readonly kind: "out" | "in";
  readonly units: number;
  readonly readyAt: Micros;
}

/**
 * A threshold autoscaler fed periodic observations, with no clock of its own. It scales out by
 * `step` once the metric has been above `scaleOutAbove` at every observation for at least
 * `detection` (from the first observation of the run to the current one), and scales in likewise
 * below `scaleInBelow`; it never decides within `cooldown` of its last decision, though it keeps
 * watching meanwhile, so a condition that outlasts the cooldown acts as soon as it ends (as a
 * CloudWatch alarm left in ALARM does). Added units are online at `now + provisioning` and count
 * towards `max` while pending; removed units go at once, never below `min` nor more than are
 * online. A cooldown shorter than `provisioning + warmup` lets it decide again before its last
 * capacity is at full speed: the overshoot real autoscalers show.
 */
export class Autoscaler {
  /** The validated parameters (the caller applies `warmup` to the units it brings online). */
  readonly config: AutoscalerConfig;
  #aboveSince: Micros | undefined;
  #belowSince: Micros | undefined;
  #inFlight: Array<{ units: number; readyAt: Micros }> = [];
  #pending = 0;
  #decisions = 0;
  #lastDecisionAt: Micros | undefined;
  #lastObservedAt = 0;

  constructor(config: AutoscalerConfig) {
    validate(config);
    this.config = { ...config };
  }

  /**
   * Observes the metric `value` and the online `capacity` (whole units, including units that came
   * online at or before `now`) at `now` µs, which never goes back; a decision, or undefined.
   */
  observe(now: Micros, value: number, capacity: number): ScaleDecision | undefined {
    assertMicros(now, "autoscaler: now");
    if (now < this.#lastObservedAt) throw new SimulationError(`time went back from ${this.#lastObservedAt} to ${now}`, "autoscaler", now);
    if (!Number.isFinite(value)) throw new RangeError(`autoscaler: metric value must be finite, got ${value}`);
    if (!Number.isSafeInteger(capacity) || capacity < 0) throw new RangeError(`autoscaler: capacity must be a whole number >= 0, got ${capacity}`);
    this.#lastObservedAt = now;
    this.#settle(now);
    const { scaleOutAbove, scaleInBelow, detection, cooldown } = this.config;
    this.#aboveSince = value > scaleOutAbove ? (this.#aboveSince ?? now) : undefined;
    this.#belowSince = value < scaleInBelow ? (this.#belowSince ?? now) : undefined;
    if (this.#lastDecisionAt !== undefined && now < this.#lastDecisionAt + cooldown) return undefined;
    if (this.#aboveSince !== undefined && now - this.#aboveSince >= detection) return this.#scaleOut(now, capacity);
    if (this.#belowSince !== undefined && now - this.#belowSince >= detection) return this.#scaleIn(now, capacity);
    return undefined;
  }

  /** Units decided on but not yet online, as of the last observation. */
  get pending(): number {
    return this.#pending;
  }

  /** Decisions made so far. */
  get decisions(): number {
    return this.#decisions;
  }

  /** When the last decision was made (µs), or undefined before the first. */
  get lastDecisionAt(): Micros | undefined {
    return this.#lastDecisionAt;
  }

  #scaleOut(now: Micros, capacity: number): ScaleDecision | undefined {
    const units = Math.min(this.config.step, this.config.max - capacity - this.#pending);
    if (units <= 0) return undefined;
    const readyAt = now + this.config.provisioning;
    this.#inFlight.push({ units, readyAt });
    this.#pending += units;
    return this.#decide(now, { kind: "out", units, readyAt });
  }

  #scaleIn(now: Micros, capacity: number): ScaleDecision | undefined {
    const units = Math.min(this.config.step, capacity + this.#pending - this.config.min, capacity);
    if (units <= 0) return undefined;
    return this.#decide(now, { kind: "in", units, readyAt: now });
  }

  #decide(now: Micros, decision: ScaleDecision): ScaleDecision {
    this.#decisions++;
    this.#lastDecisionAt = now;
    return decision;
  }

  /** Drops provisions that are online by `now`. */
  #settle(now: Micros): void {
    if (this.#inFlight.length === 0 || this.#inFlight[0].readyAt > now) return;
    // Every provision takes the same time, so the list is in order of readiness.
    let i = 0;
    while (i < this.#inFlight.length && this.#inFlight[i].readyAt <= now) this.#pending -= this.#inFlight[i++].units;
    this.#inFlight.splice(0, i);
  }
}

function validate(c: AutoscalerConfig): void {
  if (c.metric !== "utilization" && c.metric !== "latency") throw new RangeError(`autoscaler: metric must be utilization or latency, got ${c.metric}`);
  if (!(Number.isFinite(c.scaleOutAbove) && Number.isFinite(c.scaleInBelow) && c.scaleInBelow < c.scaleOutAbove)) {
    throw new RangeError(`autoscaler: need finite scaleInBelow < scaleOutAbove, got ${c.scaleInBelow} and ${c.scaleOutAbove}`);
  }
  for (const key of ["detection", "provisioning", "warmup", "cooldown"] as const) assertMicros(c[key], `autoscaler: ${key}`);
  if (!Number.isSafeInteger(c.step) || c.step < 1) throw new RangeError(`autoscaler: step must be a whole number >= 1, got ${c.step}`);
  if (!Number.isSafeInteger(c.min) || c.min < 0) throw new RangeError(`autoscaler: min must be a whole number >= 0, got ${c.min}`);
  if (!Number.isSafeInteger(c.max) || c.max < c.min) throw new RangeError(`autoscaler: max must be a whole number >= min (${c.min}), got ${c.max}`);
}
