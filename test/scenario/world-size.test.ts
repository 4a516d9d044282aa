import { describe, expect, test } from "vitest";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";
import { loadFleetScenarioText } from "../../src/scenario/load-fleet-scenario.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";

/** The problems a scenario text is refused with, one line each ("" when it loads). */
function refusal(load: () => unknown): string {
  const started = process.hrtime.bigint();
  try {
    load();
    return "";
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return error.problems.map((p) => `${p.path.join(".")}: ${p.message}`).join("\n");
  } finally {
    // Refused from arithmetic on the file, never by building the world: well within a second.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  }
}

const cluster = (topology: string, extra = "") =>
  refusal(() => loadScenarioText(`duration: 1h\ncluster: { regions: [${topology}] ${extra} }\nworkload: { rate: 100/s }\n`, "s.yaml"));

describe("worlds too large to build are refused when the file is read", () => {
  test("token ranges: 10 zones × 1,000 nodes with 256 vnodes are 2.56 M ranges", () => {
    const zones = Array.from({ length: 10 }, (_, i) => `z${i}`).join(", ");
    const text = cluster(`{ name: r, zones: [${zones}], nodesPerZone: 1000 }`, ", vnodes: 256");
    expect(text).toBe("cluster.vnodes: the token ranges (vnodes × nodes = 256 × 10,000) would be 2,560,000, more than the 2,000,000 relisim can build; use fewer vnodes or nodes");
  });

  test("replica-group table: linear in ranges, not nodes²: 4 regions × 3 zones × 400 nodes with 256 vnodes", () => {
    const region = (r: string) => `{ name: ${r}, zones: [${r}1, ${r}2, ${r}3], nodesPerZone: 400, replicationFactor: 3 }`;
    const text = cluster(["a", "b", "c", "d"].map(region).join(", "), ", vnodes: 256");
    // 2 (read, write) × 4 regions × 1,228,800 ranges × (2 + 2 × 4 + 2 × 12) words.
    expect(text).toBe("cluster.vnodes: the replica-group table (2 × regions × ranges × (2 + 2 × regions + 2 × replicas) = 2 × 4 × 1,228,800 × 34 words) would be 334,233,600, more than the 120,000,000 relisim can build; use fewer vnodes or nodes");
    // The case that vnodes × nodes² refused (9.2·10⁹) is now within both limits.
    expect(cluster("{ name: r, zones: [a, b, c, d, e, f], nodesPerZone: 1000, replicationFactor: 3 }", ", vnodes: 256")).toBe("");
  });

  test("more than 10,000 nodes, in zones summed over regions", () => {
    const zones = Array.from({ length: 11 }, (_, i) => `z${i}`).join(", ");
    expect(cluster(`{ name: r, zones: [${zones}], nodesPerZone: 1000 }`)).toMatch(/^cluster\.regions: the cluster's nodes .* would be 11,000, more than the 10,000/);
  });

  test("the clients: perZone × zones, and their per-node state", () => {
    const clients = (perZone: number) =>
      refusal(() => loadScenarioText(`duration: 1h\ncluster: { regions: [{ name: r, zones: [a, b, c], nodesPerZone: 300 }], vnodes: 1 }\nworkload: { rate: 100/s }\nclients: { perZone: ${perZone} }\n`, "s.yaml"));
    expect(clients(4000)).toMatch(/^clients\.perZone: the clients \(perZone × 3 zones\) would be 12,000, more than the 10,000/);
    expect(clients(2000)).toMatch(/^clients\.perZone: the clients' per-node state \(clients × nodes = 6,000 × 900\) would be 5,400,000, more than the 5,000,000/);
    expect(clients(1000)).toBe("");
  });

  test("warm caches: clients × capacity keys", () => {
    const text = refusal(() =>
      loadScenarioText("duration: 1h\ncluster: { regions: [{ name: r, zones: [a], nodesPerZone: 3 }] }\nworkload: { rate: 100/s }\nclients: { perZone: 2, cache: { capacity: 1000000000000 } }\n", "s.yaml"),
    );
    expect(text).toMatch(/^clients\.cache\.capacity: the keys of the warm caches \(clients × capacity = 2 × 1,000,000,000,000\) would be 2,000,000,000,000, more than the 10,000,000 relisim can hold/);
  });

  test("windows to record: a century of one-second windows", () => {
    const text = refusal(() => loadScenarioText("duration: 100y\ncluster: { regions: [{ name: r, zones: [a], nodesPerZone: 3 }] }\nworkload: { rate: 1/s }\nslo: { window: 1s }\n", "s.yaml"));
    expect(text).toMatch(/^slo\.window: the windows recorded \(duration \/ slo\.window\) would be 3,153,600,000, more than the 1,000,000 relisim can record/);
  });

  test("a fleet: clusters × zones × nodesPerZone nodes, and their token ranges", () => {
    const fleet = (body: string) => refusal(() => loadFleetScenarioText(`duration: 1y\nfleet: { ${body} }\n`, "f.yaml"));
    expect(fleet("clusters: 20000, zones: 1000000, nodesPerZone: 1")).toMatch(/^fleet: the fleet's nodes .* would be 20,000,000,000, more than the 2,000,000/);
    expect(fleet("clusters: 20000, zones: 3, nodesPerZone: 10, vnodes: 256")).toMatch(/^fleet\.vnodes: the fleet's token ranges \(nodes × vnodes = 600,000 × 256\) would be 153,600,000, more than the 20,000,000/);
    expect(fleet("clusters: 2000, zones: 3, nodesPerZone: 4")).toBe("");
  });
});
