import { describe, expect, test } from "vitest";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";

const MINIMAL = `duration: 2m
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }
workload:
  rate: 50/s
`;

function problems(text: string): Array<{ path: string; line: number | undefined; message: string }> {
  try {
    loadScenarioText(MINIMAL + text, "test.yaml");
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return error.problems.map((p) => ({ path: p.path.join("."), line: p.line, message: p.message }));
  }
  return [];
}

describe("payload options in scenario files", () => {
  test("packets, compression, chunking, paging and scan are read in model units", () => {
    const s = loadScenarioText(
      MINIMAL +
        `  mix: { GET: 50%, SCAN: 50% }
clients:
  compression: { ratio: 2.5, cpuPerMiB: 1ms }
  chunking: { size: 128KiB }
  paging: { by: rows, pageRows: 20, deadline: 15ms }
  scan: { rows: 5000, cursors: 4 }
faults:
  timeline:
    - { at: 1m, for: 10s, kind: packetLoss, zone: a, share: 1% }
`,
      "test.yaml",
      { sets: ["cluster.network.packets={ size: 9000B, loss: 0.1%, retransmitTimeout: 50ms }"] },
    );
    const world = s.base.config.world;
    expect(world.cluster.network.packets).toEqual({ size: 9000, loss: 0.001, retransmitTimeout: 50_000 });
    expect(world.client.compression).toEqual({ ratio: { dist: "constant", value: 2.5 }, cpuPerMiB: 1000 });
    expect(world.client.chunking).toEqual({ size: 131_072, parallel: 8 });
    expect(world.client.paging).toMatchObject({ by: "rows", pageRows: 20, pageSize: 1_048_576, fetchSize: 65_536, deadline: 15_000 });
    expect(world.client.scan).toEqual({ rows: { dist: "constant", value: 5000 }, cursors: 4 });
    expect(world.faults.timeline).toEqual([{ kind: "packetLoss", at: 60_000_000, for: 10_000_000, target: { zone: "a" }, share: 0.01 }]);
  });

  test("off by default: no compression, chunking, paging or scan; packets of 1448 B, none lost", () => {
    const world = loadScenarioText(MINIMAL, "test.yaml").base.config.world;
    expect([world.client.compression, world.client.chunking, world.client.paging, world.client.scan]).toEqual([undefined, undefined, undefined, undefined]);
    expect(world.cluster.network.packets).toEqual({ size: 1448, loss: 0, retransmitTimeout: 200_000 });
  });

  test("packet loss above 50% is refused, with its path and line", () => {
    const found = problems(`faults:\n  timeline:\n    - { at: 1m, kind: packetLoss, all: true, share: 60% }\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: "faults.timeline.0.share", line: 9 });
    expect(found[0].message).toMatch(/50%|0\.5/);
  });

  test("a scan without paging is refused: its pages need a policy", () => {
    const found = problems(`clients:\n  scan: { rows: 100 }\n`);
    expect(found).toEqual([expect.objectContaining({ path: "clients.scan", message: expect.stringContaining("clients.paging") })]);
  });

  test("a misspelt paging policy lists the choices", () => {
    const found = problems(`clients:\n  paging: { by: bytes }\n`);
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe("clients.paging.by");
    expect(found[0].message).toContain("size");
  });
});
