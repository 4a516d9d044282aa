import type { Engine } from "../../engine/engine.js";
import type { OperationObserver } from "../cluster/cluster.js";
import type { AutoscalingConfig } from "../config.js";
import { Autoscaler } from "./autoscaler.js";
import type { ServerNode } from "../server/server-node.js";

/**
 * Runs an Autoscaler against the cluster: every `every` µs it measures utilization (slot-time
 * used over slot-time available, up nodes only) and, on a decision, adds or removes that many
 * slots on every node once provisioned, with the configured warm-up. Capacity units are slots
 * per node: scaling a tier of fixed membership up and down (the ring is not rebalanced).
 */
export class ClusterAutoscaler {
  readonly #engine: Engine;
  readonly #nodes: readonly ServerNode[];
  readonly #policy: Autoscaler;
  readonly #config: AutoscalingConfig;
  readonly #observer: OperationObserver | undefined;
  #units: number;
  #lastSlotTime = 0;
  #lastAt = 0;

  constructor(engine: Engine, nodes: readonly ServerNode[], config: AutoscalingConfig, slotsPerNode: number, observer?: OperationObserver) {
    this.#engine = engine;
    this.#nodes = nodes;
    this.#config = config;
    this.#policy = new Autoscaler(config);
    this.#observer = observer;
    this.#units = slotsPerNode;
    engine.schedule(config.every, this.#tick);
  }

  /** Slots per node now online. */
  get units(): number {
    return this.#units;
  }

  readonly #tick = (): void => {
    const now = this.#engine.now;
    const slotTime = this.#nodes.reduce((a, n) => a + n.stats.slotTime, 0);
    const capacity = this.#nodes.reduce((a, n) => a + n.capacity, 0);
    const span = now - this.#lastAt;
    const utilization = capacity > 0 && span > 0 ? (slotTime - this.#lastSlotTime) / (span * capacity) : 0;
    this.#lastSlotTime = slotTime;
    this.#lastAt = now;
    const decision = this.#policy.observe(now, utilization, this.#units);
    if (decision) {
      const target = `${decision.units} slot(s) per node ${decision.kind === "out" ? "added" : "removed"}`;
      this.#observer?.onOperation({ kind: "autoscale", target, phase: "detected" });
      this.#engine.scheduleAt(decision.readyAt, () => {
        for (const node of this.#nodes) {
          if (decision.kind === "out") node.addSlots(decision.units, this.#config.warmup);
          else node.removeSlots(decision.units);
        }
        this.#units += decision.kind === "out" ? decision.units : -decision.units;
        this.#observer?.onOperation({ kind: "autoscale", target, phase: "mitigated" });
      });
    }
    this.#engine.schedule(this.#config.every, this.#tick);
  };
}
