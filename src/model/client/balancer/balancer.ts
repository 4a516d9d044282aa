/**
 * What a balancer may know when it chooses a server for one request. Arrays are indexed by node.
 */
export interface PickContext {
  /** Requests this client has in flight to each node (first attempts, hedges and retries). */
  readonly outstanding: ArrayLike<number>;
  /** Zone index of each node. */
  readonly nodeZone: ArrayLike<number>;
  /** The zone the client runs in. */
  readonly clientZone: number;
  /** Nodes holding a replica of the request's key (token awareness). */
  readonly replicas: readonly number[];
  /** Health penalty of each node as this client sees it: 1 is healthy, larger is worse. */
  readonly health: ArrayLike<number>;
}

/**
 * Chooses which server a client sends a request (or a hedge, or a retry) to. Policies are small
 * state machines with their own random stream and no clock.
 */
export interface Balancer {
  /**
   * One of `candidates` (node indices, never empty), other than `avoid` when another exists
   * (`avoid` is −1 when nothing is to be avoided: hedges and retries avoid the first server).
   */
  pick(candidates: readonly number[], ctx: PickContext, avoid: number): number;
}

export const BALANCERS = ["random", "roundRobin", "leastOutstanding", "choiceOfTwo", "weightedChoiceOfN"] as const;
export type BalancerName = (typeof BALANCERS)[number];
