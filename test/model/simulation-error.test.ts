import { describe, expect, test } from "vitest";
import { Engine } from "../../src/engine/engine.js";
import { HedgeLimiter } from "../../src/model/client/hedge-limiter.js";
import { locatingErrors, SimulationError } from "../../src/model/simulation-error.js";

describe("SimulationError", () => {
  test("an invariant broken inside a run leaves it with the entity, the simulated time and the seed", () => {
    const engine = new Engine();
    engine.schedule(1500, () => new HedgeLimiter(2).release(1));
    const error = (() => {
      try {
        locatingErrors(42, () => engine.now, () => engine.run());
      } catch (e) {
        return e as SimulationError;
      }
    })();
    expect(error).toBeInstanceOf(SimulationError);
    expect([error!.entity, error!.now, error!.seed]).toEqual(["hedge limiter", 1500, 42]);
    expect(error!.message).toBe("hedge limiter: release on node 1 with no hedge outstanding (at 1500 µs of simulated time, seed 42)");
  });

  test("other errors pass through untouched", () => {
    expect(() => locatingErrors(1, () => 0, () => { throw new RangeError("bad"); })).toThrow(/^bad$/);
  });
});
