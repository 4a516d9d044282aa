import { describe, expect, test } from "vitest";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";
import { scenarioProblems } from "../support/scenario-problems.js";

const MINIMAL = `duration: 2m
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }
`;

const load = (text: string) => loadScenarioText(MINIMAL + text, "test.yaml").base.config.world;
const messages = (text: string): string[] => scenarioProblems(() => load(text));

describe("compare-and-set and closed-loop clients in scenario files", () => {
  test("off by default: no cas, no closed loop, and retryOn's default is unchanged", () => {
    const world = load("workload: { rate: 50/s }\nclients: { retries: { maxAttempts: 2 } }\n");
    expect(world.workload.namespaces[0].cas).toBeUndefined();
    expect(world.workload.closedLoop).toBeUndefined();
    expect(world.client.retries!.retryOn).toEqual(["timeout", "throttled", "overloaded", "unavailable"]);
  });

  test("read in model units; a namespace's cas overrides the workload's", () => {
    const world = load(`workload:
  rate: 0
  cas: { share: 10% }
  closedLoop: { clients: 12, operations: 50, think: { dist: exponential, mean: 20ms } }
  namespaces:
    - { name: users, share: 50% }
    - { name: orders, share: 50%, cas: { } }
    - { name: logs, share: 0%, cas: false }
clients: { retries: { retryOn: [conflict] } }
`);
    expect(world.workload.namespaces.map((ns) => ns.cas)).toEqual([{ share: 0.1 }, { share: 1 }, undefined]);
    expect(world.workload.closedLoop).toEqual({ clients: 12, operations: 50, think: { dist: "exponential", mean: 20_000 } });
    expect(world.client.retries!.retryOn).toEqual(["conflict"]);
  });

  test("bad values and unsupported combinations are refused, with their paths", () => {
    expect(messages("workload: { rate: 1/s, closedLoop: { clients: 0, operations: 1 }, cas: { share: 2 } }\n")).toEqual([
      expect.stringMatching(/^workload\.cas\.share: /),
      expect.stringMatching(/^workload\.closedLoop\.clients: /),
    ]);
    expect(messages("workload: { rate: 1/s, closedLoop: { clients: 1, operations: 1 }, fanOut: { keys: 2 } }\nclients: { paging: {} }\n").sort()).toEqual([
      "workload.closedLoop: closed-loop clients wait for one request at a time: not with clients.paging (each page is a request of its own)",
      "workload.closedLoop: closed-loop clients wait for one request at a time: not with workload.fanOut (a multi-get's parts are requests of their own)",
    ]);
    expect(messages("workload: { rate: 1/s, cas: {} }\nclients: { chunking: {} }\napi: { timeSeries: {} }\n").sort()).toEqual([
      "workload.cas: a compare-and-set needs a versioned row, not a time-series table: default (see api.timeSeries.namespaces)",
      "workload.cas: a compare-and-set writes its value whole: not with clients.chunking",
    ]);
    expect(messages("clients: { retries: { retryOn: [conflikt] } }\nworkload: { rate: 1/s }\n")).toEqual([expect.stringMatching(/^clients\.retries\.retryOn\.0: .*conflict/)]);
  });
});
