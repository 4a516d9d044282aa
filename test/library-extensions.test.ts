import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  registerBalancer,
  registerFaultKind,
  registerLimit,
  runScenario,
  ScenarioError,
  simulateScenario,
  type Balancer,
  type Undo,
} from "../src/index.js";
import { scenarioJsonSchema } from "../src/scenario/json-schema.js";

/**
 * Extension points of the library: a program's own balancer, limit algorithm and fault kind,
 * named in scenarios as the built-ins are. Each is held to a known answer: a re-implementation
 * of a built-in gives the built-in's outcome byte for byte, and a pinned balancer loses the share
 * of requests that closed form says.
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist", "index.js");

/** A 3-node cluster at `rate`, with `extra` YAML appended. */
const scenario = (extra: string, rate = "100/s") => ({
  name: "ext.yaml",
  text: `seed: 5\nduration: 1m\ncluster:\n  regions:\n    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }\nworkload:\n  rate: ${rate}\n${extra}`,
});

/** What running `source` reports, as a user reads it. */
function problems(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return error.format();
    throw error;
  }
  throw new Error("expected a ScenarioError");
}

const undo: Array<() => void> = [];
afterEach(() => {
  // The registries are per thread and vitest runs files in one module graph: leave them as found.
  while (undo.length > 0) undo.pop()!();
});

/** Uniform choice among candidates other than `avoid`: the built-in "random", drawing as it does. */
const uniform = (random: () => number): Balancer => ({
  pick(candidates, _view, avoid) {
    const skip = avoid >= 0 && candidates.length > 1 ? candidates.indexOf(avoid) : -1;
    const eligible = skip >= 0 ? candidates.length - 1 : candidates.length;
    if (eligible === 1) return candidates[skip === 0 ? 1 : 0];
    const k = Math.floor(random() * eligible);
    return candidates[skip >= 0 && k >= skip ? k + 1 : k];
  },
});

describe("a registered balancer", () => {
  test("drawing from its context's stream as the built-in random does, it reproduces random byte for byte", () => {
    undo.push(registerBalancer("myRandom", { create: ({ random }) => uniform(random) }));
    const faults = "faults:\n  timeline:\n    - { kind: nodeCrash, at: 20s, for: 10s, node: b/0 }\n";
    const mine = runScenario(scenario(`clients: { balancer: myRandom }\n${faults}`));
    const builtIn = runScenario(scenario(`clients: { balancer: random }\n${faults}`));
    expect(JSON.stringify(mine)).toBe(JSON.stringify(builtIn));
  });

  test("pinned to one coordinator, that node carries every request: a third of the minute failing there loses a third", () => {
    let healthSeen = 0;
    undo.push(
      registerBalancer<{ node: string }>("pin", {
        params: (raw) => ({ node: String(raw.node) }),
        create: ({ params, nodes }) => {
          const pinned = nodes.findIndex((n) => n.id === params.node);
          return {
            pick(candidates, view) {
              healthSeen = view.health.length;
              return candidates.includes(pinned) ? pinned : candidates[0];
            },
          };
        },
      }),
    );
    // a/0 fails every attempt it coordinates during [20 s, 40 s); no retries, no hedges.
    const fault = (node: string) => `faults:\n  timeline:\n    - { kind: attemptErrors, probability: 1, class: unavailable, at: 20s, for: 20s, node: ${node} }\n`;
    const run = (balancer: string, node = "a/0") => runScenario(scenario(`clients: { balancer: ${balancer}, retries: false }\n${fault(node)}`));
    const pinned = run("{ policy: pin, node: a/0 }");
    // Poisson arrivals, 6,000 requests: the failed share is 1/3 with a standard deviation of 0.006.
    expect(1 - pinned.availability).toBeGreaterThan(1 / 3 - 0.03);
    expect(1 - pinned.availability).toBeLessThan(1 / 3 + 0.03);
    // Pinned elsewhere, the failing node coordinates nothing.
    expect(run("{ policy: pin, node: b/0 }").availability).toBe(1);
    // Uniform random spreads a third of the load to it: 1/3 · 1/3 = 1/9 lost.
    expect(1 - run("random").availability).toBeCloseTo(1 / 9, 1);
    // Registered balancers see each node's health as weightedChoiceOfN does.
    expect(healthSeen).toBe(3);
  });

  test("a pick that is not a candidate stops the run with a SimulationError naming the balancer", () => {
    undo.push(registerBalancer("broken", { create: () => ({ pick: () => 99 }) }));
    expect(() => runScenario(scenario("clients: { balancer: broken }\n"))).toThrow(/balancer "broken" picked 99, not one of the candidates/);
  });
});

