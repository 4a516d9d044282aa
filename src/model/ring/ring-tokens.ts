import type { Source } from "../../engine/random-streams.js";

const TOKEN_SPACE = 4294967296; // tokens are unsigned 32-bit

/** A token ring: the ranges' end tokens in ascending order, and the node owning each. */
export interface RingTokens {
  /** Range i covers (tokens[i − 1], tokens[i]]; range 0 wraps around. */
  readonly tokens: Float64Array;
  readonly owners: Int32Array;
}

/**
 * Places `vnodes` random tokens per node on the ring, drawn from `source` node after node,
 * redrawing a token already taken (so the order is total).
 */
export function drawRing(nodes: number, vnodes: number, source: Source): RingTokens {
  const count = nodes * vnodes;
  const drawn = new Float64Array(count);
  const used = new Set<number>();
  for (let i = 0; i < count; i++) {
    let token: number;
    do token = Math.floor(source() * TOKEN_SPACE);
    while (used.has(token));
    used.add(token);
    drawn[i] = token;
  }
  // Entry i belongs to node floor(i / vnodes).
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => drawn[a] - drawn[b]);
  return { tokens: Float64Array.from(order, (i) => drawn[i]), owners: Int32Array.from(order, (i) => Math.floor(i / vnodes)) };
}
