import type { Action, Engine } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import type { ApiRuntime } from "../api/api-runtime.js";
import { WriteBehindQueue } from "../api/write-behind-queue.js";
import type { RandomStreams } from "../../engine/random-streams.js";
import type { ClusterConfig, ConsistencyLevel } from "../config.js";
import { requiredGroups } from "./consistency.js";
import { CoordinatorRound, type RoundHost } from "./coordinator-round.js";
import { TargetList } from "./target-list.js";
import { Network } from "../network/network.js";
import { PoolRound } from "./pool-round.js";
import { ReplicaWork } from "../request/replica-work.js";
import { type Request } from "../request/request.js";
import { OpCode, Outcome } from "../request/codes.js";
import { ServerNode, type AnswerRoute } from "../server/server-node.js";
import type { FluidLoad } from "../server/fluid-load.js";
import { TokenRing } from "../ring/token-ring.js";
import type { Topology } from "../topology.js";
import { AttemptErrors } from "../faults/attempt-errors.js";
import { CONFLICT, outcomeOfClass } from "../request/error-class.js";
import { NamespacePlacements } from "./namespace-placements.js";
import { GroupTable, layGroups, replicasAt } from "./group-table.js";
import { NearestTargets } from "./nearest-targets.js";
import type { KeyVersions } from "./key-versions.js";

/** Bytes of a request or answer that carries no value (keys, headers). */
const HEADER_BYTES = 128;

/** Told when an operation (here: region evacuation) detects a problem or acts on it. */
export interface OperationObserver {
  onOperation(event: { readonly kind: string; readonly target: string; readonly phase: "detected" | "mitigated" }): void;
}

/** Where the cluster sends a request's answer: the client that issued it, in its zone. */
export interface ClientDirectory {
  zoneOf(client: number): number;
  inboxOf(client: number): Action<Request>;
}

/**
 * The storage cluster: server nodes on a token ring, the network between them, and the
 * coordinator logic every node runs: forward a request to the replicas of its key's range and
 * answer once the consistency level is met.
 */
