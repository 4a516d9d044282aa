import { describe, expect, test } from "vitest";
import { deriveVariant, loadScenarioText, type Scenario } from "../../src/scenario/load-scenario.js";
import { ScenarioError, type ScenarioProblem } from "../../src/scenario/scenario-error.js";

/** The smallest valid scenario: everything else is left to the schema's defaults. */
const MINIMAL = `duration: 2m
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }
workload:
  rate: 50/s
`;

/** MINIMAL with `extra` appended (extra starts at line 7). */
const withExtra = (extra: string) => MINIMAL + extra;

function load(text: string, sets?: string[]): Scenario {
  return loadScenarioText(text, "test.yaml", { sets });
}

function failure(text: string, sets?: string[]): ScenarioError {
  try {
    load(text, sets);
  } catch (error) {
    if (error instanceof ScenarioError) return error;
    throw error;
  }
  throw new Error("expected a ScenarioError");
}

/** The one problem of a file with one mistake. */
function onlyProblem(text: string): ScenarioProblem {
  const error = failure(text);
  expect(error.problems, error.format()).toHaveLength(1);
  return error.problems[0];
}

describe("loadScenarioText: defaults", () => {
  test("a minimal scenario gets the documented defaults", () => {
    const s = load(MINIMAL);
    const spec = s.base.spec;
    expect(s.name).toBe("test");
    expect(s.seed).toBe(1);
    expect(s.variants).toEqual([]);
    expect(s.expectations).toEqual([]);
    expect(s.hash).toMatch(/^[0-9a-f]{16}$/);
    // Absent in the file, 3 in coordinated mode (none in a pool): resolved when the model config is made.
    expect(spec.cluster.regions[0].replicationFactor).toBeUndefined();
    expect(s.base.config.world.cluster.regions[0].replicationFactor).toBe(3);
    expect(spec.cluster.vnodes).toBe(16);
    expect(spec.cluster.consistency).toEqual({ read: "LOCAL_QUORUM", write: "LOCAL_QUORUM" });
    expect(spec.cluster.failureDetection).toBe(2_000_000);
    expect(spec.cluster.node).toEqual({
      concurrency: 32,
      queueLimit: 1024,
      cpu: { GET: { dist: "constant", value: 50 }, PUT: { dist: "constant", value: 80 }, SCAN: { dist: "constant", value: 1000 } },
      disk: { dist: "scaledBeta", min: 800, max: 1800, alpha: 2, beta: 5 },
      diskReads: { GET: 1, PUT: 1, SCAN: 8 },
      limit: false,
      priorityShedding: false,
      contention: 0,
      deathSpiral: false,
    });
    expect(spec.cluster.mode).toBe("coordinated");
    expect(spec.cluster.signals).toEqual({
      target: 10_000,
      max: 500_000,
      concurrency: 1_000_000,
      hedges: 1,
      ops: {},
      namespaces: {},
      timeline: [],
    });
    expect(spec.cluster.network).toEqual({
      sameZone: { dist: "lognormal", median: 150, p99: 600 },
      crossZone: { dist: "lognormal", median: 500, p99: 1500 },
      crossRegion: { dist: "lognormal", median: 35_000, p99: 70_000 },
      bandwidth: 1.25e9,
      packets: { size: 1448, loss: 0, retransmitTimeout: 200_000 },
    });
    expect(spec.workload).toEqual({
      rate: 50,
      steps: [],
      multipliers: [],
      mix: { GET: 0.8, PUT: 0.2, SCAN: 0 },
      valueSize: { dist: "constant", value: 1024 },
      keys: { count: 1_000_000, popularity: "uniform", zipfExponent: 0.9 },
      fanOut: false,
      cas: false,
      closedLoop: false,
    });
    expect(spec.clients).toEqual({
      perZone: 2,
      balancer: { policy: "random", n: 3, crossZonePenalty: 2, nonReplicaPenalty: 2, unhealthyWeight: 1, healthHalfLife: 100 },
      timeouts: { kind: "single", steps: 4 },
      hedging: false,
      retries: false,
      gc: false,
      criticality: false,
      cache: false,
      compression: false,
      chunking: false,
      paging: false,
      scan: false,
    });
    expect(spec.faults).toEqual({ timeline: [] });
    expect(spec.slo).toEqual({
      window: 10_000_000,
      mergeGap: 30_000_000,
      minRequests: 1,
      GET: { p99: 10_000, errorRate: 0.001 },
      PUT: { p99: 10_000, errorRate: 0.001 },
      SCAN: { p99: 100_000, errorRate: 0.001 },
    });
  });

  test("the name comes from the file when the scenario has none", () => {
    expect(loadScenarioText(MINIMAL, "dir/zone-outage.yaml").name).toBe("zone-outage");
    expect(load(`name: named\n${MINIMAL}`).name).toBe("named");
  });

  test("the default SLO becomes a p99 target of 10 ms for each op", () => {
    expect(load(MINIMAL).base.config.metrics.slo).toEqual([
      { percentile: 99, latency: 10_000, errorRate: 0.001 },
      { percentile: 99, latency: 10_000, errorRate: 0.001 },
      { percentile: 99, latency: 100_000, errorRate: 0.001 },
    ]);
  });
});

