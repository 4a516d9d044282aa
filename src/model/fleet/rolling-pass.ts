import { Priority, type Engine } from "../../engine/engine.js";
import { MICROS_PER_DAY, type Micros } from "../../engine/time.js";
import { ALEA_WORDS, aleaNext, aleaSeed } from "../../engine/alea.js";
import { AleaStates } from "./alea-states.js";
import { OutageCause, type ChangeStream } from "./change-streams.js";
import type { FleetState } from "./fleet-state.js";
import type { RebuildTimes } from "./rebuild-times.js";

/** A cluster's record, one 64-byte cache line: its pass's node, start and flags, then its mishaps stream. */
const RECORD = 8;
const PASS_NODE = 0;
const PASS_START = 1;
const FLAGS = 2;
const MISHAPS = RECORD - ALEA_WORDS;

const WAITING = 1;
/** The current pass's change is bad (its canary step not yet taken). */
const BAD = 2;
/** The current pass stops after the step in progress. */
const STOPPED = 4;

/**
 * One stream of changes rolling through every cluster of a fleet, one node at a time: a pass
 * every `everyDays` days (the first at a random offset in the first period). A step that takes a
 * node down waits until no node of its cluster is down (`resume` is called when none is). A
 * `noDowntime` step takes nothing down and never waits. With `badDeploys`, each pass's change is
 * bad with its share; its canary is the pass's first node (see BadDeploys).
 *
 * Per cluster it keeps the pass's node, start, flags and mishaps stream in one record; events carry the cluster
 * index (or the node id, cluster · nodes + node). Streams, per cluster c and with `name` e.g.
 * `fleet/<c>/maintenance`: `<name>/start`, `<name>/mishaps`, and `<name>/bad` with bad deploys.
 */
export class RollingPasses {
  ops = 0;
  failures = 0;
  badDeploys = 0;
  badDetected = 0;

  readonly #engine: Engine;
  readonly #state: FleetState;
  readonly #times: RebuildTimes;
  readonly #stream: ChangeStream;
  /** µs between the starts of two passes. */
  readonly #period: Micros;
  readonly #seed: number;
  readonly #name: (c: number) => string;
  readonly #nodes: number;
  /** Per cluster, RECORD words (see above). */
  readonly #record: Float64Array;
  /** Per cluster, its bad-deploys stream (none without bad deploys). */
  readonly #bad: AleaStates;
  /** The `start` stream of the cluster being started: drawn once, so not kept per cluster. */
  readonly #first = new AleaStates(1);
  readonly #onStartPass = (c: number) => this.#startPass(c);
  readonly #onTryStep = (c: number) => this.#tryStep(c);
  readonly #onEndStep = (c: number) => this.#endStep(c);
  readonly #onRolledBack = (id: number) => this.#rolledBack(id);
  readonly #onEverywhere = (c: number) => this.#everywhere(c);
  readonly #onClusterRolledBack = (c: number) => this.#clusterRolledBack(c);