export class Cluster implements RoundHost, AnswerRoute {
  readonly topology: Topology;
  readonly ring: TokenRing;
  readonly network: Network;
  readonly nodes: readonly ServerNode[];
  /** Each node's zone, by node index: one array every client's balancer reads (read-only). */
  readonly nodeZone: Int32Array;
  readonly #nodeRegion: Int32Array;
  /** 1 for each node known down (its `knownDown`, flat: read for every replica of every request). */
  readonly #down: Uint8Array;
  /** Error faults that fail attempts at their coordinators (none acting: no draw). */
  readonly attemptErrors: AttemptErrors;
  readonly #engine: Engine;
  readonly #config: ClusterConfig;
  readonly #levels: readonly ConsistencyLevel[];
  #clients: ClientDirectory | undefined;
  /**
   * Nodes clients may send requests to, per region: those not yet detected down. A client learns
   * of a crash the way peers do, after the failure detector's delay; until then its requests to
   * the dead node go unanswered.
   */
  #upInRegion: number[][];
  /** Per region: its clients' traffic has moved to the other regions; and the pending move. */
  readonly #evacuated: boolean[];
  readonly #evacuationTimer: number[];
  #upElsewhere: number[][];
  /** True while no node is known down (every #refreshUp recomputes it). */
  #noneKnownDown = true;
  readonly #operations: OperationObserver | undefined;
  /** The groups a consistency level needs and the replicas, per (placement, read or write, coordinator region, range). */
  #groups: GroupTable;
  readonly #regions: number;
  readonly #ranges: number;
  /** Namespaces kept in a subset of regions (absent: every namespace in every region). */
  #placements: NamespacePlacements | undefined;
  // What a message does on arrival, one action per kind for every node: the node is read from the
  // message (a request's coordinator, a work's replica, an answer's round's coordinator), where a
  // closure per node was one more cold object per message at hundreds of nodes.
  readonly #acceptRequest: Action<Request>;
  readonly #acceptWork: Action<ReplicaWork>;
  readonly #acceptAnswer: Action<ReplicaWork>;
  /** Picks a read's targets, nearest first. */
  readonly #nearest: NearestTargets;
  /** Scratch list of targets, filled and read within one `#coordinate`. */
  readonly #targets = new TargetList();
  /** Versioned rows for compare-and-set (set once when the world is built); absent: no namespace has them. */
  versions: KeyVersions | undefined;
  /** Told of every replica's answer to a coordinator (outlier ejection times the replicas). */
  onReplicaAnswer: ((replica: number, now: Micros, latency: Micros, ok: boolean) => void) | undefined;
  /** Told when a region's evacuation is decided (its traffic moves `evacuation.after` later). */
  onEvacuationDecided: ((region: number) => void) | undefined;
  /** Told when a node's GC death-spiral detector trips (the operation restarts it). */
  onDeathSpiral: ((node: ServerNode) => void) | undefined;
  /** Pending failure-detection timer per node (0: none). */
  readonly #detection: number[];
  /** The API's write ledger and time-series settings; absent: writes are not followed. */
  #api: ApiRuntime | undefined;
  /** The coordinators' in-memory queues of time-series events (enqueued, fire-and-forget). */
  #writeBehind: WriteBehindQueue | undefined;
  /** Rounds of events written from a queue: no client waits; a write the replicas refused goes back in the queue. */
  readonly #fromQueue: RoundHost = {
    sendWork: (round, work) => this.sendWork(round, work),
    reply: (round, outcome) => {
      if (outcome !== Outcome.OK) this.#writeBehind!.hold(round.request, round.coordinator);
    },
  };

  constructor(engine: Engine, topology: Topology, config: ClusterConfig, streams: RandomStreams, operations?: OperationObserver, fluid?: FluidLoad) {
    this.#engine = engine;
    this.#config = config;
    this.topology = topology;
    this.ring = new TokenRing(topology, config.vnodes, streams.stream("cluster/tokens"));
    this.network = new Network(engine, topology, config.network, streams);
    this.nodes = topology.nodes.map((place) => new ServerNode(engine, place, config.node, streams, this, fluid));
    this.nodeZone = Int32Array.from(topology.nodes, (place) => place.zone);
    this.#nodeRegion = Int32Array.from(topology.nodes, (place) => place.region);
    this.#down = new Uint8Array(topology.nodes.length);
    this.attemptErrors = new AttemptErrors(streams, topology.nodes.map((place) => place.id));
    this.#levels = [config.consistency.read, config.consistency.write];
    this.#upInRegion = topology.nodesInRegion.map((nodes) => [...nodes]);
    this.#upElsewhere = topology.regionNames.map((_, r) => topology.nodes.filter((n) => n.region !== r).map((n) => n.index));
    this.#evacuated = topology.regionNames.map(() => false);
    this.#evacuationTimer = topology.regionNames.map(() => 0);
    this.#operations = operations;
    this.#detection = topology.nodes.map(() => 0);
    this.#regions = topology.regionNames.length;
    this.#ranges = this.ring.rangeCount;
    const maxReplicas = this.ring.replicas.reduce((most, r) => Math.max(most, r.length), 0);
    this.#groups = new GroupTable(2 * this.#regions * this.#ranges, this.#regions, maxReplicas);
    this.#nearest = new NearestTargets(this.nodeZone, this.#nodeRegion, maxReplicas);
    const coordinate = (request: Request) => this.#coordinate(request);
    // A coordinator that crashed since the round began has forgotten it: late answers are dropped.
    const answered = (work: ReplicaWork) => {
      if (work.round.incarnation !== this.nodes[work.round.coordinator].incarnation) return;
      if (this.onReplicaAnswer !== undefined && work.replica !== work.round.coordinator) {
        this.onReplicaAnswer(work.replica, engine.now, engine.now - work.sentAt, work.answer === Outcome.OK);
      }
      work.round.answered(work);
    };
    const nodes = this.nodes;
    this.#acceptRequest = (request: Request) => nodes[request.coordinator].deliver(coordinate, request);
    this.#acceptWork = (work: ReplicaWork) => nodes[work.replica].deliverWork(work);
    this.#acceptAnswer = (work: ReplicaWork) => nodes[work.round.coordinator].deliver(answered, work);
  }

  /** Connects the API's state (write ledger, time-series queues); called once when the world is built. */
  attachApi(api: ApiRuntime): void {
    this.#api = api;
    if (api.buffered) {
      const flushInterval = api.timeSeries!.flushInterval;
      this.#writeBehind = new WriteBehindQueue(this.#engine, this.nodes.length, flushInterval, (request, node) =>
        this.nodes[node].deliver(this.#writeHeld, request),
      );
    }
  }

  /** Events lost in coordinators' queues when they crashed. */
  get lostInQueues(): number {
    return this.#writeBehind?.lostOnCrash ?? 0;
  }

  /** Connects the clients that receive answers; called once when the world is built. */
  attachClients(clients: ClientDirectory): void {
    this.#clients = clients;
  }

  /**
   * Nodes a client in region `region` may use as coordinator (not known to be down): its own
   * region's, or, once the region has been evacuated, the other regions'.
   */
  coordinatorsIn(region: number): readonly number[] {
    return this.#evacuated[region] ? this.#upElsewhere[region] : this.#upInRegion[region];
  }

  /** Whether region `region`'s clients' traffic has moved to the other regions. */
  isEvacuated(region: number): boolean {
    return this.#evacuated[region];
  }

  /**
   * Sends `request` from a client in zone `fromZone` to node `coordinator`, which coordinates it
   * across the replicas (or, in pool mode, serves it itself).
   */
  submit(request: Request, fromZone: number, coordinator: number): void {
    request.coordinator = coordinator;
    const bytes = request.op === OpCode.PUT ? HEADER_BYTES + request.bytes : HEADER_BYTES;
    this.network.send(fromZone, this.nodeZone[coordinator], bytes, this.#acceptRequest, request);
  }

  /** Keeps each namespace's keys in the regions it lists (indices; undefined: all); once, before any request. */
  placeNamespaces(regions: readonly (readonly number[] | undefined)[]): void {
    const placements = new NamespacePlacements(this.ring, this.topology.regionNames.length, regions);
    if (placements.count === 1) return;
    this.#placements = placements;
    this.#groups = new GroupTable(placements.count * 2 * this.#regions * this.#ranges, this.#regions, this.#groups.maxReplicas);
  }

  /** Coordinators for a request of `namespace` from a client in `region` (see `NamespacePlacements.coordinators`). */
  coordinatorsFor(region: number, namespace: number): readonly number[] {
    const p = this.#placementOf(namespace);
    return p === 0 ? this.coordinatorsIn(region) : this.#placements!.coordinators(p, region, this.#upInRegion, this.#evacuated[region]);
  }

  /** The replicas of a request's key: of its range, in the regions its namespace lives in. */
  replicasOf(namespace: number, range: number): readonly number[] {
    return this.#placements === undefined ? this.ring.replicas[range] : this.#placements.replicas(this.#placementOf(namespace), range);
  }

  #placementOf(namespace: number): number {
    return this.#placements === undefined ? 0 : this.#placements.ofNamespace[namespace];
  }

  /** Whether node `node` holds a replica of range `range` (in any region). */
  isReplica(range: number, node: number): boolean {
    return this.ring.replicas[range].includes(node);
  }

  /** Crashes node `index`; peers notice after the failure detector's delay. */
  crash(index: number): void {
    const node = this.nodes[index];
    const wasUp = node.up;
    node.crash();
    if (!wasUp) return;
    this.#writeBehind?.drop(index);
    this.#refreshUp();
    this.#detection[index] = this.#engine.schedule(this.#config.failureDetection, this.#markDown, index);
  }

  /**
   * Announces node `index` down before it stops (a planned shutdown): peers and clients stop
   * sending it new work at once, without waiting for failure detection; work in flight finishes.
   */
  drain(index: number): void {
    const node = this.nodes[index];
    if (!node.up || node.knownDown) return;
    node.knownDown = true;
    this.#refreshUp();
  }

  readonly #markDown = (index: number): void => {
    this.#detection[index] = 0;
    this.nodes[index].knownDown = true;
    this.#refreshUp();
  };

  /** Ends one crash of node `index`; when it is up again, peers learn it at once (gossip). */
  recover(index: number): void {
    const node = this.nodes[index];
    node.recover();
    if (!node.up) return;
    // A crash healed before it was detected must not be detected later.
    this.#engine.cancel(this.#detection[index]);
    this.#detection[index] = 0;
    node.knownDown = false;
    this.#refreshUp();
  }

  #refreshUp(): void {
    const live = (n: number) => !this.nodes[n].knownDown;
    this.#noneKnownDown = this.nodes.every((n) => !n.knownDown);
    for (const n of this.nodes) this.#down[n.place.index] = n.knownDown ? 1 : 0;
    this.#upInRegion = this.topology.nodesInRegion.map((nodes) => nodes.filter(live));
    this.#upElsewhere = this.topology.regionNames.map((_, r) => this.topology.nodes.filter((n) => n.region !== r && live(n.index)).map((n) => n.index));
    const evacuation = this.#config.evacuation;
    if (!evacuation) return;
    this.#upInRegion.forEach((up, r) => {
      const name = this.topology.regionNames[r];
      if (up.length === 0 && !this.#evacuated[r] && this.#evacuationTimer[r] === 0) {
        this.#operations?.onOperation({ kind: "evacuation", target: `region ${name}`, phase: "detected" });
        this.onEvacuationDecided?.(r);
        this.#evacuationTimer[r] = this.#engine.schedule(evacuation.after, () => {
          this.#evacuationTimer[r] = 0;
          this.#evacuated[r] = true;
          this.#operations?.onOperation({ kind: "evacuation", target: `region ${name}`, phase: "mitigated" });
        });
      } else if (up.length > 0) {
        // The region is back: its traffic returns at once; a pending move is called off.
        this.#engine.cancel(this.#evacuationTimer[r]);
        this.#evacuationTimer[r] = 0;
        this.#evacuated[r] = false;
      }
    });
  }

  #coordinate(request: Request): void {
    const coordinator = request.coordinator;
    const node = this.nodes[coordinator];
    const error = this.attemptErrors.draw(coordinator);
    if (error >= 0) {
      request.errorClass = error;
      this.#replyTo(request, coordinator, outcomeOfClass(error));
      return;
    }
    if (this.#config.mode === "pool") {
      // A plain pool: the node the client reached serves the request itself.
      if (this.#conflicts(request, coordinator)) return;
      node.receiveWork(new ReplicaWork(new PoolRound(request, coordinator, node.incarnation, this), coordinator));
      return;
    }
    const write = request.op === OpCode.PUT ? 1 : 0;
    if (write && this.#writeBehind !== undefined && this.#api!.isTimeSeries[request.namespace] === 1) {
      // Enqueued: acknowledged once in the coordinator's memory, written at a later flush.
      this.#replyTo(request, coordinator, Outcome.OK);
      this.#writeBehind.hold(request, coordinator);
      return;
    }
    const at = this.#groupsAt(request, coordinator, write);
    const groups = this.#groups.words;
    if (!this.#canMeet(groups, at, coordinator)) {
      this.#replyTo(request, coordinator, Outcome.UNAVAILABLE);
      return;
    }
    if (this.#conflicts(request, coordinator)) return;
    const round = new CoordinatorRound(request, coordinator, node.incarnation, groups, at, this);
    round.dispatch(write ? this.#liveReplicas(groups, at, coordinator) : this.#nearest.fill(groups, at, coordinator, this.#down, request.id, this.#targets));
  }

  /** A versioned key's read or write takes effect; a conditional write that lost its race is refused (true). */
  #conflicts(request: Request, coordinator: number): boolean {
    if (this.versions === undefined || !this.versions.conflicts(request)) return false;
    request.errorClass = CONFLICT;
    this.#replyTo(request, coordinator, outcomeOfClass(CONFLICT));
    return true;
  }

  /**
   * Where in the group table (`#groups.words`) the replica groups the consistency level needs for
   * `request` coordinated by `coordinator` are, and its key's replicas; laid out on first use.
   */
  #groupsAt(request: Request, coordinator: number, write: number): number {
    const p = this.#placementOf(request.namespace);
    const region = this.#nodeRegion[coordinator];
    const range = request.range;
    const table = this.#groups;
    const at = (((p * 2 + write) * this.#regions + region) * this.#ranges + range) * table.stride;
    if (table.words[at] === 0) {
      const byRegion = p === 0 ? this.ring.replicasByRegion[range] : this.#placements!.replicasByRegion(p, range);
      layGroups(table.words, at, requiredGroups(this.#levels[write], byRegion, region), this.replicasOf(request.namespace, range));
    }
    return at;
  }

  /** Whether enough replicas of every group at `at` are live, as `coordinator` believes. */
  #canMeet(groups: Int32Array, at: number, coordinator: number): boolean {
    const count = groups[at] - 1;
    // The steady state: every node believed up, so each member counts.
    if (this.#noneKnownDown) {
      for (let g = 0, w = at + 1; g < count; g++, w += 2 + groups[w + 1]) if (groups[w + 1] < groups[w]) return false;
      return true;
    }
    for (let g = 0, w = at + 1; g < count; g++, w += 2 + groups[w + 1]) {
      let live = 0;
      for (let i = w + 2; i < w + 2 + groups[w + 1]; i++) if (this.#isLiveFrom(coordinator, groups[i])) live++;
      if (live < groups[w]) return false;
    }
    return true;
  }

  /**
   * A queued event's flush: written to the live replicas, answered to nobody. While the write
   * level cannot be met, or the replicas refuse it (shed), it stays queued in memory (exposed to
   * a crash) for the next flush.
   */
  readonly #writeHeld = (request: Request): void => {
    const coordinator = request.coordinator;
    const at = this.#groupsAt(request, coordinator, 1);
    const groups = this.#groups.words;
    if (!this.#canMeet(groups, at, coordinator)) {
      this.#writeBehind!.hold(request, coordinator);
      return;
    }
    new CoordinatorRound(request, coordinator, this.nodes[coordinator].incarnation, groups, at, this.#fromQueue).dispatch(this.#liveReplicas(groups, at, coordinator));
  };

  /** Whether `coordinator` believes node `m` is up: itself always, peers until detected down. */
  #isLiveFrom(coordinator: number, m: number): boolean {
    return m === coordinator || this.#down[m] === 0;
  }

  /** For writes: every replica of the entry at `at` the coordinator believes live (in the scratch list `dispatch` reads at once). */
  #liveReplicas(groups: Int32Array, at: number, coordinator: number): TargetList {
    const targets = this.#targets;
    targets.clear();
    const r = replicasAt(groups, at);
    for (let i = r + 1; i <= r + groups[r]; i++) if (this.#isLiveFrom(coordinator, groups[i])) targets.add(groups[i]);
    return targets;
  }

  sendWork(round: CoordinatorRound, work: ReplicaWork): void {
    const from = round.coordinator;
    const to = work.replica;
    work.sentAt = this.#engine.now;
    if (from === to) {
      this.#acceptWork(work);
      return;
    }
    const bytes = round.op === OpCode.PUT ? HEADER_BYTES + round.bytes : HEADER_BYTES;
    this.network.send(this.nodeZone[from], this.nodeZone[to], bytes, this.#acceptWork, work);
  }

  /**
   * Takes node `index` out on purpose (an ejection): it crashes, and peers and clients are told at
   * once, no failure detection needed.
   */
  takeOut(index: number): void {
    this.crash(index);
    this.#engine.cancel(this.#detection[index]);
    this.#detection[index] = 0;
    this.nodes[index].knownDown = true;
    this.#refreshUp();
  }

  deathSpiral(node: ServerNode): void {
    this.onDeathSpiral?.(node);
  }

  sendAnswer(_from: ServerNode, work: ReplicaWork): void {
    // A replica finished a write: it applies (once per attempt, or not at all when deduplicated).
    if (this.#api !== undefined && work.answer === Outcome.OK && work.round.op === OpCode.PUT) this.#api.writes.onApplied(work.round.request, this.#engine.now);
    const to = work.round.coordinator;
    if (work.replica === to) {
      this.#acceptAnswer(work);
      return;
    }
    const page = work.page; // the attempt's, copied onto the work: the request need not be reached here
    const value = page === undefined ? work.round.bytes : page.bytes;
    const bytes = work.round.op === OpCode.GET && work.answer === Outcome.OK ? HEADER_BYTES + value : HEADER_BYTES;
    this.network.send(this.nodeZone[work.replica], this.nodeZone[to], bytes, this.#acceptAnswer, work);
  }

  reply(round: { readonly request: Request; readonly coordinator: number }, outcome: Outcome): void {
    this.#replyTo(round.request, round.coordinator, outcome);
  }

  #replyTo(request: Request, coordinator: number, outcome: Outcome): void {
    const clients = this.#clients!;
    request.reply = outcome;
    const value = request.page === undefined ? request.bytes : request.page.bytes;
    const bytes = request.op === OpCode.GET && outcome === Outcome.OK ? HEADER_BYTES + value : HEADER_BYTES;
    const zone = this.nodeZone[coordinator];
    this.network.send(zone, clients.zoneOf(request.client), bytes, clients.inboxOf(request.client), request);
  }
}
