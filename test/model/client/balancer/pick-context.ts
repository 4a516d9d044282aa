import type { Balancer, PickContext } from "../../../../src/model/client/balancer/balancer.js";

/** A context for `nodes` nodes: idle, healthy, all in zone 0 with the client, no replicas, unless overridden. */
export function pickContext(nodes: number, overrides: Partial<PickContext> = {}): PickContext {
  return {
    outstanding: new Array<number>(nodes).fill(0),
    nodeZone: new Array<number>(nodes).fill(0),
    clientZone: 0,
    replicas: [],
    health: new Array<number>(nodes).fill(1),
    ...overrides,
  };
}

/** How many of `picks` picks went to each node (indexed by node). */
export function pickCounts(balancer: Balancer, candidates: readonly number[], ctx: PickContext, avoid: number, picks: number): number[] {
  const counts = new Array<number>(ctx.outstanding.length).fill(0);
  for (let i = 0; i < picks; i++) counts[balancer.pick(candidates, ctx, avoid)]++;
  return counts;
}

/** Five binomial standard errors of a share p estimated from n draws. */
export function shareTolerance(p: number, n: number): number {
  return 5 * Math.sqrt((p * (1 - p)) / n);
}
