import { Engine } from "../../../src/engine/engine.js";
import type { Action } from "../../../src/engine/engine.js";
import type { Signal } from "../../../src/model/config.js";
import { ClientRequest } from "../../../src/model/request/request.js";

/** A signal of target 10 ms, max 100 ms (µs), and room for 4 requests and 1 hedge per server. */
export const signal: Signal = { target: 10_000, max: 100_000, concurrency: 4, hedges: 1 };

/** A client request of op `op` (0 GET, 1 PUT), `bytes` bytes, issued at the engine's now. */
export function request(engine: Engine, op = 0, bytes = 100, id = 1): ClientRequest {
  return new ClientRequest(id, op, 0, 7, 0, bytes, 0, engine.now, signal);
}

/** A gate that never holds (a client that never pauses). */
export const open = <T>(action: Action<T>): Action<T> => action;

/** A source that always returns `u`. */
export const constant = (u: number) => () => u;
