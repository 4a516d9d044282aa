import { describe, expect, test } from "vitest";
import { Engine, Priority } from "../../src/engine/engine.js";
import { ms } from "../../src/engine/time.js";

describe("Engine ordering", () => {
  test("events fire in time order, and same-time events in the order they were scheduled", () => {
    const sim = new Engine();
    const log: Array<[number, string]> = [];
    for (const [delay, id] of [[3, "c"], [1, "a"], [2, "b1"], [2, "b2"], [2, "b3"]] as const) {
      sim.schedule(ms(delay), () => log.push([sim.now, id]));
    }
    sim.run();
    expect(log).toEqual([
      [ms(1), "a"],
      [ms(2), "b1"],
      [ms(2), "b2"],
      [ms(2), "b3"],
      [ms(3), "c"],
    ]);
  });

  test("priority orders events at the same instant before sequence does", () => {
    const sim = new Engine();
    const log: string[] = [];
    sim.schedule(10, () => log.push("normal"));
    sim.schedule(10, () => log.push("low"), undefined, Priority.LOW);
    sim.schedule(10, () => log.push("urgent"), undefined, Priority.URGENT);
    sim.run();
    expect(log).toEqual(["urgent", "normal", "low"]);
  });

  test("an action scheduling at delay 0 runs after the events already due now", () => {
    const sim = new Engine();
    const log: string[] = [];
    sim.schedule(5, () => {
      log.push("first");
      sim.schedule(0, () => log.push("zero-delay"));
    });
    sim.schedule(5, () => log.push("second"));
    sim.run();
    expect(log).toEqual(["first", "second", "zero-delay"]);
  });

  test("scheduleAt takes an absolute instant and refuses the past", () => {
    const sim = new Engine();
    const log: number[] = [];
    sim.schedule(100, () => sim.scheduleAt(250, () => log.push(sim.now)));
    sim.run();
    expect(log).toEqual([250]);
    expect(() => sim.scheduleAt(10, () => {})).toThrow(RangeError);
  });

  test("the argument is passed to the action, so no closure is needed per event", () => {
    const sim = new Engine();
    const seen: string[] = [];
    const record = (id: string) => seen.push(id);
    sim.schedule(2, record, "b");
    sim.schedule(1, record, "a");
    sim.run();
    expect(seen).toEqual(["a", "b"]);
  });

  test("bad delays and priorities are refused", () => {
    const sim = new Engine();
    expect(() => sim.schedule(-1, () => {})).toThrow(/whole, non-negative/);
    expect(() => sim.schedule(1.5, () => {})).toThrow(RangeError);
    expect(() => sim.schedule(Number.NaN, () => {})).toThrow(RangeError);
    expect(() => sim.schedule(1, () => {}, undefined, 256)).toThrow(/priority/);
  });
});

describe("Engine cancellation", () => {
  test("a cancelled event never fires and cancel reports whether it did anything", () => {
    const sim = new Engine();
    const log: string[] = [];
    const a = sim.schedule(10, () => log.push("a"));
    sim.schedule(20, () => log.push("b"));
    expect(sim.isPending(a)).toBe(true);
    expect(sim.cancel(a)).toBe(true);
    expect(sim.cancel(a)).toBe(false);
    expect(sim.isPending(a)).toBe(false);
    sim.run();
    expect(log).toEqual(["b"]);
    expect(sim.stats).toMatchObject({ scheduled: 2, fired: 1, cancelled: 1, pending: 0 });
  });

  test("a stale handle cannot cancel the event that reused its slot", () => {
    const sim = new Engine();
    const log: string[] = [];
    const first = sim.schedule(1, () => log.push("first"));
    sim.run();
    const second = sim.schedule(1, () => log.push("second"));
    expect(sim.cancel(first)).toBe(false);
    sim.run();
    expect(log).toEqual(["first", "second"]);
    expect(first).not.toBe(second);
  });

  test("cancelling a timer from inside another event at the same instant prevents it", () => {
    const sim = new Engine();
    const log: string[] = [];
    let timeout = 0;
    sim.schedule(10, () => sim.cancel(timeout));
    timeout = sim.schedule(10, () => log.push("timeout"));
    sim.run();
    expect(log).toEqual([]);
  });

  test("most timers cancelled: order is kept and the queue compacts its tombstones", () => {
    const sim = new Engine();
    const fired: number[] = [];
    let x = 7;
    const next = () => ((x = (x * 1103515245 + 12345) % 2147483648), x);
    const handles: number[] = [];
    for (let i = 0; i < 50_000; i++) handles.push(sim.schedule(next() % 1_000_000, (t: number) => fired.push(t), i));
    for (let i = 0; i < handles.length; i++) if (i % 10 !== 0) sim.cancel(handles[i]);
    expect(sim.pending).toBe(5_000);
    sim.run();
    expect(fired.length).toBe(5_000);
    expect(sim.stats.cancelled).toBe(45_000);
  });
});

