import type { World } from "../../model/world.js";
import { round, roundOrZero } from "./rounding.js";

/** What the replacements of lost nodes did (present when `cluster.replacement` is set). */
export interface ReplacementOutcome {
  /** Nodes lost and replacements begun; those serving by the end of the run. */
  readonly started: number;
  readonly serving: number;
  /** From the loss to the replacement serving, over those serving: mean and longest, s. */
  readonly meanS: number;
  readonly maxS: number;
  /** Mean time downloading the snapshot, and streaming from peers (the whole state, or the deltas), s. */
  readonly downloadS: number;
  readonly streamingS: number;
  /** Streaming rounds in all (each sends the backlog written during the previous one). */
  readonly rounds: number;
  /** Slot-seconds the peers lent to streaming (capacity taken from serving). */
  readonly peerSlotS: number;
}

/** The outcome's `replacement` section (none without `cluster.replacement`). */
export function replacementOutcome(world: World): { readonly replacement?: ReplacementOutcome } {
  const r = world.replacements?.stats;
  if (!r) return {};
  const mean = (total: number) => roundOrZero(total / 1e6 / r.serving);
  return {
    replacement: {
      started: r.started,
      serving: r.serving,
      meanS: mean(r.total),
      maxS: round(r.longest / 1e6, 9),
      downloadS: mean(r.download),
      streamingS: mean(r.streaming),
      rounds: r.rounds,
      peerSlotS: round(r.peerSlotTime / 1e6, 9),
    },
  };
}
