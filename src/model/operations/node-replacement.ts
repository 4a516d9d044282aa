import type { Engine } from "../../engine/engine.js";
import type { Micros } from "../../engine/time.js";
import type { Cluster, OperationObserver } from "../cluster/cluster.js";
import type { ReplacementConfig } from "./replacement-config.js";

/** What the replacements of lost nodes did so far (seconds are simulated time). */
export interface ReplacementStats {
  /** Replacements begun, and those serving by now. */
  started: number;
  serving: number;
  /** Summed over those serving, µs: from the loss to serving; downloading a snapshot; streaming from peers (the whole state, or the deltas). */
  total: Micros;
  download: Micros;
  streaming: Micros;
  longest: Micros;
  /** Catch-up rounds streamed (each the backlog written during the previous one). */
  rounds: number;
  /** Slot-time peers lent to streaming, slot·µs. */
  peerSlotTime: Micros;
}

/**
 * Brings a replacement in for a node lost for good (a nodeCrash with no `for`): after failure
 * detection and `provision`, the new node gets the state one of three ways, then catches up on
 * the writes it missed, and only then serves (until then its ranges are one replica short):
 *   snapshot: downloads the last backup (dataPerNode at downloadBandwidth), then streams the
 *             deltas written since the backup was taken (snapshotAge before the loss);
 *   stream:   streams the live state from its peers (dataPerNode; writes keep arriving);
 *   reattach: re-attaches the lost node's drives (reattachTime), then streams the writes since the loss.
 * Streaming from peers runs in rounds, as pre-copy does: each round sends the backlog present at
 * its start at streamBandwidth b, while writes add w × its length; the last round is the one
 * that takes at most `cutover`. The rounds of a backlog D take D/(b − w) in the limit (a
 * geometric series of ratio w/b), the closed form the tests check. While streaming, every peer
 * (a node sharing a range with it) lends `peerSlots` of its slots, serving that much slower.
 */
export class NodeReplacements {
  readonly stats: ReplacementStats = { started: 0, serving: 0, total: 0, download: 0, streaming: 0, longest: 0, rounds: 0, peerSlotTime: 0 };
  readonly #engine: Engine;
  readonly #cluster: Cluster;
  readonly #config: ReplacementConfig;
  readonly #detection: Micros;
  readonly #observer: OperationObserver | undefined;

  constructor(engine: Engine, cluster: Cluster, config: ReplacementConfig, failureDetection: Micros, observer?: OperationObserver) {
    if (!(config.streamBandwidth > config.writeRate)) {
      throw new RangeError(`replacement: streamBandwidth (${config.streamBandwidth} B/s) must exceed writeRate (${config.writeRate} B/s), or catch-up never ends`);
    }
    this.#engine = engine;
    this.#cluster = cluster;
    this.#config = config;
    this.#detection = failureDetection;
    this.#observer = observer;
  }

  /** Node `index` was just lost for good: crash it and bring its replacement in. */
  lose(index: number): void {
    const lostAt = this.#engine.now;
    const target = `node ${this.#cluster.nodes[index].place.id}`;
    this.#cluster.crash(index);
    this.stats.started++;
    this.#engine.schedule(this.#detection, () => {
      this.#observer?.onOperation({ kind: "replacement", target, phase: "detected" });
      this.#engine.schedule(this.#config.provision, () => this.#restore(index, lostAt, target));
    });
  }

  /** The new instance is ready to receive state (detection + provision after the loss). */
  #restore(index: number, lostAt: Micros, target: string): void {
    const c = this.#config;
    const since = (t: Micros) => ((this.#engine.now - t) / 1e6) * c.writeRate;
    const done = () => this.#serve(index, lostAt, target);
    switch (c.strategy) {
      case "stream":
        this.#stream(index, c.dataPerNode, done);
        return;
      case "reattach":
        this.#engine.schedule(c.reattachTime, () => this.#stream(index, since(lostAt), done));
        return;
      case "snapshot": {
        const download = transferTime(c.dataPerNode, c.downloadBandwidth);
        this.stats.download += download;
        this.#engine.schedule(download, () => this.#stream(index, since(lostAt - c.snapshotAge), done));
      }
    }
  }

  /** Streams `backlog` bytes from the peers in rounds until a round fits in `cutover`; then `done`. */
  #stream(index: number, backlog: number, done: () => void): void {
    const c = this.#config;
    const started = this.#engine.now;
    const peers = this.#lend(index);
    const round = (bytes: number): void => {
      const length = transferTime(bytes, c.streamBandwidth);
      this.stats.rounds++;
      this.#engine.schedule(length, () => {
        if (length <= c.cutover) {
          this.#giveBack(peers, this.#engine.now - started);
          this.stats.streaming += this.#engine.now - started;
          done();
        } else round((length / 1e6) * c.writeRate);
      });
    };
    round(backlog);
  }

  /** Takes `peerSlots` slots from each live peer of node `index`; the slots taken, per peer. */
  #lend(index: number): Array<[number, number]> {
    const lent: Array<[number, number]> = [];
    if (this.#config.peerSlots === 0) return lent;
    for (const peer of peersOf(this.#cluster, index)) {
      const node = this.#cluster.nodes[peer];
      const slots = Math.min(this.#config.peerSlots, node.slots - 1);
      if (!node.up || slots <= 0) continue;
      node.removeSlots(slots);
      lent.push([peer, slots]);
    }
    return lent;
  }

  #giveBack(lent: ReadonlyArray<[number, number]>, length: Micros): void {
    for (const [peer, slots] of lent) {
      this.#cluster.nodes[peer].addSlots(slots, 0);
      this.stats.peerSlotTime += slots * length;
    }
  }

  #serve(index: number, lostAt: Micros, target: string): void {
    this.#cluster.nodes[index].replaceHardware();
    this.#cluster.recover(index);
    const took = this.#engine.now - lostAt;
    this.stats.serving++;
    this.stats.total += took;
    this.stats.longest = Math.max(this.stats.longest, took);
    this.#observer?.onOperation({ kind: "replacement", target, phase: "mitigated" });
  }
}

/** µs to move `bytes` at `bandwidth` bytes/s, rounded up (at least 1). */
export function transferTime(bytes: number, bandwidth: number): Micros {
  return Math.max(1, Math.ceil((bytes / bandwidth) * 1e6));
}

/** The nodes that share a range with node `index`, in index order. */
export function peersOf(cluster: Cluster, index: number): number[] {
  const peers = new Set<number>();
  for (const replicas of cluster.ring.replicas) {
    if (!replicas.includes(index)) continue;
    for (const m of replicas) if (m !== index) peers.add(m);
  }
  return [...peers].sort((a, b) => a - b);
}