describe("a registered limit algorithm", () => {
  test("a fixed limit of 3 gives the built-in fixed limit's outcome byte for byte", () => {
    undo.push(registerLimit<{ n: number }>("constant", { params: (raw) => ({ n: Number(raw.n) }), create: ({ params }) => ({ current: params.n, onSample() {} }) }));
    const node = (limit: string) => `  node:\n    concurrency: 4\n    limit: ${limit}\n`;
    // 10 s at 2000/s (20,000 requests) is as good a proof as a minute, at a sixth of the CPU.
    const run = (limit: string) => runScenario({ name: "l.yaml", text: scenario("", "2000/s").text.replace("duration: 1m", "duration: 10s").replace("workload:", `${node(limit)}workload:`) });
    const mine = run("{ kind: constant, n: 3 }");
    expect(mine.requests.total).toBeGreaterThan(19_000);
    expect(JSON.stringify(mine)).toBe(JSON.stringify(run("{ kind: fixed, limit: 3 }")));
    // And it does something: with no limit nothing is shed (with it, about 4,600 of 20,000).
    expect(mine.requests.shed).toBeGreaterThan(1000);
    expect(run("false").requests.shed).toBe(0);
  });

  test("a limit below 1 stops the run with a SimulationError", () => {
    undo.push(registerLimit("zero", { create: () => ({ current: 0, onSample() {} }) }));
    const text = scenario("").text.replace("workload:", "  node: { limit: { kind: zero } }\nworkload:");
    expect(() => runScenario({ name: "z.yaml", text })).toThrow(/limit "zero" says 0: a limit is a finite number of requests >= 1/);
  });
});

describe("a registered fault kind", () => {
  test("failing every attempt of a node over a window gives the built-in attemptErrors' availability exactly", () => {
    undo.push(
      registerFaultKind("blackout", {
        create: ({ nodes }) => {
          let undone: Undo[] = [];
          return { start: () => void (undone = nodes.map((n) => n.failAttempts(1, "unavailable"))), end: () => undone.forEach((u) => u()) };
        },
      }),
    );
    const run = (entry: string) => simulateScenario(scenario(`clients: { retries: false }\nfaults:\n  timeline:\n    - ${entry}\n`));
    const mine = run("{ kind: blackout, at: 20s, for: 20s, node: a/0 }");
    const builtIn = run("{ kind: attemptErrors, probability: 1, class: unavailable, at: 20s, for: 20s, node: a/0 }");
    expect(mine.outcome.availability).toBe(builtIn.outcome.availability);
    expect(mine.outcome.requests).toEqual(builtIn.outcome.requests);
    expect(mine.outcome.availability).toBeLessThan(0.95);
    // Reported under the name the scenario gave it.
    expect(mine.faults.map((f) => [f.kind, f.target, f.phase])).toEqual([["blackout", "node a/0", "start"], ["blackout", "node a/0", "end"]]);
  });

  test("a crash through the handle is a nodeCrash: same requests, same outcome figures", () => {
    undo.push(
      registerFaultKind("myCrash", {
        create: ({ nodes }) => {
          let undone: Undo[] = [];
          return { start: () => void (undone = nodes.map((n) => n.crash())), end: () => undone.forEach((u) => u()) };
        },
      }),
    );
    const run = (kind: string) => runScenario(scenario(`faults:\n  timeline:\n    - { kind: ${kind}, at: 20s, for: 20s, node: a/0 }\n`));
    const mine = run("myCrash");
    const builtIn = run("nodeCrash");
    expect(mine.requests).toEqual(builtIn.requests);
    expect(mine.availability).toBe(builtIn.availability);
    expect(mine.requests.ok).toBeLessThan(mine.requests.total);
  });
});

describe("determinism", () => {
  test("extensions drawing from their streams: the same scenario and seed give the same bytes; another seed, other numbers", () => {
    undo.push(registerBalancer("jitter", { create: ({ random }) => uniform(random) }));
    undo.push(
      registerLimit("noisy", {
        create: ({ random }) => {
          let current = 8;
          return {
            get current() {
              return current;
            },
            onSample() {
              current = 2 + Math.floor(random() * 8);
            },
          };
        },
      }),
    );
    undo.push(
      registerFaultKind("randomCrash", {
        create: ({ nodes, random }) => {
          let u: Undo = () => {};
          return { start: () => void (u = nodes[Math.floor(random() * nodes.length)].crash()), end: () => u() };
        },
      }),
    );
    const text = (seed: number) => ({
      name: "d.yaml",
      text: `seed: ${seed}\nduration: 30s\ncluster:\n  regions:\n    - { name: r1, zones: [a, b, c], nodesPerZone: 2 }\n  node: { concurrency: 4, limit: { kind: noisy } }\nworkload:\n  rate: 1500/s\nclients: { balancer: jitter }\nfaults:\n  timeline:\n    - { kind: randomCrash, at: 10s, for: 20s, all: true }\n`,
    });
    const a = simulateScenario(text(1));
    expect(JSON.stringify(simulateScenario(text(1)))).toBe(JSON.stringify(a));
    expect(a.outcome.requests.shed).toBeGreaterThan(0);
    const b = simulateScenario(text(2));
    expect(b.outcome.requests.total).not.toBe(a.outcome.requests.total);
  });
});