  /** `name(c)` is cluster c's stream prefix, e.g. `fleet/<c>/changes/processes`. */
  constructor(engine: Engine, state: FleetState, times: RebuildTimes, stream: ChangeStream, seed: number, name: (c: number) => string) {
    this.#engine = engine;
    this.#state = state;
    this.#times = times;
    this.#stream = stream;
    this.#period = changePeriod(stream);
    this.#seed = seed;
    this.#name = name;
    const { clusters, nodes } = state.rings;
    this.#nodes = nodes;
    this.#record = new Float64Array(clusters * RECORD);
    this.#bad = new AleaStates(stream.badDeploys !== undefined ? clusters : 0);
    for (let c = 0; c < clusters; c++) {
      const prefix = name(c);
      aleaSeed(this.#record, c * RECORD + MISHAPS, seed, `${prefix}/mishaps`);
      if (stream.badDeploys !== undefined) this.#bad.seed(c, seed, `${prefix}/bad`);
    }
  }

  /** Schedules cluster `c`'s first pass at a random offset in the first period (from its `start` stream, drawn once). */
  start(c: number): void {
    const first = this.#first;
    first.seed(0, this.#seed, `${this.#name(c)}/start`);
    this.#engine.schedule(Math.floor(first.next(0) * this.#period), this.#onStartPass, c);
  }

  /** No node of cluster `c` is down now: a step that waited for that goes on after the pause. */
  resume(c: number): void {
    const r = this.#record;
    const at = c * RECORD;
    if ((r[at + FLAGS] & WAITING) === 0) return;
    r[at + FLAGS] &= ~WAITING;
    this.#engine.schedule(this.#stream.pauseBetweenNodes, this.#onTryStep, c);
  }

  #startPass(c: number): void {
    const r = this.#record;
    const at = c * RECORD;
    r[at + PASS_NODE] = 0;
    r[at + PASS_START] = this.#engine.now;
    const bad = this.#stream.badDeploys;
    const isBad = bad !== undefined && this.#bad.next(c) < bad.share;
    r[at + FLAGS] = (r[at + FLAGS] & WAITING) | (isBad ? BAD : 0);
    if (isBad) this.badDeploys++;
    this.#tryStep(c);
  }

  /** Steps the pass's next node of cluster `c` if it may; at the end of the pass, schedules the next one. */
  #tryStep(c: number): void {
    const r = this.#record;
    const at = c * RECORD;
    const s = this.#stream;
    const engine = this.#engine;
    const node = r[at + PASS_NODE];
    if ((r[at + FLAGS] & STOPPED) !== 0 || node >= this.#nodes) {
      // Past every duration a run can have, a pass never starts: held to a time the engine can hold.
      const next = Math.min(Math.max(r[at + PASS_START] + this.#period, engine.now), Number.MAX_SAFE_INTEGER);
      engine.scheduleAt(next, this.#onStartPass, c);
      return;
    }
    if (s.strategy === "noDowntime") {
      this.ops++;
      if ((r[at + FLAGS] & BAD) !== 0) this.#canary(c, node);
      r[at + PASS_NODE] = node + 1;
      engine.schedule(s.pauseBetweenNodes, this.#onTryStep, c);
      return;
    }
    if (this.#state.nodesDown(c) > 0) {
      r[at + FLAGS] |= WAITING;
      return;
    }
    const mishap = aleaNext(r, at + MISHAPS) < s.failureChance;
    this.ops++;
    if (mishap) this.failures++;
    this.#state.takeDown(c, node, OutageCause.maintenance);
    if ((r[at + FLAGS] & BAD) !== 0) this.#canary(c, node);
    const id = c * this.#nodes + node;
    const downtime = mishap ? this.#times.fullStreamTime(id) : this.#times.stepDowntime(id, s.strategy);
    engine.schedule(Math.min(downtime, Number.MAX_SAFE_INTEGER - engine.now), this.#onEndStep, c, Priority.HIGH);
  }

  #endStep(c: number): void {
    const r = this.#record;
    const at = c * RECORD;
    const node = r[at + PASS_NODE];
    r[at + PASS_NODE] = node + 1;
    this.#state.bringUp(c, node, OutageCause.maintenance);
    this.#engine.schedule(this.#stream.pauseBetweenNodes, this.#onTryStep, c);
  }

  /** A bad change reaches its canary `node`: detected (the node down until then) or not (the cluster down after). */
  #canary(c: number, node: number): void {
    const r = this.#record;
    const at = c * RECORD;
    const bad = this.#stream.badDeploys!;
    r[at + FLAGS] = (r[at + FLAGS] & ~BAD) | STOPPED;
    if (this.#bad.next(c) < bad.canaryDetects) {
      this.badDetected++;
      this.#state.takeDown(c, node, OutageCause.badDeploy);
      this.#engine.schedule(bad.detectAfter, this.#onRolledBack, c * this.#nodes + node, Priority.HIGH);
    } else {
      this.#engine.schedule(bad.detectAfter, this.#onEverywhere, c);
    }
  }

  #rolledBack(id: number): void {
    const c = Math.floor(id / this.#nodes);
    this.#state.bringUp(c, id - c * this.#nodes, OutageCause.badDeploy);
  }

  /** An undetected bad change reached every node: the cluster is down for `undetectedOutage`. */
  #everywhere(c: number): void {
    for (let node = 0; node < this.#nodes; node++) this.#state.takeDown(c, node, OutageCause.badDeploy);
    this.#engine.schedule(this.#stream.badDeploys!.undetectedOutage, this.#onClusterRolledBack, c, Priority.HIGH);
  }

  #clusterRolledBack(c: number): void {
    for (let node = 0; node < this.#nodes; node++) this.#state.bringUp(c, node, OutageCause.badDeploy);
  }
}

/** µs between the starts of two passes of a change stream. */
export function changePeriod(s: Pick<ChangeStream, "everyDays">): Micros {
  return Math.max(1, Math.round(s.everyDays * MICROS_PER_DAY));
}
