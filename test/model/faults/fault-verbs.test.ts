import { describe, expect, test } from "vitest";
import { seconds } from "../../../src/engine/time.js";
import type { FaultEvent } from "../../../src/model/config.js";
import { planFault, type FaultClient } from "../../../src/model/faults/fault-verbs.js";
import { World } from "../../../src/model/world.js";
import { constant, tinySimulation } from "../tiny-world.js";

// Zones a, b, c with one node each (indices 0, 1, 2).
function setup(clients: FaultClient[] = []) {
  const world = new World(tinySimulation().world, 1, { requests: { onRequestDone: () => {} } });
  return { cluster: world.cluster, fw: { engine: world.engine, cluster: world.cluster, clients } };
}
const at = seconds(10);
const up = (w: ReturnType<typeof setup>) => w.cluster.nodes.map((n) => n.up);

describe("fault verbs", () => {
  test("a zone outage takes the zone's nodes down at its start and back at its end, reported by the zone's name", () => {
    const w = setup();
    const fault = planFault({ kind: "zoneOutage", at, target: { zone: "b" } }, w.fw);
    fault.start();
    expect([fault.target, up(w)]).toEqual(["b", [true, false, true]]);
    fault.end();
    expect(up(w)).toEqual([true, true, true]);
  });

  test("a ×4 disk degradation of one node multiplies its disk latency by 4 until its end", () => {
    const w = setup();
    const fault = planFault({ kind: "diskDegradation", at, target: { node: "c/0" }, factor: 4 }, w.fw);
    fault.start();
    expect(w.cluster.nodes.map((n) => n.diskFactor)).toEqual([1, 1, 4]);
    fault.end();
    expect(w.cluster.nodes[2].diskFactor).toBe(1);
  });

  test("a retry storm multiplies the load of the clients in its zones by its factor, and divides it at its end", () => {
    const calls: Array<[number, number]> = [];
    const client = (zone: number): FaultClient => ({ zone, retryStorm: (f) => calls.push([zone, f]), restartCache: () => {} });
    const w = setup([client(0), client(1)]);
    const fault = planFault({ kind: "retryStorm", at, target: { zone: "a" }, factor: 4 }, w.fw);
    fault.start();
    fault.end();
    expect([fault.target, calls]).toEqual(["clients of zone a", [[0, 4], [0, 0.25]]]);
  });

  test("packet loss on a zone impairs its servers while it lasts", () => {
    const w = setup();
    const fault = planFault({ kind: "packetLoss", at, target: { node: "a/0" }, share: 0.1 }, w.fw);
    fault.start();
    expect(w.cluster.nodes.map((n) => n.impaired)).toEqual([true, false, false]);
    fault.end();
    expect(w.cluster.nodes[0].impaired).toBe(false);
  });

  test("attempt errors fail the attempts the target's nodes coordinate with their class, and impair them while they last", () => {
    const w = setup();
    const fault = planFault({ kind: "attemptErrors", at, target: { zone: "c" }, probability: 1, errorClass: "throttled" }, w.fw);
    fault.start();
    expect([fault.target, w.cluster.nodes.map((n) => n.impaired), [0, 1, 2].map((i) => w.cluster.attemptErrors.draw(i))]).toEqual(["zone c", [false, false, true], [-1, -1, 1]]);
    fault.end();
    expect([w.cluster.nodes[2].impaired, w.cluster.attemptErrors.draw(2)]).toEqual([false, -1]);
  });

  test("a wave of 3 nodes, one at a time, 10 s down and 5 s apart, lasts 3 × 15 − 5 = 40 s", () => {
    const w = setup();
    const wave: FaultEvent = { kind: "maintenanceWave", at, target: { all: true }, down: seconds(10), gap: seconds(5), batch: 1, drain: 0 };
    const fault = planFault(wave, w.fw);
    expect(fault.for).toBe(seconds(40));
    expect(fault.steps!.map(([t]) => (t - at) / 1e6)).toEqual([0, 10, 15, 25, 30, 40]);
  });

  test("a GC storm swaps the nodes' pause schedule and holds them impaired until its end", () => {
    const w = setup();
    const fault = planFault({ kind: "gcStorm", at, target: { region: "r1" }, gc: { interval: constant(1000), pause: constant(500) } }, w.fw);
    fault.start();
    expect(w.cluster.nodes.every((n) => n.impaired)).toBe(true);
    fault.end();
    expect(w.cluster.nodes.some((n) => n.impaired)).toBe(false);
  });
});
