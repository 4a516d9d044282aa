import { checkLimitBounds, type Limit } from "./limit.js";

/** A limit that never moves: `limit` requests in flight (finite, ≥ 1), whatever the samples say. */
export function fixedLimit(limit: number): Limit {
  checkLimitBounds("fixed limit", limit, limit, limit);
  return {
    get current() {
      return limit;
    },
    onSample() {},
  };
}
