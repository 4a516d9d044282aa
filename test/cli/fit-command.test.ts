import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { relisim as cli } from "../support/relisim-cli.js";
import { MAX_FIT_BYTES } from "../../src/cli/fit-command.js";
import { loadScenarioText } from "../../src/scenario/load-scenario.js";

/** `relisim fit` end to end on the README's example files (docs/examples). Needs a built dist/. */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let scratch: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) throw new Error("dist/ is not built: run `npx tsc -p .` first");
  scratch = mkdtempSync(join(tmpdir(), "relisim-fit-"));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function relisim(args: readonly string[]) {
  return cli(args, { cwd: ROOT });
}

/** The executable, spawned: a read that never ends is then the child's, killed at the timeout. */
function spawned(args: readonly string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "relisim.js"), ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  if (r.error) throw r.error;
  return r;
}

/** The `disk: {...}` line a user pastes, pasted into a scenario and loaded. */
function pasteIntoScenario(stdout: string) {
  const line = stdout.split("\n").find((l) => l.startsWith("  disk: "));
  expect(line, stdout).toBeDefined();
  const text = `duration: 1m\ncluster:\n  regions:\n    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }\n  node:\n  ${line!.trimStart()}\nworkload:\n  rate: 10/s\n`.replace("  node:\n  disk", "  node:\n    disk");
  return loadScenarioText(text, "pasted.yaml").base.spec.cluster.node.disk;
}

describe("relisim fit", () => {
  test("the README's samples example: a ranked table, the mixture recommended, a spec that loads, a self-contained Q–Q page", async () => {
    const html = join(scratch, "qq.html");
    const r = await relisim(["fit", "docs/examples/disk-read-latency.txt", "--html", html]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/5,000 samples, read in ms/);
    expect(r.stdout).toMatch(/^ {2}1 \* +mixture /m);
    expect(r.stdout).toMatch(/statistics, not p-values/);
    const disk = pasteIntoScenario(r.stdout);
    expect(disk.dist).toBe("mixture");
    const page = readFileSync(html, "utf8");
    expect(page).toMatch(/<svg/);
    expect(page).toMatch(/Q–Q plot/);
    expect(page).not.toMatch(/<script|https?:\/\//);
  });

  test("the README's histogram example (Prometheus buckets in seconds): lognormal recommended, near its median 12 ms and p99 80 ms", async () => {
    const r = await relisim(["fit", "docs/examples/request-duration-buckets.csv", "--unit", "s"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/a histogram of 14 finite buckets, 50,000 observations \(cumulative counts\), read in s/);
    const disk = pasteIntoScenario(r.stdout) as { dist: string; median: number; p99: number };
    expect(disk.dist).toBe("lognormal");
    // 50,000 observations: the median within 2% and the p99 within 5% of the distribution drawn from.
    expect(Math.abs(disk.median / 12_000 - 1)).toBeLessThan(0.02);
    expect(Math.abs(disk.p99 / 80_000 - 1)).toBeLessThan(0.05);
  });

  test("bad input: exit 2 with the file, the line and what was expected", async () => {
    const bad = join(scratch, "bad.txt");
    writeFileSync(bad, "1.2\n3.4\nfast\n");
    const r = await relisim(["fit", bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}: 1 problem\n  line 3:1 expected a latency (a number in ms), got "fast"`);
    const missing = await relisim(["fit", join(scratch, "nope.txt")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.txt: 1 problem\n {2}no such file/);
    const unwritable = await relisim(["fit", "docs/examples/disk-read-latency.txt", "--html", join(scratch, "no-such-dir", "qq.html")]);
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toMatch(/--html: 1 problem\n {2}cannot write .*qq\.html \(ENOENT\)/);
    const unit = await relisim(["fit", bad, "--unit", "minutes"]);
    expect(unit.status).toBe(2);
    expect(unit.stderr).toMatch(/--unit <unit>' argument 'minutes' is invalid/);
  });

  test("a device, a directory or a file past the size bound is refused at once, not read for ever", async () => {
    const device = spawned(["fit", "/dev/zero"]);
    expect(device.status).toBe(2);
    expect(device.stderr).toMatch(/\/dev\/zero: 1 problem\n {2}is not a regular file/);
    expect((await relisim(["fit", scratch])).stderr).toMatch(/is not a regular file/);
    // Sparse: its size is past the bound, its blocks are not on the disk.
    const huge = join(scratch, "huge.txt");
    writeFileSync(huge, "");
    truncateSync(huge, MAX_FIT_BYTES + 1);
    const big = await relisim(["fit", huge]);
    expect(big.status).toBe(2);
    expect(big.stderr).toMatch(/is 268,435,457 bytes, more than the 268,435,456 relisim fit reads/);
  });
});