describe("loadScenarioText: units", () => {
  const TEXT = `duration: 1.5h
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }
  failureDetection: 250ms
  network: { bandwidth: 200MiB/s, sameZone: 100us }
  node: { disk: { dist: lognormal, median: 1ms, p99: 5ms } }
  signals: { max: 1.5s, ops: { SCAN: { target: 100ms } } }
workload:
  rate: 120/min
  steps: [{ at: 10m, rate: 2/s }]
  mix: { GET: 90%, PUT: 10% }
  valueSize: 2KiB
faults:
  timeline:
    - { at: 30s, for: 2m, kind: nodeCrash, node: a/0 }
    - { at: 1m, kind: errors, all: true, share: 0.5% }
slo:
  window: 5s
  GET: { p999: 20ms, errorRate: 0.1% }
`;

  test("durations become µs, sizes bytes, rates per second, percentages fractions", () => {
    const spec = load(TEXT).base.spec;
    expect(spec.duration).toBe(5_400_000_000);
    expect(spec.cluster.failureDetection).toBe(250_000);
    expect(spec.cluster.network.bandwidth).toBe(200 * 2 ** 20);
    expect(spec.cluster.network.sameZone).toEqual({ dist: "constant", value: 100 });
    expect(spec.cluster.node.disk).toEqual({ dist: "lognormal", median: 1_000, p99: 5_000 });
    expect(spec.workload.rate).toBe(2);
    expect(spec.workload.steps).toEqual([{ at: 600_000_000, rate: 2 }]);
    expect(spec.workload.mix).toEqual({ GET: 0.9, PUT: 0.1, SCAN: 0 });
    expect(spec.workload.valueSize).toEqual({ dist: "constant", value: 2048 });
    expect(spec.cluster.signals.max).toBe(1_500_000);
    expect(spec.cluster.signals.ops).toEqual({ SCAN: { target: 100_000 } });
    expect(spec.faults.timeline[0]).toEqual({ kind: "nodeCrash", at: 30_000_000, for: 120_000_000, node: "a/0" });
    expect(spec.faults.timeline[1]).toMatchObject({ at: 60_000_000, share: 0.005 });
    expect(spec.slo.window).toBe(5_000_000);
    expect(spec.slo.GET).toEqual({ p999: 20_000, errorRate: 0.001 });
  });

  test("the model's config carries the converted values", () => {
    const { world, metrics } = load(TEXT).base.config;
    expect(world.duration).toBe(5_400_000_000);
    expect(world.workload.rate).toBe(2);
    expect(world.workload.namespaces).toEqual([
      { name: "default", share: 1, mix: { GET: 0.9, PUT: 0.1, SCAN: 0 }, valueSize: { dist: "constant", value: 2048 }, keys: { count: 1_000_000, popularity: "uniform", zipfExponent: 0.9 } },
    ]);
    expect(world.cluster.signals.default.max).toBe(1_500_000);
    expect(world.cluster.signals.overrides).toEqual([{ op: "SCAN", signal: { target: 100_000 } }]);
    expect(world.faults.timeline).toEqual([
      { kind: "nodeCrash", at: 30_000_000, for: 120_000_000, target: { node: "a/0" } },
      { kind: "errors", at: 60_000_000, for: undefined, target: { all: true }, share: 0.005 },
    ]);
    expect(metrics.window).toBe(5_000_000);
    expect(metrics.slo[0]).toEqual({ percentile: 99.9, latency: 20_000, errorRate: 0.001 });
  });
});

