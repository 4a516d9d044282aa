import { describe, expect, test } from "vitest";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";
import { scenarioProblems } from "../support/scenario-problems.js";

const MINIMAL = `duration: 2m
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }
workload:
  rate: 50/s
`;

const load = (text: string) => loadScenarioText(MINIMAL + text, "test.yaml").base.config.world;

const messages = (text: string): string[] => scenarioProblems(() => load(text));

describe("appTier and cluster.replacement in scenario files", () => {
  test("both are off by default", () => {
    const world = load("");
    expect(world.appTier).toBeUndefined();
    expect(world.cluster.replacement).toBeUndefined();
  });

  test("appTier is read in model units with its defaults", () => {
    const world = load("appTier: { perZone: 3, service: 5ms, headroom: { reserved: 50% }, autoscaling: { scaleOutAbove: 70% } }\n");
    expect(world.appTier).toEqual({
      perZone: 3,
      concurrency: 8,
      service: { dist: "constant", value: 5000 },
      queueLimit: 1000,
      provisioning: 120_000_000,
      headroom: { reserved: 0.5, preInject: false },
      autoscaling: { scaleOutAbove: 0.7, scaleInBelow: 0, every: 10_000_000, detection: 30_000_000, cooldown: 60_000_000, step: 1, max: 1000 },
    });
  });

  test("appTier: bad input is refused with its path", () => {
    expect(messages("appTier: { perZone: 1, service: 5ms, headroom: { preInject: true } }\n")).toEqual([
      "appTier.headroom.preInject: pre-injection acts on a region's evacuation: it needs cluster.evacuation",
    ]);
    expect(messages("appTier: { perZone: 1, service: 5ms, autoscaling: { scaleOutAbove: 50%, scaleInBelow: 60% } }\n")).toEqual([
      "appTier.autoscaling.scaleInBelow: must be below scaleOutAbove",
    ]);
    expect(messages("appTier: { perZone: 0, service: 5ms }\n")[0]).toMatch(/^appTier.perZone: /);
    expect(messages("appTier: { perZone: 1 }\n")[0]).toMatch(/^appTier.service: /);
  });

  test("cluster.replacement is read in model units with its defaults", () => {
    const world = loadScenarioText(
      MINIMAL.replace("nodesPerZone: 1 }", "nodesPerZone: 1 }\n  replacement: { strategy: snapshot, dataPerNode: 10GiB, writeRate: 1MiB/s, streamBandwidth: 100MiB/s }"),
      "test.yaml",
    ).base.config.world;
    expect(world.cluster.replacement).toEqual({
      strategy: "snapshot",
      provision: 0,
      dataPerNode: 10 * 1024 ** 3,
      writeRate: 1024 ** 2,
      downloadBandwidth: 1024 ** 3,
      snapshotAge: 0,
      streamBandwidth: 100 * 1024 ** 2,
      reattachTime: 600_000_000,
      peerSlots: 0,
      cutover: 1_000_000,
    });
  });

  test("cluster.replacement: a stream no faster than the writes never catches up, and is refused", () => {
    const text = MINIMAL.replace("nodesPerZone: 1 }", "nodesPerZone: 1 }\n  replacement: { strategy: stream, dataPerNode: 10GiB, writeRate: 100MiB/s, streamBandwidth: 100MiB/s }");
    try {
      loadScenarioText(text, "test.yaml");
      expect.unreachable();
    } catch (error) {
      expect((error as ScenarioError).problems.map((p) => `${p.path.join(".")}: ${p.message}`)).toEqual([
        "cluster.replacement.streamBandwidth: streamBandwidth must exceed writeRate, or a replacement never catches up on the writes",
      ]);
    }
  });
});
