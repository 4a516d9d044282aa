import { describe, expect, test } from "vitest";
import { Engine } from "../../../src/engine/engine.js";
import { RandomStreams } from "../../../src/engine/random-streams.js";
import { Network } from "../../../src/model/network/network.js";
import { Topology } from "../../../src/model/topology.js";
import { clusterConfig, constant } from "../tiny-world.js";

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
    expect(net.stats).toMatchObject({ messages: 2, bytes: 500, packets: 2, packetsLost: 0, retransmits: 0 });
  });

  test("a payload takes ceil(bytes / packet size) packets, at least one", () => {
    const net = new Network(new Engine(), topology, { ...lossy(0), packets: { size: 1000, loss: 0, retransmitTimeout: 200_000 } }, new RandomStreams(1));
    expect([0, 1, 1000, 1001, 5000].map((b) => net.packetsFor(b))).toEqual([1, 1, 1, 2, 5]);
  });

  test("without loss nothing is drawn: delays are those of a network with no packet settings", () => {
    const a = network();
    const b = new Network(new Engine(), topology, lossy(0), new RandomStreams(1));
    expect([a.delay(0, 0, 10), a.delay(0, 1, 10)]).toEqual([b.delay(0, 0, 10), b.delay(0, 1, 10)]);
  });

  test("each lost packet costs the retransmit timeout; losses match n × p within 5%", () => {
    // 20,000 messages of 100 packets, 0.2% loss: 4,000 losses expected (σ ≈ 63, so 5% is > 3σ).
    const engine = new Engine();
    const net = new Network(engine, topology, lossy(0.002), new RandomStreams(3));
    const arrivals: number[] = [];
    for (let i = 0; i < 20_000; i++) net.send(0, 0, 100 * 1000, () => arrivals.push(engine.now), i);
    engine.run();
    const s = net.stats;
    expect(s.packets).toBe(2_000_000);
    expect(Math.abs(s.packetsLost - 4000) / 4000).toBeLessThan(0.05);
    // A message loses at least one packet with probability 1 − 0.998^100 ≈ 18.1%.
    const delayed = 1 - 0.998 ** 100;
    expect(Math.abs(s.messagesDelayed / 20_000 - delayed)).toBeLessThan(0.01);
    // Each delayed message is late by 200 ms (400 ms more when the same packet is lost again).
    const base = 100 + 100 * 1000; // same-zone latency + 100 kB at 1 B/µs
    const late = arrivals.filter((t) => t > base);
    expect(late.length).toBe(s.messagesDelayed);
    for (const t of late) expect([base + 200_000, base + 600_000]).toContain(t);
    expect(s.retransmits).toBeGreaterThanOrEqual(s.packetsLost);
    expect(s.retransmitDelay).toBe(late.reduce((a, t) => a + t - base, 0));
  });

  test("a packetLoss fault adds loss on its zone's traffic only, until it ends", () => {
    const engine = new Engine();
    const net = new Network(engine, topology, lossy(0), new RandomStreams(5));
    net.startLoss(0, 0.01);
    for (let i = 0; i < 2000; i++) net.send(1, 2, 100 * 1000, () => undefined, i); // zones b → c: untouched
    expect(net.stats.packetsLost).toBe(0);
    for (let i = 0; i < 2000; i++) net.send(1, 0, 100 * 1000, () => undefined, i); // into zone a: lossy
    const lost = net.stats.packetsLost;
    // 200,000 packets at 1%: 2,000 expected (σ ≈ 45).
    expect(Math.abs(lost - 2000)).toBeLessThan(200);
    net.stopLoss(0, 0.01);
    for (let i = 0; i < 2000; i++) net.send(1, 0, 100 * 1000, () => undefined, i);
    expect(net.stats.packetsLost).toBe(lost);
  });
});

/** A network with the given packet loss: 1000-byte packets, 200 ms retransmit timeout, 1 B/µs. */
function lossy(loss: number) {
  return {
    sameZone: constant(100),
    crossZone: constant(1000),
    crossRegion: constant(50_000),
    bandwidth: 1e6,
    packets: { size: 1000, loss, retransmitTimeout: 200_000 },
  };
}
