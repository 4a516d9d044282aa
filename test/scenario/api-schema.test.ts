import { describe, expect, test } from "vitest";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";

const MINIMAL = `duration: 2m
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }
workload:
  rate: 50/s
  namespaces:
    - { name: events, share: 50% }
    - { name: users, share: 50% }
`;

const load = (extra: string) => loadScenarioText(MINIMAL + extra, "test.yaml", {});

function problems(extra: string): string[] {
  try {
    load(extra);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems.map((p) => `line ${p.line} ${p.message}`);
    throw error;
  }
  throw new Error("expected a ScenarioError");
}

describe("the api section", () => {
  test("absent: no api in the model, so writes cost nothing extra and no outcome section appears", () => {
    expect(load("").base.config.world.api).toBeUndefined();
  });

  test("defaults: client tokens kept 10 min; durable time series on every namespace, flushed every 100 ms", () => {
    const api = load("api: { idempotency: {}, timeSeries: {} }\n").base.config.world.api!;
    expect(api.idempotency).toMatchObject({ token: "client", ttl: 600_000_000, regional: { errorRate: 0 }, global: { errorRate: 0 } });
    expect(api.timeSeries).toEqual({ namespaces: [0, 1], mode: "durable", flushInterval: 100_000, readPages: 1, settle: 5_000_000 });
  });

  test("time-series namespaces are named, and resolved to their index", () => {
    const api = load("api: { timeSeries: { namespaces: [users], mode: enqueued } }\n").base.config.world.api!;
    expect(api.timeSeries).toMatchObject({ namespaces: [1], mode: "enqueued" });
    expect(api.idempotency).toBeUndefined();
  });

  test("a misspelt token kind, mode or namespace is reported on its line with a suggestion", () => {
    expect(problems("api:\n  idempotency: { token: regionl }\n")).toEqual([
      'line 11 expected one of none|client|regional|global, got "regionl" (did you mean "regional"?)',
    ]);
    expect(problems("api:\n  timeSeries: { mode: enqueud }\n")[0]).toContain('did you mean "enqueued"?');
    expect(problems("api:\n  timeSeries: { namespaces: [event] }\n")).toEqual(['line 11 no namespace "event" in workload.namespaces (did you mean "events"?)']);
  });

  test("a token service fault needs tokens from a service, and the global service has no region", () => {
    const fault = "faults:\n  timeline:\n    - { at: 1m, kind: tokenServiceDegradation, service: global, region: r1, share: 10% }\n";
    expect(problems(`api: { idempotency: { token: client } }\n${fault}`)).toEqual([
      "line 13 a token service fault needs api.idempotency.token: regional or global",
      "line 13 the global token service has no region",
    ]);
    const ok = load(`api: { idempotency: { token: regional } }\nfaults:\n  timeline:\n    - { at: 1m, for: 10s, kind: tokenServiceDegradation, service: regional, region: r1, factor: 3 }\n`);
    expect(ok.base.config.world.faults.timeline[0]).toEqual({
      kind: "tokenServiceDegradation",
      at: 60_000_000,
      for: 10_000_000,
      service: "regional",
      region: "r1",
      factor: 3,
      share: 0,
    });
  });

  test("a token service fault on a region the topology lacks is reported", () => {
    const fault = "faults:\n  timeline:\n    - { at: 1m, kind: tokenServiceDegradation, service: regional, region: r2 }\n";
    expect(problems(`api: { idempotency: { token: regional } }\n${fault}`)[0]).toMatch(/no region "r2" in the topology/);
  });
});

describe("the api section and the cluster mode", () => {
  test("enqueued and fire-and-forget need coordinators (their queue); a pool is refused", () => {
    const text = MINIMAL.replace("cluster:\n", "cluster:\n  mode: pool\n") + "api: { timeSeries: { mode: enqueued } }\n";
    try {
      loadScenarioText(text, "test.yaml", {});
      throw new Error("expected a ScenarioError");
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      expect(error.problems.map((p) => p.message)).toEqual([
        "enqueued needs a coordinator's queue: use cluster.mode: coordinated (a pool serves writes directly, as durable)",
      ]);
    }
  });
});
