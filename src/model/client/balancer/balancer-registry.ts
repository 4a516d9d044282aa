import type { Source } from "../../../engine/random-streams.js";
import { ExtensionRegistry, type Extension, type ExtensionSpec } from "../../extension-registry.js";
import { nodeInfos, type NodeInfo } from "../../node-info.js";
import { SimulationError } from "../../simulation-error.js";
import type { Topology } from "../../topology.js";
import { BALANCERS, type Balancer, type PickContext } from "./balancer.js";

/** What a program's balancer is built from: one instance per client. */
export interface BalancerContext<P> {
  /** What the extension's `params` returned for the scenario's parameters. */
  readonly params: P;
  /** Uniform doubles in [0, 1): this client's balancer stream (`client/<name>/balancer`), the one a built-in would draw from. */
  readonly random: () => number;
  /** The client: its name and its zone's and region's names. */
  readonly client: { readonly name: string; readonly zone: string; readonly region: string };
  /** Every node of the cluster, by index: node indices (what `pick` takes and returns) index it. */
  readonly nodes: readonly NodeInfo[];
}

/**
 * A load balancer a program registers: `create` returns a {@link Balancer} whose `pick` returns
 * one of `candidates`. It sees what the built-ins see ({@link PickContext}: this client's
 * requests in flight per node, zones, the key's replicas, and each node's health penalty).
 */
export type BalancerExtension<P = Readonly<Record<string, unknown>>> = Extension<P, BalancerContext<P>, Balancer>;

/** The balancers programs registered in this thread. */
export const balancerRegistry = new ExtensionRegistry<BalancerExtension<unknown>>("balancer", BALANCERS);

/** Where a client builds its balancer: what a registered one is told. */
export interface BalancerPlace {
  readonly topology: Topology;
  readonly client: string;
  readonly zone: number;
}

/** The registered balancer `spec` names, built for one client; its picks are checked to be candidates. */
export function extensionBalancer(spec: ExtensionSpec, random: Source, place: BalancerPlace): Balancer {
  const { topology } = place;
  const client = { name: place.client, zone: topology.zoneNames[place.zone], region: topology.regionNames[topology.zoneRegion[place.zone]] };
  const inner = balancerRegistry.require(spec.name).create({ params: spec.params, random, client, nodes: nodeInfos(topology) });
  return {
    pick(candidates: readonly number[], ctx: PickContext, avoid: number): number {
      const chosen = inner.pick(candidates, ctx, avoid);
      if (!candidates.includes(chosen)) {
        throw new SimulationError(`balancer "${spec.name}" picked ${String(chosen)}, not one of the candidates [${candidates.join(", ")}]`, `client/${place.client}`);
      }
      return chosen;
    },
  };
}