describe("loadScenarioText: problems", () => {
  test("malformed YAML: a syntax problem with line and column, no path", () => {
    const p = onlyProblem("name: t\nduration: 2m\nduration: 3m\n");
    expect(p).toEqual({ path: [], line: 3, column: 1, message: 'duplicate key "duration"' });
    const error = failure("name: t\nduration: 2m\ncluster: { regions: [ }\n");
    expect(error.problems.length).toBeGreaterThan(0);
    expect(error.problems[0]).toMatchObject({ path: [], line: 3 });
    expect(error.problems[0].column).toBeGreaterThan(1);
    expect(error.format()).toMatch(/^ {2}line 3:\d+ /m);
  });

  test("unknown key: its path, its line and a did-you-mean", () => {
    const p = onlyProblem(withExtra("slo:\n  windw: 10s\n"));
    expect(p).toEqual({ path: ["slo", "windw"], line: 8, message: 'unknown key "windw" (did you mean "window"?)' });
  });

  test("a bad duration names what was expected and what was given", () => {
    const p = onlyProblem(MINIMAL.replace("duration: 2m", "duration: 10 minutes"));
    expect(p).toEqual({ path: ["duration"], line: 1, message: 'expected a duration such as "250ms", got "10 minutes"' });
  });

  test("a negative rate is refused at its line", () => {
    const p = onlyProblem(MINIMAL.replace("rate: 50/s", "rate: -5"));
    expect(p).toMatchObject({ path: ["workload", "rate"], line: 6 });
    expect(p.message).toContain("got -5");
  });

  test("a replication factor above the region's nodes", () => {
    const p = onlyProblem(MINIMAL.replace("nodesPerZone: 1 }", "nodesPerZone: 1, replicationFactor: 4 }"));
    expect(p).toMatchObject({ path: ["cluster", "regions", 0, "replicationFactor"], line: 4 });
    expect(p.message).toBe('replication factor 4 is more than the 3 nodes of region "r1"');
  });

  test("a zone named twice", () => {
    const text = MINIMAL.replace("    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }", "    - { name: r1, zones: [a, b], nodesPerZone: 2 }\n    - { name: r2, zones: [c, a], nodesPerZone: 2 }");
    const p = onlyProblem(text);
    expect(p).toMatchObject({ path: ["cluster", "regions", 1, "zones", 1], line: 5, message: 'zone "a" appears twice' });
  });

  test.each([
    ["zoneOutage, zone: zz", "zone", /zone "zz"/],
    ["nodeCrash, node: a/5", "node", /no node "a\/5" in the topology \((did you mean "a\/0"\?|node ids are zone\/index)/],
    ["regionOutage, region: r9", "region", /region "r9"/],
    ["diskDegradation, zone: zz, factor: 3", "zone", /zone "zz"/],
  ])("a fault naming an unknown target (%s)", (fault, key, message) => {
    const p = onlyProblem(withExtra(`faults:\n  timeline:\n    - { at: 30s, kind: ${fault} }\n`));
    expect(p).toMatchObject({ path: ["faults", "timeline", 0, key], line: 9 });
    expect(p.message).toMatch(message);
    expect(p.message).toContain("topology");
  });

  test("a fault starting after the run ends", () => {
    const p = onlyProblem(withExtra("faults:\n  timeline:\n    - { at: 5m, kind: nodeCrash, node: a/0 }\n"));
    expect(p).toMatchObject({ path: ["faults", "timeline", 0, "at"], line: 9 });
    expect(p.message).toMatch(/after the run ends/);
  });

  test("LOCAL_QUORUM where clients sit in a region with replication factor 0", () => {
    const text = `duration: 2m
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }
    - { name: edge, zones: [e], nodesPerZone: 1, replicationFactor: 0 }
  consistency: { read: LOCAL_QUORUM, write: ONE }
workload:
  rate: 50/s
`;
    const p = onlyProblem(text);
    expect(p).toMatchObject({ path: ["cluster", "consistency", "read"], line: 6 });
    expect(p.message).toMatch(/LOCAL_QUORUM can never be met/);
    expect(p.message).toContain('"edge"');
    // Clients kept out of that region: nothing to complain about.
    expect(() => load(`${text}clients: { regions: [r1] }\n`)).not.toThrow();
  });

  test("mix shares that do not add up to 100%", () => {
    const p = onlyProblem(withExtra("  mix: { GET: 70%, PUT: 20% }\n"));
    expect(p).toMatchObject({ path: ["workload", "mix"], line: 7 });
    expect(p.message).toMatch(/add up to 100%/);
  });

  test("an SLO with two latency targets", () => {
    const p = onlyProblem(withExtra("slo:\n  GET: { p99: 10ms, p50: 2ms }\n"));
    expect(p).toMatchObject({ path: ["slo", "GET"], line: 8 });
    expect(p.message).toMatch(/exactly one latency target/);
  });

  test("an expectation with a syntax error: its index, line and column in the text", () => {
    const p = onlyProblem(withExtra("expect:\n  - availability >= 0.9\n  - availability >=\n"));
    expect(p).toMatchObject({ path: ["expect", 1], line: 9 });
    expect(p.message).toMatch(/after ">=" at column 16/);
    expect(p.message).not.toContain("\n");
  });

  test("an unknown path inside a variant is reported under variants.<name>", () => {
    const p = onlyProblem(withExtra("variants:\n  one: { cluster.consistncy.read: ONE }\n"));
    expect(p).toMatchObject({ path: ["variants", "one"], line: 8 });
    expect(p.message).toBe('cluster.consistncy: unknown key "consistncy" (did you mean "consistency"?)');
  });

  test("an invalid value inside a variant is reported under variants.<name>", () => {
    const p = onlyProblem(withExtra("variants:\n  ok: { cluster.consistency.read: ONE }\n  bad: { cluster.consistency.read: TWO }\n"));
    expect(p).toMatchObject({ path: ["variants", "bad"], line: 9 });
    expect(p.message).toMatch(/^cluster\.consistency\.read: expected one of .*ALL.*, got "TWO"$/);
  });

  test("a variant that breaks a cross-check is reported under variants.<name>", () => {
    const p = onlyProblem(withExtra('variants:\n  big: { "cluster.regions[0].replicationFactor": 5 }\n'));
    expect(p).toMatchObject({ path: ["variants", "big"], line: 8 });
    expect(p.message).toMatch(/^cluster\.regions\[0\]\.replicationFactor: replication factor 5 is more than the 3 nodes/);
  });

  // Regression: this was once reported as setPath's whole formatted error, blaming `--set`.
  test("a variant path through a scalar gets a one-line message that does not blame --set", () => {
    const p = onlyProblem(withExtra("variants:\n  v: { workload.rate.x: 1 }\n"));
    expect(p).toMatchObject({ path: ["variants", "v", "workload.rate.x"], line: 8 });
    expect(p.message).not.toContain("\n");
    expect(p.message).not.toContain("--set");
  });

  test("every problem is reported at once: three mistakes, three problems, in line order", () => {
    const text = `duration: 10 minutes
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }
workload:
  rate: -5
slo:
  windw: 10s
`;
    const error = failure(text);
    expect(error.problems.map((p) => [p.line, p.path.join(".")])).toEqual([
      [1, "duration"],
      [6, "workload.rate"],
      [8, "slo.windw"],
    ]);
    expect(error.format().split("\n")[0]).toBe("test.yaml: 3 problems");
  });

  test("every cross-check problem is reported at once", () => {
    const text = withExtra(`faults:
  timeline:
    - { at: 30s, kind: zoneOutage, zone: zz }
    - { at: 5m, kind: nodeCrash, node: a/0 }
`).replace("nodesPerZone: 1 }", "nodesPerZone: 1, replicationFactor: 4 }");
    expect(failure(text).problems.map((p) => p.path.join("."))).toEqual([
      "cluster.regions.0.replicationFactor",
      "faults.timeline.0.zone",
      "faults.timeline.1.at",
    ]);
  });

  test("every variant's problems are reported at once", () => {
    const error = failure(withExtra("variants:\n  a: { workload.rate: fast }\n  b: { cluster.consistency.read: TWO }\n"));
    expect(error.problems.map((p) => p.path.join("."))).toEqual(["variants.a", "variants.b"]);
  });

  test("a schema mistake does not hide the cross-check mistakes: one pass reports all", () => {
    const text = withExtra(`  burst: 2
faults:
  timeline:
    - { at: 30s, kind: zoneOutage, zone: zz }
`).replace("nodesPerZone: 1 }", "nodesPerZone: 1, replicationFactor: 4 }");
    const problems = failure(text).problems;
    expect(problems.map((p) => [p.line, p.path.join(".")])).toEqual([
      [4, "cluster.regions.0.replicationFactor"],
      [7, "workload.burst"],
      [10, "faults.timeline.0.zone"],
    ]);
    expect(problems[0].message).toContain("replication factor 4");
    expect(problems[2].message).toBe('no zone "zz" in the topology (zones: a, b, c)');
  });

  test("README's example: a bad duration, an unknown key and an unknown zone, all at once", () => {
    const text = `duration: 10 minutes
cluster:
  regions:
    - { name: us-east-1, zones: [us-east-1a, us-east-1b, us-east-1c], nodesPerZone: 2 }
  node:
    concurency: 8
workload:
  rate: 100/s
faults:
  timeline:
    - { at: 1m, for: 1m, kind: zoneOutage, zone: us-east-1d }
`;
    expect(failure(text).format()).toBe(
      [
        "test.yaml: 3 problems",
        '  line 1  duration: expected a duration such as "250ms", got "10 minutes"',
        '  line 6  cluster.node.concurency: unknown key "concurency" (did you mean "concurrency"?)',
        '  line 11 faults.timeline[0].zone: no zone "us-east-1d" in the topology (did you mean "us-east-1a"?)',
      ].join("\n"),
    );
  });

  test("a check that would only judge a stand-in for a wrong required value says nothing", () => {
    // With the duration wrong, whether the fault starts after the run ends cannot be known.
    const text = withExtra("faults:\n  timeline:\n    - { at: 90m, kind: zoneOutage, zone: a }\n").replace("duration: 2m", "duration: two minutes");
    expect(failure(text).problems.map((p) => p.path.join("."))).toEqual(["duration"]);
    // Nor does a file whose mistakes cannot be set aside (a fault of no known kind): only the schema speaks.
    const unknownKind = withExtra("faults:\n  timeline:\n    - { at: 30s, kind: meteor, zone: zz }\n");
    expect(failure(unknownKind).problems.map((p) => p.path.join("."))).toEqual(["faults.timeline.0.kind"]);
  });
});

describe("loadScenarioText: overrides, hash and variants", () => {
  test("--set changes the data and the hash", () => {
    const plain = load(MINIMAL);
    const faster = load(MINIMAL, ["workload.rate=100/s", "cluster.consistency.read=ONE"]);
    expect(faster.base.spec.workload.rate).toBe(100);
    expect(faster.base.spec.cluster.consistency.read).toBe("ONE");
    expect((faster.data as { workload: { rate: unknown } }).workload.rate).toBe("100/s");
    expect(faster.hash).not.toBe(plain.hash);
    expect(load(MINIMAL, ["workload.rate=100/s", "cluster.consistency.read=ONE"]).hash).toBe(faster.hash);
  });

  test("a bad --set value is a problem at its path, without a line from the file, naming the flag", () => {
    const p = failure(MINIMAL, ["workload.rate=fast"]).problems;
    expect(p).toEqual([{ path: ["workload", "rate"], message: 'expected a rate such as "100/s", got "fast" (from --set workload.rate=fast)' }]);
  });

  test("a key a --set made on its way is blamed on the flag, not on the line of its parent", () => {
    const p = failure(MINIMAL, ["cluster.nodes.concurrency=3"]).problems;
    expect(p).toEqual([{ path: ["cluster", "nodes"], message: 'unknown key "nodes" (did you mean "node"?) (from --set cluster.nodes.concurrency=3)' }]);
  });

  test("--set takes list indices as .0. as well as [0] (zsh globs the brackets)", () => {
    const text = withExtra("faults:\n  timeline:\n    - { at: 30s, for: 10s, kind: nodeCrash, node: a/0 }\n");
    const dotted = load(text, ["faults.timeline.0.for=1m"]);
    expect(dotted.base.spec.faults.timeline[0].for).toBe(60_000_000);
    expect(dotted.hash).toBe(load(text, ["faults.timeline[0].for=1m"]).hash);
  });

  test("the hash ignores key order and comments, but not values", () => {
    const reordered = `# the same scenario
workload: { rate: 50/s }
cluster:
  regions:
    - { nodesPerZone: 1, zones: [a, b, c], name: r1 }
duration: 2m
`;
    expect(load(reordered).hash).toBe(load(MINIMAL).hash);
    expect(load(MINIMAL.replace("zones: [a, b, c]", "zones: [b, a, c]")).hash).not.toBe(load(MINIMAL).hash);
  });

  test("variants are built with their overrides applied, on top of --set", () => {
    const text = withExtra(`faults:
  timeline:
    - { at: 30s, for: 10s, kind: nodeCrash, node: a/0 }
variants:
  one: { cluster.consistency.read: ONE, workload.rate: 120/min }
  long: { "faults.timeline[0].for": 1m }
`);
    const s = load(text, ["cluster.consistency.write=ALL"]);
    expect(s.variants.map((v) => v.name)).toEqual(["one", "long"]);
    const [one, long] = s.variants;
    expect(one.spec.cluster.consistency).toEqual({ read: "ONE", write: "ALL" });
    expect(one.config.world.workload.rate).toBe(2);
    expect(long.spec.cluster.consistency).toEqual({ read: "LOCAL_QUORUM", write: "ALL" });
    expect(long.config.world.faults.timeline[0].for).toBe(60_000_000);
    expect(s.base.spec.workload.rate).toBe(50);
    expect(s.base.spec.faults.timeline[0].for).toBe(10_000_000);
  });

  test("deriveVariant applies overrides to the loaded data and validates them", () => {
    const s = load(MINIMAL, ["workload.rate=10/s"]);
    const all = deriveVariant(s, "read=ALL", { "cluster.consistency.read": "ALL" });
    expect(all.name).toBe("read=ALL");
    expect(all.spec.cluster.consistency.read).toBe("ALL");
    expect(all.spec.workload.rate).toBe(10);
    let error: unknown;
    try {
      deriveVariant(s, "read=TWO", { "cluster.consistency.read": "TWO" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems[0].path).toEqual(["variants", "read=TWO"]);
  });
});

describe("cross-field limits are checked when the file is read, not mid-run", () => {
  const base = "duration: 1m\nworkload: { rate: 10/s }\ncluster:\n  regions: [{ name: r, zones: [a, b, c], nodesPerZone: 1, replicationFactor: 3 }]\n  node:\n    limit: ";
  const problem = (limit: string) => {
    try {
      loadScenarioText(`${base}${limit}\n`, "limits.yaml");
    } catch (error) {
      if (error instanceof ScenarioError) return error.format();
      throw error;
    }
    return "accepted";
  };

  test("an adaptive limit must start within min and max, and min must not exceed max", () => {
    expect(problem("{ kind: aimd, initial: 100, max: 64 }")).toMatch(/line 6 cluster\.node\.limit\.initial: must be between min \(1\) and max \(64\), got 100/);
    expect(problem("{ kind: vegas, initial: 2, min: 4 }")).toMatch(/cluster\.node\.limit\.initial: must be between min \(4\)/);
    expect(problem("{ kind: gradient, min: 10, max: 5 }")).toMatch(/cluster\.node\.limit\.min: must be at most max \(5\), got 10/);
    expect(problem("{ kind: aimd, initial: 8, min: 8, max: 8 }")).toBe("accepted");
  });
});

describe("a file nested too deeply to read", () => {
  test("is said in words, with its line, not as a stack overflow", () => {
    // The parser runs out of stack near 800–900 levels when its code is cold, and near 1,300–1,600
    // once it is optimized (in a test worker that has parsed other files first): 5,000 is past both.
    for (const text of [`a: ${"[".repeat(5000)}${"]".repeat(5000)}\n`, `duration: 1m\nworkload:\n${Array.from({ length: 5000 }, (_, i) => `${"  ".repeat(i + 1)}k${i}:`).join("\n")}\n`]) {
      let message = "";
      try {
        loadScenarioText(text, "deep.yaml");
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        message = error.format();
      }
      expect(message).toMatch(/^deep\.yaml: 1 problem\n {2}line \d+:\d+ nested too deeply to read/);
      expect(message).not.toMatch(/call stack/);
    }
  });

  test("nesting the parser reads but later steps could not (found by the fuzz test) is refused at its path", () => {
    // 200 levels: within the YAML parser's reach, beyond what overrides and validation recurse through safely.
    for (const deep of [`${"[".repeat(200)}${"]".repeat(200)}`, `${"{a: ".repeat(200)}1${"}".repeat(200)}`]) {
      let message = "";
      try {
        loadScenarioText(`duration: 1m\ncluster: { regions: [{ name: r, zones: [a], nodesPerZone: 1 }] }\nworkload: { rate: ${deep} }\n`, "deep.yaml", { sets: ["duration=2m"] });
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        message = error.format();
      }
      expect(message).toMatch(/^deep\.yaml: 1 problem\n {2}line 3 workload\.rate\S*: nested more than 64 levels deep \(a scenario needs a handful\)$/);
    }
  });

  test("so is nesting that aliases build deeper than the text shows", () => {
    // Each anchor nests the one before 30 levels deeper: 3 of them make 90 levels from 30-deep text.
    const chain = Array.from({ length: 3 }, (_, i) => `k${i}: &a${i} ${"[".repeat(30)}${i === 0 ? 1 : `*a${i - 1}`}${"]".repeat(30)}`).join("\n");
    let message = "";
    try {
      loadScenarioText(`duration: 1m\n${chain}\n`, "alias.yaml");
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      message = error.format();
    }
    expect(message).toMatch(/k2\S*: nested more than 64 levels deep/);
  });
});

describe("an expectation too long to parse safely", () => {
  const withExpectation = (expectation: string) =>
    `duration: 1m\nworkload: { rate: 10/s }\ncluster:\n  regions: [{ name: r, zones: [a, b, c], nodesPerZone: 1, replicationFactor: 3 }]\nexpect:\n  - ${expectation}\n`;

  test("5,000 nested parentheses or a 20,000-term sum: a problem at its line, not a stack overflow", () => {
    for (const expectation of [`${"(".repeat(5000)}availability${")".repeat(5000)} > 0`, `${Array(20000).fill("availability").join(" + ")} > 0`]) {
      let message = "";
      try {
        loadScenarioText(withExpectation(expectation), "long.yaml");
      } catch (error) {
        if (!(error instanceof ScenarioError)) throw error;
        message = error.format();
      }
      expect(message).toMatch(/line 6 expect\[0\]: too long: \d+ tokens, at most 1000/);
    }
  });

  test("a long but reasonable one still reads", () => {
    expect(() => loadScenarioText(withExpectation(`${Array(200).fill("availability").join(" + ")} > 0`), "ok.yaml")).not.toThrow();
  });
});

describe("loadScenarioText: workload.fanOut", () => {
  const fanOut = (text: string) => load(MINIMAL + text).base.config.world.workload.namespaces.map((n) => n.fanOut);

  test("off by default: no fanOut key in the model's namespaces", () => {
    expect(load(MINIMAL).base.config.world.workload.namespaces[0]).not.toHaveProperty("fanOut");
  });

  test("waitFor defaults to keys; a namespace may override the workload's", () => {
    expect(fanOut("  fanOut: { keys: 4 }\n")).toEqual([{ keys: 4, waitFor: 4 }]);
    const two = "  fanOut: { keys: 4 }\n  namespaces:\n    - { name: a, share: 50% }\n    - { name: b, share: 50%, fanOut: { keys: 8, waitFor: 6 } }\n";
    expect(fanOut(two)).toEqual([{ keys: 4, waitFor: 4 }, { keys: 8, waitFor: 6 }]);
  });

  test("waitFor above keys, and keys out of 1..1000, are refused", () => {
    expect(onlyProblem(MINIMAL + "  fanOut: { keys: 4, waitFor: 5 }\n").path.join(".")).toBe("workload.fanOut.waitFor");
    expect(onlyProblem(MINIMAL + "  fanOut: { keys: 1001 }\n").path.join(".")).toBe("workload.fanOut.keys");
  });
});
