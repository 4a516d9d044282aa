import type { Action, Engine } from "../../engine/engine.js";
import type { RandomStreams } from "../../engine/random-streams.js";
import type { Micros } from "../../engine/time.js";
import type { NodeConfig, PauseConfig } from "../config.js";
import type { ReplicaWork, WorkServer } from "../request/replica-work.js";
import { Outcome } from "../request/codes.js";
import { GcDeathSpiralDetector } from "../operations/gc-death-spiral.js";
import { warmupFactor } from "../operations/warmup.js";
import { Limiter } from "../limit/limiter.js";
import { makeLimit } from "../limit/make-limit.js";
import { PriorityShedding } from "../limit/priority-shedding.js";
import { PauseGate, StopTheWorldPauses, type Pausable } from "../gc-pauses.js";
import type { NodePlace } from "../topology.js";
import { Occupancy, type OccupancyTotals } from "./occupancy.js";
import type { FluidLoad } from "./fluid-load.js";
import { NodeFluid } from "./node-fluid.js";
import { ActiveFaults, anyOf, product } from "./active-faults.js";
import { ServiceDraws } from "./service-draws.js";

/** Where a node sends replica answers: the cluster routes them back to the coordinator. */
export interface AnswerRoute {
  sendAnswer(from: ServerNode, work: ReplicaWork): void;
  /** The node's GC death-spiral detector tripped: the cluster restarts it. */
  deathSpiral?(node: ServerNode): void;
}

/**
 * A storage server: `concurrency` slots, a bounded FIFO queue (overflow is shed), service time =
 * CPU cost of the op + a disk latency (× a degradation factor), and stop-the-world GC pauses
 * during which nothing on the node moves: service is frozen, messages wait at the door.
 * A crashed node drops everything it holds and everything sent to it.
 */
/** A service's end: one action for all nodes (the work knows its node), not a cold closure of each node's. */
const SERVICE_ENDED: Action<ReplicaWork> = (work) => work.server!.serviceEnded(work);

export class ServerNode implements Pausable, WorkServer {
  // Fields in the order a piece of work reads them (V8 lays them out so): at 768 nodes the node is
  // cold at each of its messages, and the hot ones fill 3 cache lines instead of 7.
  /** Down while any crash holds it. */
  #downCount = 0;
  /** `gc.paused`, kept here as well: every message reads it, and the node is in cache already. */
  #paused = false;
  readonly #engine: Engine;
  #concurrency: number;
  #inService: ReplicaWork[] = [];
  #queue: Array<ReplicaWork | undefined> = [];
  #queueHead = 0;
  /** Entries of `#queue` a tied copy's cancel took off (skipped when reached). */
  #cancelledInQueue = 0;
  readonly #queueLimit: number;
  /** Slot-time used, queue-time, capacity-time: for utilisation, queue length and waiting. */
  readonly #occupancy = new Occupancy();
  readonly #draws: ServiceDraws;
  #diskFactor = 1;
  #errorShare = 0;
  /** Slots added recently, warming up: they serve slower until `#warmUntil` (cold caches, JIT). */
  #warmSlots = 0;
  readonly #contention: number;
  readonly #limiter: Limiter | undefined;
  /** Hybrid fidelity's background load on this node; absent when every request is simulated. */
  readonly #fluid: NodeFluid | undefined;
  readonly #route: AnswerRoute;
  #served = 0;
  #busyTime = 0;
  #busySince = 0;
  /** A replica's share of a request arrives (already through `deliver`). */
  readonly receiveWork = (work: ReplicaWork): void => this.#receiveWork(work);
  readonly place: NodePlace;
  /** Peers treat it as down (set after the failure detector's delay). */
  knownDown = false;
  /** Counts the node's lives: a crash starts a new one, which remembers nothing of the last. */
  incarnation = 0;

