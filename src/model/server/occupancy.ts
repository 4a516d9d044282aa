import type { Micros } from "../../engine/time.js";

/** A node's occupancy integrals and service starts up to some moment (see `Occupancy`). */
export interface OccupancyTotals {
  /** ∫ work in service dt, µs: slot-time used. */
  readonly slotTime: Micros;
  /** ∫ work waiting in the queue dt, µs. */
  readonly queueTime: Micros;
  /** ∫ slots offered dt, µs (none while down): capacity-time. */
  readonly capacityTime: Micros;
  /** Work that began service. */
  readonly started: number;
  /** Of that, work that waited in the queue first. */
  readonly waited: number;
}

/**
 * The time integrals of one server node's occupancy (work in service, work queued, slots
 * offered) and its service starts: what utilisation, queue length and the probability of
 * waiting per window are computed from. The node calls `account` just before any of the three
 * counts changes, so each stretch is counted with the counts that held during it. Pure
 * bookkeeping at event times: it schedules nothing and draws nothing.
 */
export class Occupancy {
  #slotTime = 0;
  #queueTime = 0;
  #capacityTime = 0;
  #since = 0;
  started = 0;
  waited = 0;

  /** Counts the stretch since the last call with the counts that held during it. */
  account(now: Micros, inService: number, queued: number, capacity: number): void {
    const dt = now - this.#since;
    if (dt === 0) return;
    this.#slotTime += inService * dt;
    this.#queueTime += queued * dt;
    this.#capacityTime += capacity * dt;
    this.#since = now;
  }

  /** The totals up to `now`, the open stretch included, given the counts that hold now. */
  totals(now: Micros, inService: number, queued: number, capacity: number): OccupancyTotals {
    const dt = now - this.#since;
    return {
      slotTime: this.#slotTime + inService * dt,
      queueTime: this.#queueTime + queued * dt,
      capacityTime: this.#capacityTime + capacity * dt,
      started: this.started,
      waited: this.waited,
    };
  }
}
