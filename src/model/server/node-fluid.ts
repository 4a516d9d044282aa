import type { Action, Engine } from "../../engine/engine.js";
import { minusLogOneMinus } from "../../engine/distributions/inline-log.js";
import type { Source } from "../../engine/random-streams.js";
import type { Micros } from "../../engine/time.js";
import type { ReplicaWork } from "../request/replica-work.js";
import { erlangC, type FluidLoad, type NodeLoad } from "./fluid-load.js";

/** Offered load at this share of the slots or more counts as near saturation, where the fluid is weakest. */
const NEAR_SATURATION = 0.9;

/** What the node tells its fluid: where it is and what it has now. */
export interface FluidHost {
  readonly place: { readonly zone: number };
  /** Slots now (0 while down). */
  readonly capacity: number;
  /** Slots' worth of service now: `capacity`, less while new slots warm up. */
  readonly serviceCapacity: number;
  readonly diskFactor: number;
}

/**
 * One server node's share of hybrid fidelity's fluid background (see `FluidLoad`): a backlog of
 * work (slot-µs) that grows at the offered rate, drains at the node's slots, stands still in
 * a GC pause and is capped at the queue limit, updated lazily at each sampled arrival. A sampled
 * piece of work waits for the backlog ahead of it to drain, plus, below saturation, an M/G/c
 * wait: with Erlang C's probability an exponential wait of mean E[S] (1 + c_s²) / 2 / (c − a)
 * (Allen–Cunneen). At the cap it is admitted with probability slots / offered (the share the
 * queue takes in), else shed. Work waiting here is frozen by GC and lost in a crash, like queued work.
 */
export class NodeFluid {
  readonly #engine: Engine;
  readonly #load: FluidLoad;
  readonly #host: FluidHost;
  readonly #queueLimit: number;
  readonly #draw: Source;
  readonly #admit: Action<ReplicaWork>;
  readonly #now: NodeLoad = { offered: 0, meanService: 0, scv: 1 };
  #backlog = 0;
  #since: Micros = 0;
  #pausedUntil: Micros = 0;
  /** The node's slots at the last update. */
  #slots = 0;
  /** ∫ busy slots dt and ∫ queued work dt (in pieces of mean service), µs. */
  slotTime = 0;
  queueTime = 0;
  /** Sampled work waiting for the backlog ahead of it; `slot` is its index here. */
  readonly #waiting: ReplicaWork[] = [];
  /** While the node re-delivers a message held at the door in a pause: when it came (else −1). */
  heldSince: Micros = -1;
  /** While a sampled piece that waited is being admitted. */
  #waited = false;

  constructor(engine: Engine, load: FluidLoad, host: FluidHost, queueLimit: number, draw: Source, admit: Action<ReplicaWork>) {
    this.#engine = engine;
    this.#load = load;
    this.#host = host;
    this.#queueLimit = queueLimit;
    this.#draw = draw;
    this.#admit = admit;
  }

  /** Busy slots now, background and sample together. */
  get busy(): number {
    const slots = this.#host.capacity;
    return this.#backlog > 0 ? slots : Math.min(slots, this.#now.offered);
  }

