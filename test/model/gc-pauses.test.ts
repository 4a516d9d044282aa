import { describe, expect, test } from "vitest";
import { Engine } from "../../src/engine/engine.js";
import { streamFor } from "../../src/engine/random-streams.js";
import { ms } from "../../src/engine/time.js";
import type { PauseConfig } from "../../src/model/config.js";
import { StopTheWorldPauses, type Pausable } from "../../src/model/gc-pauses.js";
import { constant } from "./tiny-world.js";

/** Pauses of 2 ms after every 10 ms of running time. */
const base: PauseConfig = { interval: constant(ms(10)), pause: constant(ms(2)) };
/** A storm: 1 ms pauses after every 1 ms. */
const storm: PauseConfig = { interval: constant(ms(1)), pause: constant(ms(1)) };

function harness(config: PauseConfig | null = base) {
  const engine = new Engine();
  const log: Array<[number, string]> = [];
  const target: Pausable = {
    pauseStarted: (length) => log.push([engine.now, `start ${length}`]),
    pauseEnded: () => log.push([engine.now, "end"]),
  };
  const gc = new StopTheWorldPauses(engine, target, config ?? undefined, streamFor(1, "interval"), streamFor(1, "pause"));
  const at = (t: number, action: () => void) => engine.scheduleAt(t, action);
  return { engine, gc, log, at };
}

describe("StopTheWorldPauses", () => {
  test("constant interval and pause: pauses at 10, 22, 34 ms, each 2 ms long", () => {
    const { engine, gc, log } = harness();
    gc.start();
    engine.run({ until: ms(40) });
    expect(log).toEqual([
      [ms(10), `start ${ms(2)}`],
      [ms(12), "end"],
      [ms(22), `start ${ms(2)}`],
      [ms(24), "end"],
      [ms(34), `start ${ms(2)}`],
      [ms(36), "end"],
    ]);
    expect(gc.stats).toEqual({ pauses: 3, pausedTime: ms(6) });
  });

  test("nothing happens before start, nor without a schedule", () => {
    const idle = harness();
    idle.engine.run({ until: ms(100) });
    expect(idle.log).toEqual([]);
    const none = harness(null);
    none.gc.start();
    none.engine.run({ until: ms(100) });
    expect(none.log).toEqual([]);
  });

  test("a storm pushed between pauses takes over at once; popping it restores the base schedule", () => {
    const { engine, gc, log, at } = harness();
    gc.start();
    at(ms(15), () => gc.push(storm));
    at(ms(19.5), () => gc.pop(storm)); // between storm pauses [18, 19) and [20, 21)
    engine.run({ until: ms(32) });
    expect(log).toEqual([
      [ms(10), `start ${ms(2)}`],
      [ms(12), "end"],
      [ms(16), `start ${ms(1)}`],
      [ms(17), "end"],
      [ms(18), `start ${ms(1)}`],
      [ms(19), "end"],
      [ms(29.5), `start ${ms(2)}`],
      [ms(31.5), "end"],
    ]);
  });

  test("a storm pushed during a pause starts after that pause, which keeps its length", () => {
    const { engine, gc, log, at } = harness();
    gc.start();
    at(ms(11), () => gc.push(storm));
    engine.run({ until: ms(15.5) });
    expect(log).toEqual([
      [ms(10), `start ${ms(2)}`],
      [ms(12), "end"],
      [ms(13), `start ${ms(1)}`],
      [ms(14), "end"],
      [ms(15), `start ${ms(1)}`],
    ]);
  });

  test("a storm popped during a pause gives way to the base schedule after that pause", () => {
    const { engine, gc, log, at } = harness();
    gc.start();
    at(ms(1), () => gc.push(storm)); // storm pauses [2, 3), [4, 5) ...
    at(ms(4.5), () => gc.pop(storm));
    engine.run({ until: ms(16) });
    expect(log).toEqual([
      [ms(2), `start ${ms(1)}`],
      [ms(3), "end"],
      [ms(4), `start ${ms(1)}`],
      [ms(5), "end"],
      [ms(15), `start ${ms(2)}`],
    ]);
  });

  test("popping the last schedule stops the pauses", () => {
    const { engine, gc, log, at } = harness();
    gc.start();
    at(ms(5), () => gc.pop(base));
    engine.run({ until: ms(100) });
    expect(log).toEqual([]);
  });

  test("stop() ends a pause under way at once; start() begins a new interval", () => {
    const { engine, gc, log, at } = harness();
    gc.start();
    at(ms(11), () => gc.stop());
    at(ms(20), () => gc.start());
    engine.run({ until: ms(35) });
    expect(log).toEqual([
      [ms(10), `start ${ms(2)}`],
      [ms(11), "end"],
      [ms(30), `start ${ms(2)}`],
      [ms(32), "end"],
    ]);
    expect(gc.paused).toBe(false);
  });

  // Regression (fixed): stop() cuts a pause short, but stats.pausedTime already counted the whole drawn length
  // (it is added when the pause begins), so it reports 2 ms for a pause that lasted 1 ms.
  test("stats.pausedTime counts only the part of a pause that happened before stop()", () => {
    const { engine, gc, at } = harness();
    gc.start();
    at(ms(11), () => gc.stop());
    engine.run({ until: ms(20) });
    expect(gc.stats).toEqual({ pauses: 1, pausedTime: ms(1) });
  });

  test("intervals and pauses are at least 1 µs", () => {
    const { engine, gc, log } = harness({ interval: constant(0), pause: constant(0.2) });
    gc.start();
    engine.run({ until: 4 });
    expect(log).toEqual([
      [1, "start 1"],
      [2, "end"],
      [3, "start 1"],
      [4, "end"],
    ]);
  });
});
