import type { Source } from "../../engine/random-streams.js";

/** Retransmission timeouts stop doubling after this many losses of one packet (as TCP caps its RTO). */
const MAX_BACKOFFS = 6;

/** What the losses of one message cost: packets lost, retransmissions sent, and the extra delay, µs. */
export interface LossTally {
  lost: number;
  retransmits: number;
  delay: number;
}

/**
 * Draws the losses of a message of `packets` packets, each lost independently with probability
 * `p` (its retransmissions too), and adds them to `tally`. A lost packet is sent again after
 * `timeout` µs, doubling with each further loss of the same packet; losses of different packets
 * are recovered in parallel, so the message is late by the worst packet's sum of timeouts.
 * Costs one draw per message plus two per lost packet: lost packets are found by geometric skips.
 * Returns the extra delay, µs.
 */
export function drawLosses(packets: number, p: number, timeout: number, source: Source, tally: LossTally): number {
  if (!(p >= 0 && p < 1)) throw new RangeError(`packet loss must be in [0, 1), got ${p}`);
  if (p === 0 || packets <= 0) return 0;
  const logKeep = Math.log1p(-p);
  let worst = 0;
  // Index of the next lost packet: the gap before it is geometric with success probability p.
  for (let i = Math.floor(Math.log1p(-source()) / logKeep); i < packets; i += 1 + Math.floor(Math.log1p(-source()) / logKeep)) {
    tally.lost++;
    let wait = timeout;
    let sent = 1;
    while (source() < p) {
      wait += timeout * 2 ** Math.min(sent, MAX_BACKOFFS);
      sent++;
    }
    tally.retransmits += sent;
    if (wait > worst) worst = wait;
  }
  tally.delay += worst;
  return worst;
}
