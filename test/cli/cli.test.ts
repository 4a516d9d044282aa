import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { relisim as cli } from "../support/relisim-cli.js";

/**
 * The command line end to end on tiny fixtures, outputs in a temporary directory: run in this
 * process (test/support/relisim-cli.ts), the executable spawned for its start-up and version.
 * Needs a built `dist/` (`npx tsc -p .`, or `npm test`).
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "bin", "relisim.js");
const FIXTURES = join(ROOT, "test", "fixtures", "cli");
const TINY = join(FIXTURES, "tiny.yaml");
const THREE_MISTAKES = join(FIXTURES, "three-mistakes.yaml");

let scratch: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is not built: run `npx tsc -p .` first");
  scratch = mkdtempSync(join(tmpdir(), "relisim-cli-"));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** The executable itself, spawned: its start-up time and what only the binary does. */
function spawned(args: readonly string[], cwd = scratch): Result {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 60_000 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms };
}

/** Runs relisim with `args` in `cwd` (the scratch directory unless told), in this process (test/support/relisim-cli.ts). */
async function relisim(args: readonly string[], cwd = scratch): Promise<Result> {
  const start = process.hrtime.bigint();
  const r = await cli(args, { cwd });
  return { ...r, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

let outs = 0;
/** A fresh, not yet existing, output directory. */
function outDir(): string {
  return join(scratch, `out-${++outs}`);
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe("relisim --help and --version", () => {
  test("--help lists the commands, quickly", async () => {
    const r = spawned(["--help"]);
    console.log(`relisim --help took ${r.ms.toFixed(0)} ms (target < 500 ms)`);
    expect(r.status).toBe(0);
    for (const command of ["run", "compare", "test", "validate", "schema"]) expect(r.stdout).toMatch(new RegExp(`^\\s+${command} `, "m"));
    // 0.5 s is the target; 1.5 s leaves room for a loaded CI machine.
    expect(r.ms).toBeLessThan(1_500);
  });

  test("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const r = spawned(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });
});

describe("relisim validate", () => {
  test("a good file: exit 0 and ok", async () => {
    const r = await relisim(["validate", TINY]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/tiny\.yaml: ok \(0 variants, 0 expectations, hash [0-9a-f]{16}\)/);
    expect(r.stderr).toBe("");
  });

  test("a bad file: exit 2, every problem on stderr with its line, nothing on stdout", async () => {
    const r = spawned(["validate", THREE_MISTAKES]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(`${THREE_MISTAKES}: 3 problems`);
    expect(lines.slice(1)).toEqual([
      '  line 2 duration: expected a duration such as "250ms", got "10 minutes"',
      expect.stringMatching(/^ {2}line 7 workload\.rate: .*got -5/),
      '  line 9 slo.windw: unknown key "windw" (did you mean "window"?)',
    ]);
  });

  test("a good and a bad file: the good one is ok, the exit code is still 2", async () => {
    const r = await relisim(["validate", TINY, THREE_MISTAKES]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/tiny\.yaml: ok/);
    expect(r.stderr).toMatch(/three-mistakes\.yaml: 3 problems/);
  });
});

describe("relisim run", () => {
  test("prints the summary and writes summary.json, windows.csv and episodes.csv", async () => {
    const out = outDir();
    const r = await relisim(["run", TINY, "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^tiny — seed 3, 2m simulated, [\d,]+ requests$/);
    // The three answers first, How often leading.
    const body = lines.slice(1).filter((l) => l.trim() !== "");
    expect(body[0]).toMatch(/^\s+How often\s/);
    // Wrapped to 100 columns, after a " · ", under the text of its line.
    expect(body[1]).toMatch(/^ {14}\d+ of 12 windows broke the SLO$/);
    expect(lines.every((l) => [...l].length <= 100)).toBe(true);
    // Then How big in both views (where it was felt, where the fault was), How long, availability.
    const at = (pattern: RegExp) => body.findIndex((l) => pattern.test(l));
    const order = [/^\s+How big\s/, /^\s+felt by clients \d+\/6/, /^\s+fault in server nodes 1\/3 · server zones 1\/3 · server regions 1\/1$/, /^\s+How long\s/, /^\s+Availability [\d.]+% \([\d.]+ nines\)$/];
    const places = order.map(at);
    expect(places.every((p, i) => p > (i === 0 ? 1 : places[i - 1]))).toBe(true);
    // Then the timeline as sparklines: 12 windows of 10 s, errors while a/0 is down (30–60 s).
    const t = places[places.length - 1] + 1;
    expect(body[t]).toMatch(/^\s+Timeline\s+0s → 2m, one column per 10s$/);
    const errors = /^\s+errors\s+(\S+)\s+max/.exec(body[t + 1])!;
    expect(errors[1]).toHaveLength(12);
    expect(errors[1].slice(0, 3)).toBe("▁▁▁");
    expect(errors[1].slice(3, 6)).not.toBe("▁▁▁");
    expect(body[t + 2]).toMatch(/^\s+p99 client\s+[▁-█]{12}\s+max [\d.]+ ms$/);
    expect(body[t + 3]).toMatch(/^\s+SLO broken\s+[·█]{12}$/);
    expect(r.stdout).toMatch(/scenario hash [0-9a-f]{16}/);
    expect(filesIn(out)).toEqual(["episodes.csv", "summary.json", "windows.csv"]);
    expect(r.stderr).toMatch(/running tiny \(seed 3\)/);
  });

  test("without --out, results go to results/<scenario> under the working directory", async () => {
    const cwd = mkdtempSync(join(scratch, "cwd-"));
    const r = await relisim(["run", TINY, "--quiet"], cwd);
    expect(r.status, r.stderr).toBe(0);
    expect(filesIn(join(cwd, "results", "tiny"))).toEqual(["episodes.csv", "summary.json", "windows.csv"]);
    expect(r.stderr).toBe("");
  });

  /** `run TINY --json` on its seed, made once: three tests below read it (each run costs about 0.6 s of CPU). */
  let plainRun: Promise<{ r: Result; out: string }> | undefined;
  const plain = () => {
    if (!plainRun) {
      const out = outDir();
      plainRun = relisim(["run", TINY, "--json", "--out", out]).then((r) => ({ r, out }));
    }
    return plainRun;
  };

  test("--json prints only the JSON, with the header that reproduces it", async () => {
    const { r, out } = await plain();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const json = JSON.parse(r.stdout) as { header: Record<string, unknown>; outcome: { availability: number } };
    expect(json.header).toMatchObject({ seed: 3, relisim: expect.any(String), node: process.version });
    expect(json.header.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(json.outcome.availability).toBeGreaterThan(0.5);
    expect(json.outcome.availability).toBeLessThanOrEqual(1);
    expect(readFileSync(join(out, "summary.json"), "utf8")).toBe(r.stdout);
  });

  test("the same seed gives byte-identical results; another seed does not", async () => {
    // a: the --json run's files (the same seed; --json changes only what is printed).
    const [a, b, c] = [(await plain()).out, outDir(), outDir()];
    expect((await plain()).r.status).toBe(0);
    expect((await relisim(["run", TINY, "--quiet", "--out", b])).status).toBe(0);
    expect((await relisim(["run", TINY, "--quiet", "--out", c, "--seed", "4"])).status).toBe(0);
    for (const file of ["summary.json", "windows.csv", "episodes.csv"]) {
      expect(readFileSync(join(b, file)), file).toEqual(readFileSync(join(a, file)));
    }
    const summaryA = readFileSync(join(a, "summary.json"), "utf8");
    const summaryC = readFileSync(join(c, "summary.json"), "utf8");
    expect(summaryC).not.toBe(summaryA);
    expect(JSON.parse(summaryC).header.seed).toBe(4);
    expect(JSON.parse(summaryC).header.hash).toBe(JSON.parse(summaryA).header.hash);
  });

  test("--set changes the outcome and the hash", async () => {
    const base = JSON.parse((await plain()).r.stdout);
    const r = await relisim(["run", TINY, "--json", "--out", outDir(), "--set", "workload.rate=100/s"]);
    expect(r.status, r.stderr).toBe(0);
    const doubled = JSON.parse(r.stdout);
    expect(doubled.header.hash).not.toBe(base.header.hash);
    // Twice the rate, about twice the requests (Poisson: within 10%).
    expect(doubled.outcome.requests.total / base.outcome.requests.total).toBeGreaterThan(1.8);
    expect(doubled.outcome.requests.total / base.outcome.requests.total).toBeLessThan(2.2);
  });

  test("a bad --set value: exit 2 and the problem on stderr", async () => {
    const out = outDir();
    const r = await relisim(["run", TINY, "--out", out, "--set", "workload.rate=fast"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('workload.rate: expected a rate such as "100/s", got "fast"');
    expect(filesIn(out)).toEqual([]);
  });

  test("--max-events: exit 2, the event budget named, nothing written", async () => {
    const out = outDir();
    // 50 requests/s for 2 minutes: 6,000 requests, so 1,000 events cannot be enough: refused before it starts.
    const refused = await relisim(["run", TINY, "--max-events", "1000", "--out", out]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/would fire at least 6,000 events \(one per request: 6,000 requests, rate × duration\), more than its event budget of 1,000/);
    expect(refused.stderr).toMatch(/--max-events/);
    // 7,000 is above the bound, but each request fires several events: stopped on the way.
    const stopped = await relisim(["run", TINY, "--max-events", "7000", "--out", out]);
    expect(stopped.status).toBe(2);
    expect(stopped.stderr).toMatch(/exceeded its event budget of 7,000 events at [\d.]+ s of simulated time/);
    expect(refused.stdout + stopped.stdout).toBe("");
    expect(filesIn(out)).toEqual([]);
  });

  test("a missing file: exit 2, cannot read", async () => {
    const r = await relisim(["run", join(scratch, "nope.yaml"), "--out", outDir()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read scenario file ".*nope\.yaml": no such file/);
    expect(r.stdout).toBe("");
  });

  test("an unknown --variant: exit 2, the variants the file has", async () => {
    const r = await relisim(["run", TINY, "--variant", "nope", "--out", outDir()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no variant "nope" \(the file has: none\)/);
  });

  // A malformed flag value is the user's input, like a bad --set: exit 2, not 1 (a bug or a miss).
  test("a malformed flag value exits 2 like other input problems", async () => {
    const r = await relisim(["run", TINY, "--seed", "x", "--out", outDir()]);
    expect(r.stderr).toMatch(/--seed must be a whole number/);
    expect(r.status).toBe(2);
  });
});

describe("relisim compare", () => {
  test("--vary: one column per value, compare.json with both", async () => {
    const out = outDir();
    const r = await relisim(["compare", TINY, "--vary", "cluster.consistency.read=ONE,ALL", "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^tiny — 2 variants on seed 3/);
    expect(r.stdout).toMatch(/^\s+read=ONE\s+read=ALL\s*$/m);
    expect(r.stdout).toMatch(/^\s+availability\s/m);
    // The comparison, and each variant's run files in a directory of its own.
    expect(filesIn(out)).toEqual(["compare.json", "read=ALL", "read=ONE"]);
    expect(filesIn(join(out, "read=ONE"))).toEqual(["episodes.csv", "summary.json", "windows.csv"]);
    const one = JSON.parse(readFileSync(join(out, "read=ONE", "summary.json"), "utf8"));
    expect(one.header.variant).toBe("read=ONE");
    const json = JSON.parse(readFileSync(join(out, "compare.json"), "utf8"));
    expect(one.outcome).toEqual(json.variants["read=ONE"]);
    expect(Object.keys(json.variants)).toEqual(["read=ONE", "read=ALL"]);
    expect(json.header.seed).toBe(3);
    // Same arrivals for both (common random numbers); ALL cannot ride out a lost replica.
    expect(json.variants["read=ONE"].requests.total).toBe(json.variants["read=ALL"].requests.total);
    expect(json.variants["read=ALL"].availability).toBeLessThan(json.variants["read=ONE"].availability);
  });

  test("--json prints only the compare document", async () => {
    const r = await relisim(["compare", TINY, "--vary", "cluster.consistency.read=ONE,ALL", "--json", "--out", outDir()]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(Object.keys(JSON.parse(r.stdout).variants)).toEqual(["read=ONE", "read=ALL"]);
  });

  test("a file without variants and no --vary: exit 2, nothing to compare", async () => {
    const out = outDir();
    const r = await relisim(["compare", TINY, "--out", out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nothing to compare/);
    expect(r.stderr).toMatch(/--vary/);
    expect(filesIn(out)).toEqual([]);
  });

  test("--replications 3: each variant's estimates in words and units, then paired differences against the first", async () => {
    const out = outDir();
    const r = await relisim(["compare", TINY, "--vary", "workload.rate=20/s,50/s", "--replications", "3", "--workers", "1", "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^tiny — rate=20\/s × 3, rate=50\/s × 3 replications on seed 3/);
    expect(r.stdout).toMatch(/^\s+availability\s+[\d.]+% \([\d.]+%–[\d.]+%, sd [\d.]+%\)/m);
    expect(r.stdout).toMatch(/^\s+recovery mean\s+[\d.]+m?s \(/m);
    expect(r.stdout).toContain("Paired differences against rate=20/s");
    expect(r.stdout).toMatch(/^\s+rate=50\/s \u2212 rate=20\/s\s*$/m);
    // The same node is lost in every replication of both: one episode each, the same zone at fault.
    expect(r.stdout).toMatch(/^\s+episodes\s+0$/m);
    expect(r.stdout).toMatch(/^\s+fault in server zones\s+0$/m);
    expect(r.stdout).toMatch(/^\s+worst bad requests\s+[+\u2212][\d.]+ pp \([+\u2212]?[\d.]+ pp to [+\u2212]?[\d.]+ pp\)/m);
    expect(r.stdout).not.toMatch(/blastRadius|recoveryMeanS|\de-\d/);
    const json = JSON.parse(readFileSync(join(out, "compare.json"), "utf8"));
    expect(json.baseline).toBe("rate=20/s");
    expect(Object.keys(json.differences)).toEqual(["rate=50/s"]);
    const d = json.differences["rate=50/s"];
    expect(d.episodes).toEqual({ mean: 0, ci95Low: 0, ci95High: 0, n: 3 });
    // The difference of the means is the mean of the differences.
    const v = json.variants;
    expect(d.availability.mean).toBeCloseTo(v["rate=50/s"].estimate.availability.mean - v["rate=20/s"].estimate.availability.mean, 5);
    expect(d.availability.ci95Low).toBeLessThanOrEqual(d.availability.mean);
    expect(d.availability.ci95High).toBeGreaterThanOrEqual(d.availability.mean);
    expect(d.availability.n).toBe(3);
  });

  test("a fleet: paired differences with --replications ≥ 2; with one, the values and why there are no differences", async () => {
    const fleet = join(ROOT, "test", "fixtures", "report", "tiny-fleet.yaml");
    const vary = ["--vary", "fleet.maintenance.strategy=copyState,imageInPlace"];
    const out = outDir();
    const r = await relisim(["compare", fleet, ...vary, "--replications", "3", "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\s+quorum losses \/ year\s/m);
    expect(r.stdout).toMatch(/^\s+strategy=imageInPlace \u2212 strategy=copyState\s*$/m);
    expect(r.stdout).toMatch(/^\s+time at risk\s+[+\u2212][\d.]+ pp \(/m);
    const json = JSON.parse(readFileSync(join(out, "compare.json"), "utf8"));
    expect(json.differences["strategy=imageInPlace"].outagesPerYear.n).toBe(3);
    const one = await relisim(["compare", fleet, ...vary, "--replications", "1", "--out", outDir()]);
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toContain("need --replications ≥ 2");
    expect(one.stdout).not.toMatch(/sd |–/);
  });

  test("an invalid --vary value: exit 2, named by its variant", async () => {
    const r = await relisim(["compare", TINY, "--vary", "cluster.consistency.read=ONE,TWO", "--out", outDir()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/read=TWO.*got "TWO"/);
  });
});

describe("relisim test", () => {
  test("one passing and one failing expectation: ✓, ✗, rerun, and the tally last; exit 1", async () => {
    const dir = join(FIXTURES, "expectations");
    // The executable's own exit code 1 (and 2 below, for a bad file), not only main()'s.
    const r = spawned(["test", dir]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`${join(dir, "tiny-expect.yaml")} (seed 3)`);
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}✓ availability = [\d.]+ \(needs >= 0\.5\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}✗ availability = [\d.]+ \(needs >= 0\.99999\)$/));
    expect(lines).toContainEqual(`    rerun: relisim run ${join(dir, "tiny-expect.yaml")} --seed 3`);
    expect(lines.at(-1)).toBe("1 passed, 1 failed");
  });

  test("a missing path: exit 2, cannot read", async () => {
    const r = await relisim(["test", join(scratch, "missing-dir")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read ".*missing-dir": no such file or directory/);
  });
});

describe("relisim schema", () => {
  // Regression: the recursive mixture form once sent z.toJSONSchema into endless recursion.
  test("prints a draft-07 JSON Schema of both kinds, with patterns for durations", async () => {
    const r = await relisim(["schema"]);
    expect(r.status, r.stderr).toBe(0);
    type Node = { properties: Record<string, Record<string, unknown>> };
    const schema = JSON.parse(r.stdout) as { $schema: string; if: unknown; then: Node; else: Node };
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.if).toMatchObject({ type: "object", required: ["fleet"] });
    expect(schema.then.properties.fleet).toBeDefined();
    expect(schema.else.properties.cluster).toBeDefined();
    const duration = schema.else.properties.duration;
    const forms = [duration, ...((duration.anyOf as Record<string, unknown>[] | undefined) ?? [])];
    expect(forms.some((f) => typeof f.pattern === "string")).toBe(true);
  });
});
