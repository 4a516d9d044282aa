import type { NodePlace } from "../topology.js";

/** `members` grouped by nearness to `coordinator`: itself, its zone, its region, elsewhere. */
export function proximityTiers(nodes: readonly { readonly place: NodePlace }[], coordinator: number, members: readonly number[]): number[][] {
  const at = nodes[coordinator].place;
  const tiers: number[][] = [[], [], [], []];
  for (const m of members) {
    const p = nodes[m].place;
    tiers[m === coordinator ? 0 : p.zone === at.zone ? 1 : p.region === at.region ? 2 : 3].push(m);
  }
  return tiers.filter((t) => t.length > 0);
}
