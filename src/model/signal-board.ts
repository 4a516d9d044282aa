import type { Engine } from "../engine/engine.js";
import { OPS, type Op, type Signal, type SignalsConfig } from "./config.js";

/**
 * What servers currently signal to clients, per (namespace, op): a target and a max latency, and
 * how many normal requests and hedges a client may keep in flight to one server. Changes on the
 * scenario's timeline take effect at their instant; clients read the board on every request.
 */
export class SignalBoard {
  readonly #signals: Signal[];
  readonly #namespaces: readonly string[];

  constructor(engine: Engine, config: SignalsConfig, namespaces: readonly string[]) {
    this.#namespaces = namespaces;
    this.#signals = [];
    for (let ns = 0; ns < namespaces.length; ns++) {
      for (const op of OPS) {
        let signal = config.default;
        for (const o of config.overrides) if (this.#matches(o, ns, op)) signal = { ...signal, ...o.signal };
        this.#signals.push(signal);
      }
    }
    for (const change of config.timeline) {
      engine.scheduleAt(change.at, () => {
        for (let ns = 0; ns < namespaces.length; ns++) {
          OPS.forEach((op, o) => {
            if (!this.#matches(change, ns, op)) return;
            const i = ns * OPS.length + o;
            this.#signals[i] = { ...this.#signals[i], ...change.signal };
          });
        }
      });
    }
  }

  /** The signal for namespace index `ns` and op index `op` right now. */
  get(ns: number, op: number): Signal {
    return this.#signals[ns * OPS.length + op];
  }

  #matches(rule: { namespace?: string; op?: Op }, ns: number, op: Op): boolean {
    return (rule.namespace === undefined || rule.namespace === this.#namespaces[ns]) && (rule.op === undefined || rule.op === op);
  }
}