  #shed = 0;
  /** Disk degradations and error shares acting now, and their combined effect (read per service). */
  readonly #diskFaults = new ActiveFaults(product);
  readonly #errorFaults = new ActiveFaults(anyOf);
  /** GC storms and other faults (packet loss on its zone) acting on it now. */
  #faultHolds = 0;
  /** How many times it went down or a fault began to act on it: a change shows impairment within a window. */
  #impairments = 0;
  #warmFrom = 0;
  #warmFor = 0;
  readonly gc: StopTheWorldPauses;
  /** Which share of the limit each attempt may fill, by criticality; absent: the whole limit. */
  readonly priority: PriorityShedding | undefined;
  readonly #spiral: GcDeathSpiralDetector | undefined;
  #lastPauseEnd = 0;
  /** Messages that reached the node while it was paused. */
  readonly #held = new PauseGate();

  constructor(engine: Engine, place: NodePlace, config: NodeConfig, streams: RandomStreams, route: AnswerRoute, fluid?: FluidLoad) {
    this.#engine = engine;
    this.place = place;
    this.#route = route;
    this.#concurrency = config.concurrency;
    this.#queueLimit = config.queueLimit;
    const name = `node/${place.id}`;
    this.#draws = new ServiceDraws(config, streams, name);
    this.gc = new StopTheWorldPauses(engine, this, config.gc, streams.stream(`${name}/gc/interval`), streams.stream(`${name}/gc/pause`));
    this.#limiter = config.limit ? new Limiter(makeLimit(config.limit, () => ({ node: place.id, random: streams.stream(`${name}/limit`) }))) : undefined;
    this.priority = this.#limiter && config.priorityShedding ? new PriorityShedding(config.priorityShedding) : undefined;
    this.#contention = config.contention;
    this.#spiral = config.deathSpiral
      ? new GcDeathSpiralDetector({ threshold: config.deathSpiral.threshold, runtimeWeight: config.deathSpiral.runtimeWeight })
      : undefined;
    this.#fluid = fluid && new NodeFluid(engine, fluid, this, config.queueLimit, streams.stream(`${name}/fluid`), (work) => this.#startService(work));
    this.gc.start();
  }

  get up(): boolean {
    return this.#downCount === 0;
  }

  /** Down, or a fault acting on it now: a degraded disk, injected errors, a GC storm, packet loss. */
  get impaired(): boolean {
    return this.#downCount > 0 || this.#diskFactor !== 1 || this.#errorShare > 0 || this.#faultHolds > 0;
  }

  /** Counts each time it went down or a fault began to act on it (see `impaired`). */
  get impairments(): number {
    return this.#impairments;
  }

  /** A fault acting on the node from outside its own state (packet loss on its zone) begins; `releaseFault` ends it. */
  holdFault(): void {
    this.#faultHolds++;
    this.#impairments++;
  }

  releaseFault(): void {
    if (this.#faultHolds > 0) this.#faultHolds--;
  }

  /** Work waiting in the queue. */
  get #queued(): number {
    return this.#queue.length - this.#queueHead - this.#cancelledInQueue;
  }

  get inFlight(): number {
    return this.#inService.length + this.#queued;
  }

