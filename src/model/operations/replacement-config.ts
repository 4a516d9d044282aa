import type { Micros } from "../../engine/time.js";

/** A lost node's replacement: how it gets its state back before it serves (see operations/node-replacement). */
export interface ReplacementConfig {
  readonly strategy: "snapshot" | "stream" | "reattach";
  /** From detection of the loss to a new instance ready to take state, µs. */
  readonly provision: Micros;
  /** State one node holds, bytes. */
  readonly dataPerNode: number;
  /** Bytes per second written to one node's ranges: the deltas a replacement must catch up on. */
  readonly writeRate: number;
  /** snapshot: bytes/s downloading the backup, and its age when the node was lost, µs. */
  readonly downloadBandwidth: number;
  readonly snapshotAge: Micros;
  /** Bytes/s streamed from peers into the new node (the whole state, or the deltas); > writeRate. */
  readonly streamBandwidth: number;
  /** reattach: µs to re-attach the lost node's drives to the new instance. */
  readonly reattachTime: Micros;
  /** Slots each peer lends to streaming while it streams (its service slows). */
  readonly peerSlots: number;
  /** Catch-up ends with the round that takes at most this long, µs (the switch-over). */
  readonly cutover: Micros;
}
