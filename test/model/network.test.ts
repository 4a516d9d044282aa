import { describe, expect, test } from "vitest";
import { Engine } from "../../src/engine/engine.js";
import { RandomStreams } from "../../src/engine/random-streams.js";
import { Network } from "../../src/model/network.js";
import { Topology } from "../../src/model/topology.js";
import { clusterConfig, constant } from "./tiny-world.js";

const topology = new Topology(
  clusterConfig({
    regions: [
      { name: "r1", zones: ["a", "b"], nodesPerZone: 1, replicationFactor: 1 },
      { name: "r2", zones: ["c"], nodesPerZone: 1, replicationFactor: 1 },
    ],
  }),
);

function network(engine = new Engine(), sameZone = 100) {
  // 1 MB/s: each byte adds 1 µs.
  const config = { sameZone: constant(sameZone), crossZone: constant(1000), crossRegion: constant(50_000), bandwidth: 1e6 };
  return new Network(engine, topology, config, new RandomStreams(1));
}

describe("Network", () => {
  test("latency by distance plus size / bandwidth", () => {
    const net = network();
    expect(net.delay(0, 0, 0)).toBe(100);
    expect(net.delay(0, 1, 0)).toBe(1000);
    expect(net.delay(1, 2, 0)).toBe(50_000);
    expect(net.delay(0, 1, 2500)).toBe(3500);
  });

  test("a delay is at least 1 µs", () => {
    expect(network(new Engine(), 0).delay(0, 0, 0)).toBe(1);
  });

  test("send delivers the message after the delay and counts messages and bytes", () => {
    const engine = new Engine();
    const net = network(engine);
    const log: Array<[number, string]> = [];
    net.send(0, 1, 500, (m: string) => log.push([engine.now, m]), "x");
    net.send(0, 0, 0, (m: string) => log.push([engine.now, m]), "y");
    engine.run();
    expect(log).toEqual([
      [100, "y"],
      [1500, "x"],
    ]);
    expect(net.stats).toEqual({ messages: 2, bytes: 500 });
  });
});
