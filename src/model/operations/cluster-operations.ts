import type { Engine } from "../../engine/engine.js";
import type { Cluster, OperationObserver } from "../cluster/cluster.js";
import type { ClusterConfig } from "../config.js";
import type { ServerNode } from "../server/server-node.js";
import { ClusterAutoscaler } from "./cluster-autoscaler.js";
import { OutlierEjector } from "./ejection.js";
import { preflightCheck } from "./preflight.js";

/**
 * Wires the operations a scenario turns on to a cluster, in one place: outlier ejection (with
 * pre-flight checked replacements), restarts of nodes in a GC death spiral, and autoscaling.
 * The policies themselves are pure (ejection, preflight, gc-death-spiral, autoscaler); region
 * evacuation is the cluster's routing (`Cluster.coordinatorsIn`).
 */
export class ClusterOperations {
  readonly #engine: Engine;
  readonly #cluster: Cluster;
  readonly #config: ClusterConfig;
  readonly #observer: OperationObserver | undefined;
  readonly #ejector: OutlierEjector | undefined;
  /** Nodes out for replacement. */
  readonly #ejected = new Set<number>();

  /** Starts judging outliers (when ejection is on) and restarting spiralling nodes (when detection is on). */
  constructor(engine: Engine, cluster: Cluster, config: ClusterConfig, observer?: OperationObserver) {
    this.#engine = engine;
    this.#cluster = cluster;
    this.#config = config;
    this.#observer = observer;
    if (config.ejection) {
      const ejector = new OutlierEjector(config.ejection);
      this.#ejector = ejector;
      cluster.onReplicaAnswer = (replica, now, latency, ok) => ejector.record(replica, now, latency, ok);
      engine.schedule(config.ejection.every, this.#judgeOutliers);
    }
    if (config.node.deathSpiral) cluster.onDeathSpiral = (node) => this.#restart(node);
  }

  /** Starts the autoscaler (when autoscaling is on); its first look is `every` from now. */
  startAutoscaling(): void {
    const config = this.#config;
    if (config.autoscaling) new ClusterAutoscaler(this.#engine, this.#cluster.nodes, config.autoscaling, config.node.concurrency, this.#observer);
  }

  /** Every `ejection.every`: take the outliers out and put replacements in after `replace`. */
  readonly #judgeOutliers = (): void => {
    const nodes = this.#cluster.nodes;
    const healthy = nodes.filter((n) => n.up && !this.#ejected.has(n.place.index)).map((n) => n.place.index);
    for (const index of this.#ejector!.evaluate(this.#engine.now, healthy, nodes.length)) this.#eject(index);
    this.#engine.schedule(this.#config.ejection!.every, this.#judgeOutliers);
  };

  #eject(index: number): void {
    const cluster = this.#cluster;
    const ejection = this.#config.ejection!;
    const node = cluster.nodes[index];
    const target = `node ${node.place.id}`;
    this.#ejected.add(index);
    this.#observer?.onOperation({ kind: "ejection", target, phase: "detected" });
    cluster.takeOut(index);
    const replace = () => {
      node.replaceHardware();
      // Pre-flight: the replacement's disk must be as fast as expected before it takes traffic.
      const check = preflightCheck({ diskLatencyUs: node.diskFactor, networkLatencyUs: 1 }, { diskLatencyUs: 1, networkLatencyUs: 1 }, ejection.preflightTolerance);
      if (!check.passed) {
        this.#engine.schedule(ejection.replace, replace);
        return;
      }
      this.#ejected.delete(index);
      this.#ejector!.forget(index);
      cluster.recover(index);
      this.#observer?.onOperation({ kind: "ejection", target, phase: "mitigated" });
    };
    this.#engine.schedule(ejection.replace, replace);
  }

  /** A node's GC death-spiral detector tripped: kill it, and restart it with a fresh heap. */
  #restart(node: ServerNode): void {
    const cluster = this.#cluster;
    const target = `node ${node.place.id}`;
    this.#observer?.onOperation({ kind: "gcDeathSpiral", target, phase: "detected" });
    cluster.crash(node.place.index);
    node.gc.clearPushed();
    this.#engine.schedule(this.#config.node.deathSpiral!.restart, () => {
      cluster.recover(node.place.index);
      this.#observer?.onOperation({ kind: "gcDeathSpiral", target, phase: "mitigated" });
    });
  }
}