test("slots growing mid-run while far timers are cancelled lose no event (regression)", () => {
  // Each arrival arms a far timer and cancels the one armed three arrivals ago: the tombstones
  // force compactions while the slot tables grow past their first capacity.
  const sim = new Engine();
  const armed: number[] = [];
  let arrivals = 0;
  const giveUp = () => {
    throw new Error("a cancelled timer fired");
  };
  const arrive = () => {
    arrivals++;
    armed.push(sim.schedule(3_600_000_000, giveUp));
    if (armed.length > 3) sim.cancel(armed.shift()!);
    if (arrivals < 20_000) sim.schedule(1 + (arrivals % 997), arrive);
  };
  sim.schedule(0, arrive);
  expect(sim.run({ until: 100_000_000 }).reason).toBe("horizon");
  expect(arrivals).toBe(20_000);
  expect(sim.pending).toBe(3);
});

describe("Engine run control", () => {
  test("run stops at the horizon, leaves the clock there, and resumes later", () => {
    const sim = new Engine();
    const log: number[] = [];
    for (const t of [10, 20, 30]) sim.schedule(t, () => log.push(sim.now));
    expect(sim.run({ until: 20 })).toEqual({ reason: "horizon", fired: 2 });
    expect(sim.now).toBe(20);
    expect(log).toEqual([10, 20]);
    expect(sim.run({ until: 100 })).toEqual({ reason: "horizon", fired: 1 });
    expect(sim.now).toBe(100);
  });

  test("an event budget stops the loop after that many events", () => {
    const sim = new Engine();
    const tick = () => sim.schedule(1, tick);
    tick();
    expect(sim.run({ maxEvents: 1_000 })).toEqual({ reason: "budget", fired: 1_000 });
    expect(sim.now).toBe(1_000);
  });

  test("a budget used up when the next event lies past the horizon reports the horizon", () => {
    const sim = new Engine();
    for (const t of [10, 20, 30]) sim.schedule(t, () => {});
    expect(sim.run({ until: 25, maxEvents: 2 })).toEqual({ reason: "horizon", fired: 2 });
    expect(sim.now).toBe(25);
    expect(sim.run({ until: 40, maxEvents: 0 })).toEqual({ reason: "budget", fired: 0 });
    expect(sim.now).toBe(25);
  });

  test("stop() returns after the current event", () => {
    const sim = new Engine();
    let count = 0;
    const tick = () => {
      if (++count === 5) sim.stop();
      sim.schedule(1, tick);
    };
    tick();
    expect(sim.run().reason).toBe("stopped");
    expect(count).toBe(5);
  });

  test("an empty queue without a horizon ends the run", () => {
    const sim = new Engine();
    sim.schedule(3, () => {});
    expect(sim.run()).toEqual({ reason: "empty", fired: 1 });
    expect(sim.now).toBe(3);
  });

  test("peak pending counts live events, not tombstones", () => {
    const sim = new Engine();
    const ids = [1, 2, 3].map((t) => sim.schedule(t, () => {}));
    sim.cancel(ids[0]);
    sim.schedule(4, () => {});
    expect(sim.stats.peakPending).toBe(3);
  });
});

describe("Engine fingerprint", () => {
  const model = (swap: boolean) => {
    const sim = new Engine();
    for (let i = 0; i < 100; i++) sim.schedule(i * 7, () => {});
    sim.schedule(swap ? 351 : 350, () => {});
    sim.run();
    return sim.fingerprint;
  };

  test("identical runs have identical fingerprints; a one-µs difference changes it", () => {
    expect(model(false)).toBe(model(false));
    expect(model(false)).not.toBe(model(true));
    expect(model(false)).toMatch(/^[0-9a-f]{8}$/);
  });
});
