import type { Source } from "../../../engine/random-streams.js";
import type { Balancer, BalancerName } from "./balancer.js";
import { extensionBalancer, type BalancerPlace } from "./balancer-registry.js";
import type { ExtensionSpec } from "../../extension-registry.js";
import { ChoiceOfTwoBalancer } from "./choice-of-two-balancer.js";
import { LeastOutstandingBalancer } from "./least-outstanding-balancer.js";
import { RandomBalancer } from "./random-balancer.js";
import { RoundRobinBalancer } from "./round-robin-balancer.js";
import { WeightedChoiceOfN, type WeightedChoiceOptions } from "./weighted-choice-of-n.js";

/**
 * The balancer called `name`, drawing from `source`; `options` tune weightedChoiceOfN (missing
 * ones take WEIGHTED_CHOICE_DEFAULTS) and are ignored by the others. With `options.extension`, the
 * balancer a program registered under that name instead, built for the client at `place`.
 */
export function makeBalancer(
  name: BalancerName,
  source: Source,
  options: Partial<WeightedChoiceOptions> & { readonly extension?: ExtensionSpec } = {},
  place?: BalancerPlace,
): Balancer {
  if (options.extension) {
    if (!place) throw new Error(`balancer "${options.extension.name}": a registered balancer needs the client's place`);
    return extensionBalancer(options.extension, source, place);
  }
  switch (name) {
    case "random":
      return new RandomBalancer(source);
    case "roundRobin":
      return new RoundRobinBalancer(source);
    case "leastOutstanding":
      return new LeastOutstandingBalancer(source);
    case "choiceOfTwo":
      return new ChoiceOfTwoBalancer(source);
    case "weightedChoiceOfN":
      return new WeightedChoiceOfN(source, options);
    default: {
      const unknown: never = name;
      throw new Error(`unknown balancer ${String(unknown)}`);
    }
  }
}

/**
 * Whether the balancer reads `PickContext.outstanding`: random and round robin do not, so their
 * clients need not count every attempt per node (two cold cache lines per attempt at 768 nodes).
 * A registered balancer may.
 */
export function weighsOutstanding(name: BalancerName, options: { readonly extension?: ExtensionSpec } = {}): boolean {
  return options.extension !== undefined || (name !== "random" && name !== "roundRobin");
}
