import { ExtensionRegistry, type Extension, type ExtensionSpec } from "../extension-registry.js";
import { SimulationError } from "../simulation-error.js";
import type { Limit } from "./limit.js";

/** The names of the built-in limit algorithms (cluster.node.limit.kind); make-limit holds it to LimitKind. */
export const LIMIT_KINDS = ["fixed", "aimd", "vegas", "gradient"] as const;

/** What a program's concurrency-limit algorithm is built from: one instance per node. */
export interface LimitContext<P> {
  /** What the extension's `params` returned for the scenario's parameters. */
  readonly params: P;
  /** Uniform doubles in [0, 1): this node's own stream (`node/<id>/limit`); the built-ins draw none. */
  readonly random: () => number;
  /** The id of the node the limit guards ("zone/i", e.g. "us-east-1a/2"). */
  readonly node: string;
}

/**
 * A concurrency-limit algorithm a program registers: `create` returns a {@link Limit}, fed one
 * sample per finished request, whose `current` must stay a finite number ≥ 1.
 */
export type LimitExtension<P = Readonly<Record<string, unknown>>> = Extension<P, LimitContext<P>, Limit>;

/** The limit algorithms programs registered in this thread. */
export const limitRegistry = new ExtensionRegistry<LimitExtension<unknown>>("limit algorithm", LIMIT_KINDS);

/** A registered limit as the scenario names it (cluster.node.limit). */
export interface ExtensionLimitSpec extends ExtensionSpec {
  readonly kind: "extension";
}

/** The registered limit `spec` names, built for `node`; its `current` is checked whenever read. */
export function extensionLimit(spec: ExtensionLimitSpec, node: string, random: () => number): Limit {
  const inner = limitRegistry.require(spec.name).create({ params: spec.params, random, node });
  return {
    get current() {
      const current = inner.current;
      if (!(Number.isFinite(current) && current >= 1)) {
        throw new SimulationError(`limit "${spec.name}" says ${String(current)}: a limit is a finite number of requests >= 1`, `node ${node}`);
      }
      return current;
    },
    onSample(sample) {
      inner.onSample(sample);
    },
  };
}