  /** Counts so far; `slotTime`, `queueTime` and `capacityTime` are integrals up to now (see `Occupancy`). */
  get stats(): { served: number; shed: number; busyTime: Micros } & OccupancyTotals {
    const now = this.#engine.now;
    const open = this.#inService.length > 0 ? now - this.#busySince : 0;
    const occupancy = this.#occupancy.totals(now, this.#inService.length, this.#queued, this.capacity);
    const fluid = this.#fluid;
    const totals = fluid ? { ...occupancy, slotTime: fluid.slotTime, queueTime: fluid.queueTime } : occupancy;
    return { served: this.#served, shed: this.#shed, busyTime: this.#busyTime + open, ...totals };
  }

  /** Requests this node can serve at once (0 while down). */
  get capacity(): number {
    return this.#downCount > 0 ? 0 : this.#concurrency;
  }

  /** Slots' worth of service now: `capacity`, less while new slots warm up. */
  get serviceCapacity(): number { return this.#warmSlots > 0 ? this.capacity * this.#speed(this.#engine.now) : this.capacity; }

  /** Accounts occupancy up to now; call before the number in service, queued or offered changes. */
  #account(): void {
    this.#occupancy.account(this.#engine.now, this.#inService.length, this.#queued, this.capacity);
  }

  /** Runs `action(message)` now if the node runs, after the pause if paused, never if down: every message comes through here. */
  deliver<T>(action: Action<T>, message: T): void {
    if (this.#downCount > 0) return;
    if (this.#paused) this.#held.hold(action, message, this.#engine.now);
    else action(message);
  }

  /** `deliver(receiveWork, work)`, reading the node's own closure only when the work waits out a pause. */
  deliverWork(work: ReplicaWork): void {
    if (this.#downCount > 0) return;
    if (this.#paused) this.#held.hold(this.receiveWork, work, this.#engine.now);
    else this.#receiveWork(work);
  }

  #receiveWork(work: ReplicaWork): void {
    const tie = work.tie;
    if (tie !== undefined && !tie.arrive(work, this.#cancelTied)) return;
    if (this.#limiter) {
      const attempt = work.round.request;
      if (!(this.priority ? this.priority.tryAcquire(this.#limiter, attempt.namespace, attempt.kind) : this.#limiter.tryAcquire())) {
        // Over the limit: shed at once, with a signal the client can act on (back off, go elsewhere).
        this.#shed++;
        work.answer = Outcome.SHED;
        this.#route.sendAnswer(this, work);
        return;
      }
      work.arrivedAt = this.#engine.now;
    }
    if (this.#fluid) {
      // Hybrid fidelity: the fluid background decides the wait; the sample takes no slot from it.
      if (!this.#fluid.arrive(work)) this.#shedWork(work);
    } else if (this.#inService.length < this.#concurrency) {
      this.#startService(work);
    } else if (this.#queued < this.#queueLimit) {
      this.#account();
      work.queued = true;
      this.#queue.push(work);
    } else {
      this.#shedWork(work);
    }
  }

  #shedWork(work: ReplicaWork): void {
    this.#shed++;
    this.#limiter?.release({ rtt: 1, dropped: true, now: this.#engine.now });
    work.answer = Outcome.SHED;
    this.#route.sendAnswer(this, work);
  }

  /** Slots the node has, up or down (autoscaling and streaming peers change it). */
  get slots(): number {
    return this.#concurrency;
  }

  /** The concurrency limit now (slots when no limiter is configured). */
  get limit(): number {
    return this.#limiter ? this.#limiter.limit : this.#concurrency;
  }

  #startService(work: ReplicaWork): void {
    const now = this.#engine.now;
    this.#account();
    this.#occupancy.started++;
    if (this.#inService.length === 0) this.#busySince = now;
    const op = work.round.op;
    const page = work.page;
    let service: number;
    if (page === undefined) {
      service = this.#draws.cpu(op) + this.#draws.diskTime(op) * this.#diskFactor;
    } else {
      service = page.serve(this.#pageRoundTrip, (this.#inService.length + this.#queued) / this.#concurrency);
    }
    if (this.#warmSlots > 0) service /= this.#speed(now);
    // Contention: each piece of work in service slows the others (locks, caches, CPU).
    if (this.#contention > 0) service *= 1 + this.#contention * (this.#fluid ? this.#fluid.others : this.#inService.length);
    const duration = service > 1 ? Math.round(service) : 1;
    work.endsAt = now + duration;
    work.slot = this.#inService.length;
    this.#inService.push(work);
    work.server = this;
    work.timer = this.#engine.scheduleUnchecked(duration, SERVICE_ENDED, work);
    work.tie?.start(work);
  }

  /** A tied copy's cancel reaches the node: a copy still queued is taken off the queue and dropped. */
  readonly #cancelTied = (work: ReplicaWork): void => this.deliver(this.#takeOffQueue, work);

  readonly #takeOffQueue = (work: ReplicaWork): void => {
    if (!work.queued) return; // started (duplicated work), or lost in a crash
    this.#account();
    work.queued = false;
    work.cancelled = true;
    this.#cancelledInQueue++;
    this.#limiter?.abandon();
    this.#skipCancelled();
    work.tie!.cancelled(work);
  };

  /** Drops cancelled entries at the head of the queue, so the head is always live work. */
  #skipCancelled(): void {
    while (this.#queueHead < this.#queue.length && this.#queue[this.#queueHead]!.cancelled) {
      this.#queue[this.#queueHead++] = undefined;
      this.#cancelledInQueue--;
    }
    if (this.#queueHead === this.#queue.length) this.#queue.length = this.#queueHead = 0;
  }

  /** One storage round trip of a GetItems page: a GET's CPU and one disk access. */
  readonly #pageRoundTrip = (): number => this.#draws.cpu(0) + this.#draws.disk() * this.#diskFactor;

  /** A piece of work's service time is over (through SERVICE_ENDED; not for other callers). */
  serviceEnded(work: ReplicaWork): void {
    this.#removeFromService(work);
    this.#served++;
    this.#limiter?.release({ rtt: Math.max(1, this.#engine.now - work.arrivedAt), dropped: false, now: this.#engine.now });
    work.answer = this.#errorShare > 0 && this.#draws.error() < this.#errorShare ? Outcome.FAILED : Outcome.OK;
    this.#route.sendAnswer(this, work);
    if (this.#queueHead < this.#queue.length) this.#startService(this.#dequeue());
  }

  /** Takes the oldest queued work off the queue (occupancy already accounted up to now). */
  #dequeue(): ReplicaWork {
    const next = this.#queue[this.#queueHead]!;
    this.#queue[this.#queueHead++] = undefined;
    next.queued = false;
    if (this.#cancelledInQueue > 0) this.#skipCancelled();
    else if (this.#queueHead === this.#queue.length) this.#queue.length = this.#queueHead = 0;
    this.#occupancy.waited++;
    return next;
  }

  #removeFromService(work: ReplicaWork): void {
    this.#account();
    const list = this.#inService;
    const last = list.pop()!;
    if (last !== work) {
      list[work.slot] = last;
      last.slot = work.slot;
    }
    work.slot = -1;
    if (list.length === 0) this.#busyTime += this.#engine.now - this.#busySince;
  }

  /**
   * Adds `slots` of capacity (autoscaling), warming up over `warmup` µs: while warming, the node's
   * average speed is (old slots + new slots × warmupFactor) / all slots. Queued work starts at once.
   */
  addSlots(slots: number, warmup: Micros): void {
    const now = this.#engine.now;
    this.#account();
    this.#warmSlots = slots;
    this.#warmFrom = now;
    this.#warmFor = warmup;
    this.#concurrency += slots;
    while (this.#inService.length < this.#concurrency && this.#queueHead < this.#queue.length && this.#downCount === 0) {
      this.#startService(this.#dequeue());
    }
  }

  /** Removes `slots` of capacity (never below one); work in service finishes. */
  removeSlots(slots: number): void {
    this.#account();
    this.#concurrency = Math.max(1, this.#concurrency - slots);
  }

  /** Average speed over all slots while new ones warm up (1 when none are warming). */
  #speed(now: Micros): number {
    const f = warmupFactor(now, this.#warmFrom, this.#warmFor);
    if (f >= 1) {
      this.#warmSlots = 0;
      return 1;
    }
    return (this.#concurrency - this.#warmSlots + this.#warmSlots * f) / this.#concurrency;
  }

  /** GC began: every service in progress is frozen for `length` µs. */
  pauseStarted(length: Micros): void {
    this.#paused = true;
    if (this.#spiral) {
      const now = this.#engine.now;
      this.#spiral.onRun(now, Math.max(0, now - this.#lastPauseEnd));
      this.#spiral.onPause(now + length, length);
    }
    this.#fluid?.pauseStarted(length);
    for (const work of this.#inService) {
      this.#engine.cancel(work.timer);
      work.endsAt += length;
      work.timer = this.#engine.scheduleAt(work.endsAt, SERVICE_ENDED, work);
    }
  }

  /** GC ended: messages that waited at the door are handled in arrival order. */
  pauseEnded(): void {
    this.#paused = false;
    this.#lastPauseEnd = this.#engine.now;
    if (this.#spiral?.tripped()) {
      // A death spiral: kill the process and restart it, instead of letting it limp.
      this.#spiral.reset();
      this.#route.deathSpiral?.(this);
    }
    this.#held.release(this.#redeliver);
  }

  readonly #redeliver = (action: Action, message: unknown, at: number): void => {
    if (this.#fluid) this.#fluid.heldSince = at; // hybrid fidelity: held work is ahead of the backlog behind it
    this.deliver(action, message);
    if (this.#fluid) this.#fluid.heldSince = -1;
  };

  /** The process dies: work in service and in the queue is lost; so is everything sent to it. */
  crash(): void {
    this.#impairments++;
    this.#account();
    if (this.#downCount++ > 0) return;
    this.incarnation++;
    for (const work of this.#inService) this.#engine.cancel(work.timer);
    if (this.#limiter) {
      const held = this.#inService.length + this.#queued;
      for (let i = 0; i < held; i++) this.#limiter.abandon();
    }
    if (this.#inService.length > 0) this.#busyTime += this.#engine.now - this.#busySince;
    this.#inService = [];
    for (let i = this.#queueHead; i < this.#queue.length; i++) this.#queue[i]!.queued = false;
    this.#queue = [];
    this.#queueHead = 0;
    this.#cancelledInQueue = 0;
    this.#held.clear();
    this.#fluid?.crash();
    this.gc.stop();
  }

  /** One crash is over; the node runs again when none holds it. */
  recover(): void {
    if (this.#downCount === 0) return;
    this.#account();
    if (--this.#downCount > 0) return;
    this.#lastPauseEnd = this.#engine.now;
    this.#fluid?.recover();
    this.gc.start();
  }

  /** Disk latency is multiplied by `factor` until `restoreDisk(factor)`. */
  degradeDisk(factor: number): void {
    this.#impairments++;
    this.#diskFactor = this.#diskFaults.add(factor);
  }

  restoreDisk(factor: number): void {
    this.#diskFactor = this.#diskFaults.remove(factor);
  }

  /** New hardware for the node (ejection and replacement): degradations and errors are gone. */
  replaceHardware(): void {
    this.#diskFactor = this.#diskFaults.clear();
    this.#errorShare = this.#errorFaults.clear();
    this.gc.clearPushed();
  }

  /** The disk-latency multiplier the node suffers now (1 when healthy). */
  get diskFactor(): number {
    return this.#diskFactor;
  }

  /** The node answers a further `share` of requests with errors, until `stopErrors(share)`. */
  startErrors(share: number): void {
    this.#impairments++;
    this.#errorShare = this.#errorFaults.add(share);
  }

  stopErrors(share: number): void {
    this.#errorShare = this.#errorFaults.remove(share);
  }

  /** A GC storm: `config` replaces the GC schedule until `endGcStorm(config)`. */
  startGcStorm(config: PauseConfig): void {
    this.holdFault();
    this.gc.push(config);
  }

  endGcStorm(config: PauseConfig): void {
    this.releaseFault();
    this.gc.pop(config);
  }
}