describe("errors", () => {
  test("a name no one registered lists the built-ins and the registered names, with a suggestion", () => {
    undo.push(registerBalancer("sticky", { create: ({ random }) => uniform(random) }));
    undo.push(registerLimit("steady", { create: () => ({ current: 5, onSample() {} }) }));
    undo.push(registerFaultKind("blip", { create: () => ({ start() {}, end() {} }) }));
    expect(problems(() => runScenario(scenario("clients: { balancer: stiky }\n")))).toContain(
      'clients.balancer: expected one of random|roundRobin|leastOutstanding|choiceOfTwo|weightedChoiceOfN|sticky, got "stiky" (did you mean "sticky"?)',
    );
    expect(problems(() => runScenario(scenario("clients: { balancer: { policy: rondom } }\n")))).toContain(
      'clients.balancer.policy: expected one of random|roundRobin|leastOutstanding|choiceOfTwo|weightedChoiceOfN|sticky, got "rondom" (did you mean "random"?)',
    );
    const limit = scenario("").text.replace("workload:", "  node: { limit: { kind: stedy } }\nworkload:");
    expect(problems(() => runScenario({ name: "l.yaml", text: limit }))).toContain(
      'line 6 cluster.node.limit.kind: expected one of fixed|aimd|vegas|gradient|steady, got "stedy" (did you mean "steady"?)',
    );
    expect(problems(() => runScenario(scenario("faults:\n  timeline:\n    - { kind: bip, at: 1s, node: a/0 }\n")))).toMatch(
      /line 10 faults\.timeline\[0\]\.kind: expected one of nodeCrash\|.*\|packetLoss\|blip, got "bip" \(did you mean "blip"\?\)/,
    );
  });

  test("without registrations, unknown names read as before: the built-ins only", () => {
    expect(problems(() => runScenario(scenario("clients: { balancer: { policy: rondom } }\n")))).toContain(
      'clients.balancer.policy: expected one of random|roundRobin|leastOutstanding|choiceOfTwo|weightedChoiceOfN, got "rondom" (did you mean "random"?)',
    );
    // A built-in's own problems are still the ones reported.
    expect(problems(() => runScenario(scenario("clients: { balancer: { policy: random, n: 0 } }\n")))).toContain("clients.balancer.n: must be >= 1, got 0");
  });

  test("a factory's rejection of its parameters is a ScenarioError at the entry's path; the entry's own fields are checked too", () => {
    undo.push(
      registerFaultKind<{ share: number }>("shaky", {
        params: ({ share }) => {
          if (typeof share !== "number" || share < 0 || share > 1) throw new Error(`share: expected a number in [0, 1], got ${JSON.stringify(share)}`);
          return { share };
        },
        create: () => ({ start() {}, end() {} }),
      }),
    );
    const entry = (fields: string) => scenario(`faults:\n  timeline:\n    - { kind: shaky, ${fields} }\n`);
    expect(problems(() => runScenario(entry("at: 1s, node: a/0, share: 2")))).toContain("line 10 faults.timeline[0]: shaky: share: expected a number in [0, 1], got 2");
    expect(problems(() => runScenario(entry("at: soon, node: a/0, share: 0.5")))).toContain('faults.timeline[0].at: expected a duration such as "250ms", got "soon"');
    expect(problems(() => runScenario(entry("at: 1s, node: q/9, share: 0.5")))).toContain('faults.timeline[0].node: no node "q/9"');
    expect(problems(() => runScenario(entry("at: 1s, share: 0.5")))).toContain("faults.timeline[0]: name exactly one target");
  });

  test("registering a built-in's name, a name twice, or a malformed name throws; unregistering frees the name", () => {
    const ext = { create: ({ random }: { random: () => number }) => uniform(random) };
    expect(() => registerBalancer("random", ext)).toThrow(/"random" is a built-in balancer \(built-ins: random, roundRobin/);
    expect(() => registerLimit("aimd", { create: () => ({ current: 1, onSample() {} }) })).toThrow(/"aimd" is a built-in limit algorithm/);
    expect(() => registerFaultKind("nodeCrash", { create: () => ({ start() {}, end() {} }) })).toThrow(/"nodeCrash" is a built-in fault kind/);
    expect(() => registerBalancer("has space", ext)).toThrow(/a balancer name is a letter then letters, digits, - or _/);
    const off = registerBalancer("once", ext);
    expect(() => registerBalancer("once", ext)).toThrow(/a balancer named "once" is already registered/);
    off();
    expect(problems(() => runScenario(scenario("clients: { balancer: once }\n")))).toContain('got "once"');
    undo.push(registerBalancer("once", ext));
  });
});

test("relisim schema describes the built-ins only, whatever is registered", () => {
  const before = JSON.stringify(scenarioJsonSchema());
  undo.push(registerBalancer("unlisted", { create: ({ random }) => uniform(random) }));
  undo.push(registerFaultKind("unlistedFault", { create: () => ({ start() {}, end() {} }) }));
  const after = JSON.stringify(scenarioJsonSchema());
  expect(after).toBe(before);
  expect(after).not.toContain("x-relisim-extension");
});

describe("documented examples (docs/examples/extension-*.ts)", () => {
  beforeAll(() => {
    if (!existsSync(DIST)) throw new Error("dist/ is not built: run `npx tsc -p .` first");
  });

  test("type-check against the published types", () => {
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", "test/fixtures/library/examples-tsconfig.json"], { cwd: ROOT, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 60_000);

  // The examples import "relisim" (dist/), so they register in dist's registries, not in src's.
  test("the balancer example: pinned to a node failing a third of the minute, a third of the requests fail", async () => {
    const { outcome } = await import("../docs/examples/extension-balancer.js");
    expect(1 - outcome.availability).toBeGreaterThan(1 / 3 - 0.03);
    expect(1 - outcome.availability).toBeLessThan(1 / 3 + 0.03);
  });

  test("the limit example: the program's AIMD makes the built-in aimd's decisions", async () => {
    const { mine, builtIn } = await import("../docs/examples/extension-limit.js");
    expect(JSON.stringify(mine)).toBe(JSON.stringify(builtIn));
    expect(mine.requests.shed).toBeGreaterThan(0);
  });

  test("the fault example: a brownout is a disk degradation plus attempt errors", async () => {
    const { brownout, builtIns } = await import("../docs/examples/extension-fault.js");
    expect(brownout.requests).toEqual(builtIns.requests);
    expect(brownout.availability).toBe(builtIns.availability);
    // 20% of the attempts of 2 nodes of 6, for a third of the run, without retries: 1/45 fail
    // (12,000 requests: a standard deviation of 0.0014).
    expect(1 - brownout.availability).toBeGreaterThan(1 / 45 - 0.005);
    expect(1 - brownout.availability).toBeLessThan(1 / 45 + 0.005);
  });
});

describe("async calls", () => {
  test("import the modules that register extensions on their worker thread, and give the synchronous outcome", async () => {
    const lib = (await import(DIST)) as typeof import("../src/index.js");
    const module = "test/fixtures/library/extensions.mjs";
    const text = scenario("clients: { balancer: fixtureRandom }\n");
    undo.push(registerBalancer("fixtureRandom", { create: ({ random }) => uniform(random) }));
    const outcome = await lib.runScenarioAsync(text, { extensions: [module] });
    expect(JSON.stringify(outcome)).toBe(JSON.stringify(runScenario(text)));
    // Without the module, the worker knows no such balancer.
    await expect(lib.runScenarioAsync(text)).rejects.toThrow(/got "fixtureRandom"/);
  });
});

describe("the command line", () => {
  test("--extensions imports a module before the command runs, on the worker threads of replications too", () => {
    const bin = join(ROOT, "bin", "relisim.js");
    const file = "test/fixtures/library/extension-balancer.yaml";
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: "utf8" });
    const without = run("validate", file);
    expect(without.status).toBe(2);
    expect(without.stderr).toContain('clients.balancer: expected one of random|roundRobin|leastOutstanding|choiceOfTwo|weightedChoiceOfN, got "fixtureRandom"');
    const out = join(ROOT, "results", "test-extensions-cli");
    const once = run("--extensions", "test/fixtures/library/extensions.mjs", "run", file, "--quiet", "--json", "--out", out);
    expect(once.stderr).toBe("");
    const result = JSON.parse(once.stdout);
    expect(result.outcome.requests.total).toBeGreaterThan(2000);
    // The result says which modules it needed.
    expect(result.header.extensions).toEqual([pathToFileURL(join(ROOT, "test/fixtures/library/extensions.mjs")).href]);
    const replicated = run("run", file, "--extensions", "test/fixtures/library/extensions.mjs", "--quiet", "--replications", "2", "--workers", "2", "--out", out);
    expect(replicated.stderr).toBe("");
    expect(replicated.status).toBe(0);
  }, 60_000);
});
