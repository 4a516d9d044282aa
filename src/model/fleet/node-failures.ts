import { Priority, type Engine } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import { AleaStates } from "./alea-states.js";
import { MICROS_PER_YEAR } from "./fleet-config.js";
import type { FleetState } from "./fleet-state.js";
import type { RebuildTimes } from "./rebuild-times.js";

/**
 * Independent node failures over a whole fleet: each node fails after an exponential uptime
 * drawn from its own stream `fleet/<c>/<node>/failures`, is down for its repair time, and runs
 * again. Events carry the node id (cluster · nodes + node), not an object.
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
  readonly #onFailure = (id: number) => this.#fail(id);
  readonly #onRepaired = (id: number) => this.#repaired(id);

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
  }

  /** Schedules the first failure of each node of cluster `c` (none when nodes never fail). */
  start(c: number): void {
    if (this.#random.count === 0) return;
    for (let id = c * this.#nodes; id < (c + 1) * this.#nodes; id++) this.#engine.schedule(this.#draw(id), this.#onFailure, id);
  }

  /** Node `id` fails now: down for its repair time. */
  fail(id: number): void {
    this.#fail(id);
  }

  #fail(id: number): void {
    this.count++;
    const c = Math.floor(id / this.#nodes);
    this.#state.takeDown(c, id - c * this.#nodes);
    // Ups go before downs at the same instant, so a repair and a failure never overlap by 0 µs.
    // A repair longer than any run (a trickle of bandwidth) ends at the last time the engine can hold.
    const now = this.#engine.now;
    this.#engine.schedule(Math.min(this.#times.repairTime(id, now), Number.MAX_SAFE_INTEGER - now), this.#onRepaired, id, Priority.HIGH);
  }

  /** Node `id`'s repair ends now: it runs until its next failure. */
  #repaired(id: number): void {
    const c = Math.floor(id / this.#nodes);
    this.#state.bringUp(c, id - c * this.#nodes);
    this.#engine.schedule(this.#draw(id), this.#onFailure, id);
  }

  /** An exponential uptime (inverse transform, as the exponential sampler draws it), whole µs. */
  #draw(id: number): Micros {
    // A rare node's uptime can pass every duration a run can have (and 2^53 µs): it never fails then.
    return Math.min(Math.round(-Math.log1p(-this.#random.next(id)) * this.#meanUptime), Number.MAX_SAFE_INTEGER - this.#engine.now);
  }
}