  /**
   * Other work in service when a sampled piece starts (what contention sees): all but one when it
   * waited or a backlog stands (it starts as another ends); else the mean busy of the moments
   * when not all are, (a − C·c)/(1 − C), since a = C·c + (1 − C)·E[busy | not all busy].
   */
  get others(): number {
    const slots = this.#host.capacity;
    if (this.#waited || this.#backlog > 0) return Math.max(0, slots - 1);
    const a = this.#now.offered;
    if (a >= slots) return Math.max(0, slots - 1);
    const c = erlangC(slots, a);
    return Math.min(slots - 1, Math.max(0, (a - c * slots) / (1 - c)));
  }

  /**
   * A sampled piece of work arrives (the node is up and running): returns false when it is shed,
   * else admits it to service now or after its wait.
   */
  arrive(work: ReplicaWork): boolean {
    const now = this.#engine.now;
    const host = this.#host;
    // Work released after a pause came before the backlog that built up behind it.
    const came = this.heldSince >= 0 ? this.heldSince : now;
    this.#load.arrived(host.place.zone, work.round.op, came);
    this.#advance(now);
    const load = this.#now;
    const slots = host.capacity;
    const ahead = Math.max(0, this.#backlog - load.offered * (now - came));
    if (came < now) {
      if (ahead >= this.#cap()) return false;
    } else if (this.#backlog >= this.#cap() && load.offered > 0 && this.#draw() >= slots / load.offered) {
      return false;
    }
    let wait = ahead / slots;
    if (load.offered < slots && this.#draw() < erlangC(slots, load.offered)) {
      wait += (minusLogOneMinus(this.#draw()) * load.meanService * (1 + load.scv)) / 2 / (slots - load.offered);
    }
    const delay = Math.round(wait);
    if (delay < 1) {
      this.#admit(work);
      return true;
    }
    work.slot = this.#waiting.length;
    this.#waiting.push(work);
    work.timer = this.#engine.scheduleUnchecked(delay, this.#release, work);
    work.endsAt = now + delay;
    return true;
  }

  readonly #release = (work: ReplicaWork): void => {
    this.#remove(work);
    this.#waited = true;
    this.#admit(work);
    this.#waited = false;
  };

  #remove(work: ReplicaWork): void {
    const last = this.#waiting.pop()!;
    if (last !== work) {
      this.#waiting[work.slot] = last;
      last.slot = work.slot;
    }
    work.slot = -1;
  }

  /** The backlog's cap: a full queue of pieces of mean service, plus the work in service. */
  #cap(): number {
    return (this.#queueLimit + this.#host.capacity) * this.#now.meanService;
  }

  /**
   * Brings the backlog up to `now` with the load as it is now, on the node's `slots` (as it was,
   * when it just went down). Warming slots serve slower (the node divides each service by its
   * speed), and contention stretches each service by (1 + κ × others in service): by 1 + κ(c − 1)
   * for work in a backlog, which starts as another piece ends (so a full queue drains at the
   * saturated rate, what keeps a collapsed node collapsed), and without one by the mean, solving
   * a = a₀(1 + κa) (PASTA). Work that comes during a pause joins the backlog at the saturated rate.
   */
  #advance(now: Micros, slots = this.#host.capacity): void {
    const host = this.#host;
    this.#slots = slots;
    const load = this.#load.at(host.place.zone, now, host.diskFactor, this.#now);
    const service = host.serviceCapacity;
    const slow = service > 0 && service < slots ? slots / service : 1;
    const plain = load.offered * slow;
    const k = this.#load.contention;
    const saturated = 1 + k * Math.max(0, slots - 1);
    const free = k === 0 ? 1 : k * plain < 1 && plain / (1 - k * plain) <= slots ? 1 / (1 - k * plain) : saturated;
    const inBacklog = plain * saturated;
    const dt = now - this.#since;
    if (dt > 0) {
      const paused = Math.max(0, Math.min(now, this.#pausedUntil) - this.#since);
      const running = dt - paused;
      const queuedBefore = this.#backlog;
      // Work in service stays in its slot through a pause, frozen.
      const busyBefore = queuedBefore > 0 ? slots : Math.min(slots, plain * free);
      let b = queuedBefore + inBacklog * paused;
      if (b > 0 || plain * free > slots) b = Math.max(0, b + (inBacklog - slots) * running);
      this.#backlog = Math.min(b, (this.#queueLimit + slots) * load.meanService * slow * saturated);
      this.slotTime += busyBefore * dt;
      this.#load.account(dt, plain * free >= NEAR_SATURATION * slots);
      // The queue as it stood (work that comes in a pause waits at the door, not in the queue).
      if (load.meanService > 0) this.queueTime += (queuedBefore / (load.meanService * slow * saturated)) * dt;
      this.#since = now;
    }
    const stretch = slow * (this.#backlog > 0 ? saturated : free);
    load.offered *= stretch;
    load.meanService *= stretch;
  }

  /** A GC pause of `length` begins: the backlog stops draining, and waiting work waits longer. */
  pauseStarted(length: Micros): void {
    const now = this.#engine.now;
    this.#advance(now);
    this.#pausedUntil = now + length;
    for (const work of this.#waiting) {
      this.#engine.cancel(work.timer);
      work.endsAt += length;
      work.timer = this.#engine.scheduleAt(work.endsAt, this.#release, work);
    }
  }

  /** The node crashed: the backlog and the waiting sampled work are lost. */
  crash(): void {
    this.#advance(this.#engine.now, this.#slots);
    for (const work of this.#waiting) {
      this.#engine.cancel(work.timer);
      work.slot = -1;
    }
    this.#waiting.length = 0;
    this.#backlog = 0;
    this.#load.nodeDown(this.#host.place.zone);
  }

  /** The node runs again, empty. */
  recover(): void {
    this.#since = this.#engine.now;
    this.#load.nodeUp(this.#host.place.zone);
  }
}
