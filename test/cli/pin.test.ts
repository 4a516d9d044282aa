import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

/** `relisim test --update`, pins and `--junit`, end to end on a tiny scenario in a scratch directory. */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(ROOT, "bin", "relisim.js");
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "relisim-pin-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function relisim(args: readonly string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: scratch, encoding: "utf8", timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, out: r.stdout + r.stderr };
}

/** A scenario whose expectation holds, copied to `name` in the scratch directory. */
function scenario(name: string): string {
  const text = readFileSync(join(ROOT, "test/fixtures/cli/expectations/tiny-expect.yaml"), "utf8").replace("  - availability >= 0.99999\n", "");
  writeFileSync(join(scratch, name), text);
  return name;
}

const pinFile = (name: string) => join(scratch, "results", "pinned", name.replace(/\.yaml$/, ".json"));
type Pin = { header: Record<string, unknown>; runs: Record<string, { outcome: Record<string, number> }> };
const readPinFile = (name: string): Pin => JSON.parse(readFileSync(pinFile(name), "utf8"));
const writePinFile = (name: string, pin: Pin) => writeFileSync(pinFile(name), JSON.stringify(pin));

describe("pinned outcomes", () => {
  test("--update pins under results/pinned with seed, hash, version and Node; the next run compares exactly", () => {
    const file = scenario("a.yaml");
    const none = relisim(["test", file]);
    expect(none.status).toBe(0);
    expect(none.out).toContain("no pinned outcome at results/pinned/a.json (pin it: relisim test --update a.yaml)");

    const update = relisim(["test", "--update", file]);
    expect(update.status).toBe(0);
    expect(update.out).toMatch(/↻ pinned \d+ figures of base → results\/pinned\/a\.json/);
    const pin = readPinFile(file);
    expect(pin.header).toMatchObject({ seed: 3, node: process.version, file });
    expect(pin.header.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(pin.runs.base.outcome.availability).toBeGreaterThan(0.5);

    const again = relisim(["test", file]);
    expect(again.status).toBe(0);
    expect(again.out).toMatch(/✓ pinned outcome: \d+ figures as pinned, exactly, fingerprints equal/);
  });

  test("a moved figure fails with the field, both values, what was allowed and the commands to rerun and re-pin", () => {
    const file = scenario("b.yaml");
    relisim(["test", "--update", file]);
    const pin = readPinFile(file);
    const pinnedOk = pin.runs.base.outcome["requests.ok"];
    pin.runs.base.outcome["requests.ok"] = pinnedOk + 1;
    writePinFile(file, pin);
    const r = relisim(["test", file]);
    expect(r.status).toBe(1);
    expect(r.out).toContain("✗ pinned outcome: 1 figure moved (exact comparison");
    expect(r.out).toContain(`base · requests.ok: pinned ${pinnedOk + 1}, now ${pinnedOk}`);
    expect(r.out).toContain("allowed: exact");
    expect(r.out).toContain("rerun: relisim run b.yaml --seed 3");
    expect(r.out).toContain("re-pin: relisim test --update b.yaml");
    expect(r.out).toMatch(/^1 passed, 1 failed$/m);
  });

  test("a pin from another version is compared within tolerance: the scenario's own, or ±5%", () => {
    const file = scenario("c.yaml");
    relisim(["test", "--update", file]);
    const pin = readPinFile(file);
    pin.header.relisim = "0.0.1";
    const ok = pin.runs.base.outcome["requests.ok"];
    pin.runs.base.outcome["requests.ok"] = Math.round(ok * 1.02);
    writePinFile(file, pin);
    const near = relisim(["test", file]);
    expect(near.status, near.out).toBe(0);
    expect(near.out).toContain("within tolerance (pinned by relisim 0.0.1");

    pin.runs.base.outcome["requests.ok"] = Math.round(ok * 1.2);
    writePinFile(file, pin);
    const far = relisim(["test", file]);
    expect(far.status).toBe(1);
    expect(far.out).toContain("allowed: ±5%");

    // The scenario may allow more for a figure: a 30% tolerance on requests.* lets it pass.
    writeFileSync(join(scratch, file), `${readFileSync(join(scratch, file), "utf8")}pin:\n  tolerance:\n    "requests.*": { relative: 0.3 }\n`);
    relisim(["test", "--update", file]);
    const repinned = readPinFile(file);
    repinned.header.relisim = "0.0.1";
    repinned.runs.base.outcome["requests.ok"] = Math.round(ok * 1.2);
    writePinFile(file, repinned);
    expect(relisim(["test", file]).status).toBe(0);
  });

  test("a changed scenario is reported as stale, not as a regression", () => {
    const file = scenario("d.yaml");
    relisim(["test", "--update", file]);
    writeFileSync(join(scratch, file), readFileSync(join(scratch, file), "utf8").replace("rate: 50/s", "rate: 60/s"));
    const r = relisim(["test", file]);
    expect(r.status).toBe(1);
    expect(r.out).toContain("pinned outcome is stale: the scenario changed since it was pinned");
    expect(r.out).toContain("This is not a regression");
    expect(r.out).not.toContain("figure moved");
  });

  test("a damaged pin file is bad input, named", () => {
    const file = scenario("e.yaml");
    relisim(["test", "--update", file]);
    writeFileSync(pinFile(file), "{ not json");
    const r = relisim(["test", file]);
    expect(r.status).toBe(2);
    expect(r.out).toContain("results/pinned/e.json");
    expect(r.out).toContain("re-pin with relisim test --update");
  });

  test("--junit writes JUnit XML: one suite per file, a case per expectation and the pin, failures with detail", () => {
    const good = scenario("f.yaml");
    relisim(["test", "--update", good]);
    const bad = "g.yaml";
    copyFileSync(join(ROOT, "test/fixtures/cli/expectations/tiny-expect.yaml"), join(scratch, bad));
    const r = relisim(["test", good, bad, "--junit", "out/junit.xml"]);
    expect(r.status).toBe(1);
    expect(existsSync(join(scratch, "out/junit.xml"))).toBe(true);
    const xml = readFileSync(join(scratch, "out/junit.xml"), "utf8");
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('<testsuites name="relisim" tests="5" failures="1" errors="0" skipped="1">');
    expect(xml).toContain('<testsuite name="f.yaml" tests="2" failures="0"');
    expect(xml).toContain('<testcase classname="f.yaml" name="availability &gt;= 0.5"/>');
    expect(xml).toContain('<testcase classname="f.yaml" name="pinned outcome"/>');
    expect(xml).toMatch(/<testcase classname="g.yaml" name="availability &gt;= 0.99999">\s*<failure message="availability = [\d.]+ \(needs &gt;= 0.99999\)">/);
    expect(xml).toContain('<skipped message="no pin at results/pinned/g.json"/>');
  });
});
