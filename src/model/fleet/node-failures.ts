import { Priority, type Engine, type TimerId } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import { AleaStates } from "./alea-states.js";
import { MICROS_PER_YEAR } from "./fleet-config.js";
import type { FleetState } from "./fleet-state.js";
import type { RebuildTimes } from "./rebuild-times.js";

const NEVER = Number.POSITIVE_INFINITY;

/**
 * Independent node failures over a whole fleet: each node fails after an exponential uptime
 * drawn from its own stream `fleet/<c>/<node>/failures`, is down for its repair time, and runs
 * again.
 *
 * Each node has one hardware event due at a time (its next failure, or the end of its repair),
 * kept per node id (cluster · nodes + node) in a typed array; the engine holds only each
 * cluster's earliest, one pending event per cluster instead of one per node, so the queue stays
 * small at 100,000 clusters. Among a cluster's events due at the same µs, repairs go first (as
 * their higher priority orders them on the engine), then the lower node.
 */
export class NodeFailures {
  /** Failures so far, over the fleet. */
  count = 0;

  readonly #engine: Engine;
  readonly #state: FleetState;
  readonly #times: RebuildTimes;
  readonly #nodes: number;
  readonly #meanUptime: number;
  /** One stream per node id; none when nodes never fail. */
  readonly #random: AleaStates;
  /** Per node id, when its next hardware event is due (NEVER before `start`). */
  readonly #due: Float64Array;
  /** Per node id, 1 when that event is the end of a repair. */
  readonly #repairing: Uint8Array;
  /** Per cluster, its pending event on the engine (0: none). */
  readonly #timer: Float64Array;
  readonly #onDue = (c: number) => this.#fire(c);

  constructor(engine: Engine, state: FleetState, times: RebuildTimes, failuresPerNodeYear: number, seed: number) {
    this.#engine = engine;
    this.#state = state;
    this.#times = times;
    const { clusters, nodes } = state.rings;
    this.#nodes = nodes;
    this.#meanUptime = MICROS_PER_YEAR / failuresPerNodeYear;
    this.#random = new AleaStates(failuresPerNodeYear > 0 ? clusters * nodes : 0);
    for (let c = 0; c < this.#random.count / nodes; c++) {
      for (let node = 0; node < nodes; node++) this.#random.seed(c * nodes + node, seed, `fleet/${c}/${node}/failures`);
    }
    this.#due = new Float64Array(clusters * nodes).fill(NEVER);
    this.#repairing = new Uint8Array(clusters * nodes);
    this.#timer = new Float64Array(clusters);
  }

  /** Draws the first failure of each node of cluster `c` (none when nodes never fail) and schedules the earliest. */
  start(c: number): void {
    if (this.#random.count === 0) return;
    for (let id = c * this.#nodes; id < (c + 1) * this.#nodes; id++) this.#due[id] = this.#engine.now + this.#draw(id);
    this.#schedule(c);
  }

  /** Node `id` fails now, whenever its own failure is due: down for its repair time. */
  fail(id: number): void {
    const c = Math.floor(id / this.#nodes);
    const timer = this.#timer[c];
    if (timer !== 0) this.#engine.cancel(timer);
    this.#fail(c, id);
    this.#schedule(c);
  }

  /** Cluster `c`'s earliest hardware event is due now. */
  #fire(c: number): void {
    this.#timer[c] = 0;
    const id = this.#earliest(c);
    if (this.#repairing[id] === 1) this.#repaired(c, id);
    else this.#fail(c, id);
    this.#schedule(c);
  }

  #fail(c: number, id: number): void {
    this.count++;
    this.#state.takeDown(c, id - c * this.#nodes);
    // A repair longer than any run (a trickle of bandwidth) ends at the last time the engine can hold.
    const now = this.#engine.now;
    this.#due[id] = now + Math.min(this.#times.repairTime(id, now), Number.MAX_SAFE_INTEGER - now);
    this.#repairing[id] = 1;
  }

  /** Node `id`'s repair ends now: it runs until its next failure. */
  #repaired(c: number, id: number): void {
    this.#state.bringUp(c, id - c * this.#nodes);
    this.#due[id] = this.#engine.now + this.#draw(id);
    this.#repairing[id] = 0;
  }

  /** Schedules cluster `c`'s earliest hardware event; a repair at HIGH priority, so ups go before downs at one instant. */
  #schedule(c: number): void {
    const id = this.#earliest(c);
    if (this.#due[id] === NEVER) return;
    const priority = this.#repairing[id] === 1 ? Priority.HIGH : Priority.NORMAL;
    this.#timer[c] = this.#engine.scheduleAt(this.#due[id], this.#onDue, c, priority);
  }

  /** The node id of cluster `c` whose hardware event comes first: the earliest, a repair before a failure, then the lower node. */
  #earliest(c: number): number {
    const due = this.#due;
    const repairing = this.#repairing;
    let best = c * this.#nodes;
    for (let id = best + 1; id < (c + 1) * this.#nodes; id++) {
      if (due[id] < due[best] || (due[id] === due[best] && repairing[id] > repairing[best])) best = id;
    }
    return best;
  }

  /** An exponential uptime (inverse transform, as the exponential sampler draws it), whole µs. */
  #draw(id: number): Micros {
    // A rare node's uptime can pass every duration a run can have (and 2^53 µs): it never fails then.
    return Math.min(Math.round(-Math.log1p(-this.#random.next(id)) * this.#meanUptime), Number.MAX_SAFE_INTEGER - this.#engine.now);
  }
}
