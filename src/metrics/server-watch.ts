/**
 * What the recorder reads of the servers as each window closes, to say where a fault was (the
 * "fault" view of blast radius). The model fills it; the recorder judges it against the SLO.
 */
export interface ServerWatch {
  /** Zone index of each server node, indexing the recorder's zones. */
  readonly nodeZone: readonly number[];
  /** Fills `into` with each node's figures over the window that is closing. */
  sample(into: ServerSample): void;
}

/** Per node, over one window. */
export interface ServerSample {
  /** 1 when the node was down, or a fault acted on it (disk, errors, GC storm, packet loss), at any time in the window. */
  readonly impaired: Uint8Array;
  /** Requests (replica work) the node was sent. */
  readonly received: Float64Array;
  /** Of those, how many it shed (limit or queue full). */
  readonly shed: Float64Array;
}

export function serverSample(nodes: number): ServerSample {
  return { impaired: new Uint8Array(nodes), received: new Float64Array(nodes), shed: new Float64Array(nodes) };
}

/**
 * Which nodes were impaired in a window (1s written into `into`): down or under a fault, or
 * shedding. A node sheds when it turned away more than `shedAllowance` of the work it was sent
 * (judged on at least `need` requests) and at least half the share of the worst-shedding node:
 * overload concentrated in one region reads as that region, while overload everywhere reads as
 * everywhere; the work a storm's writes bring to other regions' replicas does not.
 */
export function impairedNodes(sample: ServerSample, rules: { shedAllowance: number; need: number }, into: Uint8Array): void {
  const share = (n: number) => {
    const received = sample.received[n];
    return received >= rules.need && received > 0 ? sample.shed[n] / received : 0;
  };
  let worst = 0;
  for (let n = 0; n < into.length; n++) worst = Math.max(worst, share(n));
  for (let n = 0; n < into.length; n++) {
    const s = share(n);
    if (sample.impaired[n] || (s > rules.shedAllowance && s >= worst / 2)) into[n] = 1;
  }
}
