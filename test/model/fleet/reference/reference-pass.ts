import { Priority, type Engine } from "../../../../src/engine/engine.js";
import type { Source } from "../../../../src/engine/random-streams.js";
import { MICROS_PER_DAY, type Micros } from "../../../../src/engine/time.js";
import { OutageCause, type ChangeStream } from "../../../../src/model/fleet/change-streams.js";
import type { MaintenanceStrategy } from "../../../../src/model/fleet/fleet-config.js";

/** What a rolling pass needs of its cluster. */
export interface PassHost {
  readonly nodeCount: number;
  readonly nodesDown: number;
  takeDown(node: number, cause: OutageCause): void;
  bringUp(node: number, cause: OutageCause): void;
  /** µs `node` is down for one step of `strategy` that goes right. */
  stepDowntime(node: number, strategy: MaintenanceStrategy): Micros;
  /** µs to fill `node` with its whole state by streaming. */
  fullStreamTime(node: number): Micros;
}

/** The random streams of one pass: when the first pass starts, which steps go wrong, which changes are bad. */
export interface PassSources {
  readonly start: Source;
  readonly mishaps: Source;
  readonly bad?: Source;
}

/**
 * One stream of changes rolling through one cluster, one node at a time: a pass every
 * `everyDays` days (the first at a random offset in the first period). A step that takes a node
 * down waits until no node of the cluster is down (`resume` is called when none is). A
 * `noDowntime` step takes nothing down and never waits. With `badDeploys`, each pass's change
 * is bad with its share; its canary is the pass's first node (see BadDeploys).
 */
export class RollingPass {
  ops = 0;
  failures = 0;
  badDeploys = 0;
  badDetected = 0;

  readonly #engine: Engine;
  readonly #host: PassHost;
  readonly #stream: ChangeStream;
  readonly #sources: PassSources;
  #passNode = 0;
  #passStart = 0;
  #waiting = false;
  /** The current pass's change is bad (its canary step not yet taken). */
  #bad = false;
  /** The current pass stops after the step in progress. */
  #stopped = false;

  constructor(engine: Engine, host: PassHost, stream: ChangeStream, sources: PassSources) {
    this.#engine = engine;
    this.#host = host;
    this.#stream = stream;
    this.#sources = sources;
  }

  /** Schedules the first pass at a random offset in the first period. */
  start(): void {
    this.#engine.schedule(Math.floor(this.#sources.start() * changePeriod(this.#stream)), onStartPass, this);
  }

  /** No node of the cluster is down now: a step that waited for that goes on after the pause. */
  resume(): void {
    if (!this.#waiting) return;
    this.#waiting = false;
    this.#engine.schedule(this.#stream.pauseBetweenNodes, onTryStep, this);
  }

  startPass(): void {
    this.#passNode = 0;
    this.#passStart = this.#engine.now;
    this.#stopped = false;
    const bad = this.#stream.badDeploys;
    this.#bad = bad !== undefined && this.#sources.bad!() < bad.share;
    if (this.#bad) this.badDeploys++;
    this.tryStep();
  }

  /** Steps the pass's next node if it may; at the end of the pass, schedules the next one. */
  tryStep(): void {
    const s = this.#stream;
    if (this.#stopped || this.#passNode >= this.#host.nodeCount) {
      // Past every duration a run can have, a pass never starts: held to a time the engine can hold.
      const next = Math.min(Math.max(this.#passStart + changePeriod(s), this.#engine.now), Number.MAX_SAFE_INTEGER);
      this.#engine.scheduleAt(next, onStartPass, this);
      return;
    }
    const node = this.#passNode;
    if (s.strategy === "noDowntime") {
      this.ops++;
      if (this.#bad) this.#canary(node);
      this.#passNode = node + 1;
      this.#engine.schedule(s.pauseBetweenNodes, onTryStep, this);
      return;
    }
    if (this.#host.nodesDown > 0) {
      this.#waiting = true;
      return;
    }
    const mishap = this.#sources.mishaps() < s.failureChance;
    this.ops++;
    if (mishap) this.failures++;
    this.#host.takeDown(node, OutageCause.maintenance);
    if (this.#bad) this.#canary(node);
    const downtime = mishap ? this.#host.fullStreamTime(node) : this.#host.stepDowntime(node, s.strategy);
    this.#engine.schedule(Math.min(downtime, Number.MAX_SAFE_INTEGER - this.#engine.now), onEndStep, this, Priority.HIGH);
  }

  endStep(): void {
    const node = this.#passNode;
    this.#passNode = node + 1;
    this.#host.bringUp(node, OutageCause.maintenance);
    this.#engine.schedule(this.#stream.pauseBetweenNodes, onTryStep, this);
  }

  /** A bad change reaches its canary `node`: detected (the node down until then) or not (the cluster down after). */
  #canary(node: number): void {
    const bad = this.#stream.badDeploys!;
    this.#bad = false;
    this.#stopped = true;
    if (this.#sources.bad!() < bad.canaryDetects) {
      this.badDetected++;
      this.#host.takeDown(node, OutageCause.badDeploy);
      this.#engine.schedule(bad.detectAfter, onRolledBack, { pass: this, node }, Priority.HIGH);
    } else {
      this.#engine.schedule(bad.detectAfter, onEverywhere, this);
    }
  }

  rolledBack(node: number): void {
    this.#host.bringUp(node, OutageCause.badDeploy);
  }

  /** An undetected bad change reached every node: the cluster is down for `undetectedOutage`. */
  everywhere(): void {
    for (let node = 0; node < this.#host.nodeCount; node++) this.#host.takeDown(node, OutageCause.badDeploy);
    this.#engine.schedule(this.#stream.badDeploys!.undetectedOutage, onClusterRolledBack, this, Priority.HIGH);
  }

  clusterRolledBack(): void {
    for (let node = 0; node < this.#host.nodeCount; node++) this.#host.bringUp(node, OutageCause.badDeploy);
  }
}

// Module-level actions with the pass as argument: no closures per cluster, one call site per kind.
function onStartPass(pass: RollingPass): void {
  pass.startPass();
}
function onTryStep(pass: RollingPass): void {
  pass.tryStep();
}
function onEndStep(pass: RollingPass): void {
  pass.endStep();
}
function onRolledBack(ref: { pass: RollingPass; node: number }): void {
  ref.pass.rolledBack(ref.node);
}
function onEverywhere(pass: RollingPass): void {
  pass.everywhere();
}
function onClusterRolledBack(pass: RollingPass): void {
  pass.clusterRolledBack();
}

/** µs between the starts of two passes of a change stream. */
export function changePeriod(s: Pick<ChangeStream, "everyDays">): Micros {
  return Math.max(1, Math.round(s.everyDays * MICROS_PER_DAY));
}
