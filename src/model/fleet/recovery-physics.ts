import { MICROS_PER_S, type Micros } from "../../engine/time.js";

/**
 * Per-node network bandwidth for rebuilds, bytes/s. A node being rebuilt receives at most
 * `inbound`; each of its peers (the nodes that share a range with it) gives it only
 * `outboundShare` of its `outbound`, keeping the rest for its own traffic.
 */
export interface FleetBandwidth {
  readonly inbound: number;
  readonly outbound: number;
  /** Share in (0, 1] of a peer's outbound bandwidth given to one rebuilding node. */
  readonly outboundShare: number;
}

/**
 * A replacement node restored from a backup: snapshots are taken every `every` µs (at whole
 * multiples of it since the start of the run), downloaded at `bandwidth` bytes/s, and the writes
 * made since the snapshot (`writeRate` bytes/s per node) are then streamed from peers.
 */
export interface FleetSnapshot {
  readonly every: Micros;
  readonly bandwidth: number;
  readonly writeRate: number;
}

/**
 * Bytes/s a rebuilding node with `peers` range-sharing peers fills at:
 * min(inbound, peers × outbound × outboundShare). More vnodes, more peers, a faster rebuild,
 * until the node's own inbound link is the bound.
 */
export function rebuildBandwidth(bandwidth: FleetBandwidth, peers: number): number {
  return Math.min(bandwidth.inbound, peers * bandwidth.outbound * bandwidth.outboundShare);
}

/** µs to stream `bytes` at `bytesPerS` (rounded to a whole µs). */
export function transferTime(bytes: number, bytesPerS: number): Micros {
  return Math.round((bytes / bytesPerS) * MICROS_PER_S);
}

/**
 * µs a range is one replica short while a node is restored from a snapshot `ageAtFailure` µs
 * old, with `catchUp` bytes/s to stream deltas from peers (the node's rebuild bandwidth).
 *
 * Derivation. Let S be the node's bytes, B the download bandwidth, w the write rate, a the
 * snapshot's age when the restore starts and c the catch-up bandwidth (c > w).
 * - Download: D = S / B.
 * - When it ends, the node lacks the writes of the last a + D: Δ = w · (a + D).
 * - Catching up, it receives c while new writes keep arriving at w: the gap closes at c − w,
 *   so C = Δ / (c − w) = w · (a + D) / (c − w).
 * Short for D + C. Averaged over a failure at a uniform moment, a is uniform in [0, every).
 */
export function snapshotRestoreTime(bytes: number, snapshot: FleetSnapshot, catchUp: number, ageAtFailure: Micros): Micros {
  if (!(catchUp > snapshot.writeRate)) {
    throw new RangeError(`snapshot catch-up needs more bandwidth (${catchUp} B/s) than the write rate (${snapshot.writeRate} B/s)`);
  }
  const download = bytes / snapshot.bandwidth;
  const deltas = snapshot.writeRate * (ageAtFailure / MICROS_PER_S + download);
  return Math.round((download + deltas / (catchUp - snapshot.writeRate)) * MICROS_PER_S);
}
