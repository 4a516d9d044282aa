import { describe, expect, test } from "vitest";
import { simulate } from "../../src/experiment/simulate.js";
import type { FaultEvent } from "../../src/model/config.js";
import { tinySimulation } from "./tiny-world.js";

// tinySimulation: zones a, b, c × 1 node, RF 3, LOCAL_QUORUM, 200 req/s, failure detection 2 s,
// 100 ms timeout. A wave over all three nodes, one at a time: 2 s after the start for 3 × (drain + down + gap).
const wave = (drain: number): FaultEvent => ({
  kind: "maintenanceWave",
  at: 2_000_000,
  target: { all: true },
  down: 5_000_000,
  gap: 1_000_000,
  batch: 1,
  drain,
});

describe("a maintenance wave", () => {
  test("drained first, one node at a time keeps a quorum and loses nothing", () => {
    const sim = simulate(tinySimulation({ timeline: [wave(2_000_000)] }), 1);
    expect(sim.outcome.requests.total).toBeGreaterThan(5000);
    // Each node is announced down 2 s before it stops: no request is sent to a stopping node.
    expect(sim.outcome.requests.ok).toBe(sim.outcome.requests.total);
    // One start and one end: 3 nodes × (2 s + 5 s + 1 s), less the last gap, after 2 s.
    expect(sim.faults.map((f) => [f.kind, f.phase, f.at])).toEqual([
      ["maintenanceWave", "start", 2_000_000],
      ["maintenanceWave", "end", 2_000_000 + 3 * 8_000_000 - 1_000_000],
    ]);
    expect(sim.faults[0].target).toBe("3 nodes of all nodes");
  });

  test("without a drain each stop is a crash: requests are lost until failure detection notices", () => {
    const sim = simulate(tinySimulation({ timeline: [wave(0)] }), 1);
    const lost = sim.outcome.requests.total - sim.outcome.requests.ok;
    // About a third of requests reach the stopped node as coordinator for up to 2 s, three times.
    expect(lost).toBeGreaterThan(100);
    expect(sim.outcome.availability).toBeLessThan(0.99);
  });

  test("batches of two take two nodes at once: LOCAL_QUORUM of 3 is lost while they are down", () => {
    const sim = simulate(tinySimulation({ timeline: [{ ...wave(2_000_000), batch: 2 }] }), 1);
    expect(sim.outcome.requests.unavailable).toBeGreaterThan(0);
    // Two batches: 2 × 8 s − 1 s.
    expect(sim.faults[1].at).toBe(2_000_000 + 2 * 8_000_000 - 1_000_000);
  });
});
