import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { relisim as cli } from "../support/relisim-cli.js";

/**
 * `relisim test --update`, pins and `--junit`, end to end on a tiny scenario in a scratch directory.
 * The first pin uses the default pool of worker threads; the others pin on one (`--workers 1`):
 * the same pin, for half the CPU (each extra thread loads relisim anew for a few short runs).
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "relisim-pin-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function relisim(args: readonly string[]) {
  const r = await cli(args, { cwd: scratch });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** A scenario whose expectation holds, copied to `name` in the scratch directory. */
function scenario(name: string): string {
  const text = readFileSync(join(ROOT, "test/fixtures/cli/expectations/tiny-expect.yaml"), "utf8").replace("  - availability >= 0.99999\n", "");
  writeFileSync(join(scratch, name), text);
  return name;
}

const pinFile = (name: string) => join(scratch, "results", "pinned", name.replace(/\.yaml$/, ".json"));
type Figure = { value: number; mean: number; sd: number; n: number; df: number; integer: boolean };
type Pin = { format: number; header: Record<string, unknown>; replications: number; runs: Record<string, { fingerprint?: string; figures: Record<string, Figure> }> };
const readPinFile = (name: string): Pin => JSON.parse(readFileSync(pinFile(name), "utf8"));
const writePinFile = (name: string, pin: Pin) => writeFileSync(pinFile(name), JSON.stringify(pin));

describe("pinned outcomes", () => {
  test("--update pins each figure's mean and sd over replications; later runs compare on any seed, --exact on the pinned one", async () => {
    const file = scenario("a.yaml");
    const none = await relisim(["test", file]);
    expect(none.status).toBe(0);
    expect(none.out).toContain("no pinned outcome at results/pinned/a.json (pin it: relisim test --update a.yaml)");

    const update = await relisim(["test", "--update", "--replications", "6", file]);
    expect(update.status, update.out).toBe(0);
    expect(update.out).toMatch(/↻ pinned \d+ figures of base over 6 replications → results\/pinned\/a\.json/);
    const pin = readPinFile(file);
    expect(pin.format).toBe(2);
    expect(pin.replications).toBe(6);
    expect(pin.header).toMatchObject({ seed: 3, node: process.version, file });
    expect(pin.header.hash).toMatch(/^[0-9a-f]{16}$/);
    const ok = pin.runs.base.figures["requests.ok"];
    expect(ok).toMatchObject({ n: 6, df: 5, integer: true });
    expect(ok.sd).toBeGreaterThan(0);
    expect(pin.runs.base.fingerprint).toMatch(/^[0-9a-f]+$/);

    const again = await relisim(["test", file]);
    expect(again.status, again.out).toBe(0);
    expect(again.out).toMatch(/✓ pinned outcome: \d+ figures as pinned, each within its prediction interval \(false-alarm rate 1\/1000 per scenario/);
    const other = await relisim(["test", "--seed", "9", file]);
    expect(other.status, other.out).toBe(0);
    expect(other.out).toMatch(/a\.yaml \(seed 9\)[\s\S]*✓ pinned outcome: \d+ figures as pinned, each within/);
    const exact = await relisim(["test", "--exact", file]);
    expect(exact.out).toMatch(/✓ pinned outcome: \d+ figures as pinned, exactly, fingerprints equal/);
    const exactOther = await relisim(["test", "--exact", "--seed", "9", file]);
    expect(exactOther.out).toContain("--exact needs seed 3, relisim");
    expect(exactOther.out).toContain("compared statistically instead");
  });

  test("a figure outside its interval fails with the new value, both intervals, how far out, and the commands to rerun and re-pin", async () => {
    const file = scenario("b.yaml");
    await relisim(["test", "--update", "--replications", "8", "--workers", "1", file]);
    const pin = readPinFile(file);
    const ok = pin.runs.base.figures["requests.ok"];
    pin.runs.base.figures["requests.ok"] = { ...ok, mean: ok.mean * 1.5, sd: Math.sqrt(ok.mean) };
    writePinFile(file, pin);
    const r = await relisim(["test", "--seed", "5", file]);
    expect(r.status).toBe(1);
    expect(r.out).toContain("✗ pinned outcome: 1 figure outside its prediction interval (false-alarm rate 1/1000 per scenario");
    expect(r.out).toMatch(/base · requests\.ok: now \d+ \(-3\d(\.\d+)?%\); pinned mean [\d.]+ \(95% CI [\d.]+ … [\d.]+; sd [\d.]+, n 8\); allowed [\d.]+ … [\d.]+; [\d.]+ sd below/);
    expect(r.out).toContain("rerun: relisim run b.yaml --seed 5");
    expect(r.out).toContain("re-pin: relisim test --update b.yaml");
    expect(r.out).toMatch(/^1 passed, 1 failed$/m);
    // --exact on the pinned seed: the pinned seed's own values still match, the moved mean does not matter.
    expect((await relisim(["test", "--exact", file])).status).toBe(0);
    // A stricter or looser rate is the user's to choose; the scenario's tolerance widens an interval.
    writeFileSync(join(scratch, file), `${readFileSync(join(scratch, file), "utf8")}pin:\n  tolerance:\n    "requests.*": { relative: 0.6 }\n`);
    await relisim(["test", "--update", "--replications", "8", "--workers", "1", file]);
    const repinned = readPinFile(file);
    repinned.runs.base.figures["requests.ok"] = { ...repinned.runs.base.figures["requests.ok"], mean: ok.mean * 1.5, sd: 1 };
    writePinFile(file, repinned);
    const widened = await relisim(["test", file]);
    expect(widened.status, widened.out).toBe(0);
  });

  test("--update --exact re-records the pinned seed's values and fingerprint, keeping means and spreads, only when the run lies within the pin", async () => {
    const file = scenario("e.yaml");
    await relisim(["test", "--update", "--replications", "6", "--workers", "1", file]);
    const pinned = readPinFile(file);
    // As after a change of draws that keeps every distribution: the pinned seed's own values and
    // fingerprint no longer match, the means and spreads still describe the model.
    const stale = structuredClone(pinned);
    stale.runs.base.fingerprint = "00000000";
    for (const f of Object.values(stale.runs.base.figures)) f.value = f.value + 1;
    writePinFile(file, stale);
    expect((await relisim(["test", "--exact", file])).status).toBe(1);
    const rerecord = await relisim(["test", "--update", "--exact", file]);
    expect(rerecord.status, rerecord.out).toBe(0);
    expect(rerecord.out).toMatch(/↻ re-recorded the pinned seed's \d+ figures and fingerprints → results\/pinned\/e\.json \(the run lies within every prediction interval; means and spreads of 6 replications kept\)/);
    const after = readPinFile(file);
    expect(after).toEqual(pinned);
    expect((await relisim(["test", "--exact", file])).status).toBe(0);

    // A moved model (here: a pinned mean far from this run) is refused, and the pin left alone.
    const moved = structuredClone(stale);
    const ok = moved.runs.base.figures["requests.ok"];
    moved.runs.base.figures["requests.ok"] = { ...ok, mean: ok.mean * 1.5, sd: Math.sqrt(ok.mean) };
    writePinFile(file, moved);
    const refused = await relisim(["test", "--update", "--exact", file]);
    expect(refused.status).toBe(1);
    expect(refused.out).toContain("✗ pinned outcome: 1 figure outside its prediction interval");
    expect(refused.out).toContain("not re-recorded: the statistical part must hold first; to pin anew: relisim test --update e.yaml");
    expect(readPinFile(file)).toEqual(moved);
    // Another seed has no exact part to record.
    writePinFile(file, stale);
    const seeded = await relisim(["test", "--update", "--exact", "--seed", "9", file]);
    expect(seeded.status).toBe(1);
    expect(seeded.out).toContain("--update --exact re-records the pinned seed's run: drop --seed (pinned on seed 3)");
    expect(readPinFile(file)).toEqual(stale);
  });

  test("a changed scenario is reported as stale, not as a regression", async () => {
    const file = scenario("d.yaml");
    await relisim(["test", "--update", "--replications", "3", "--workers", "1", file]);
    writeFileSync(join(scratch, file), readFileSync(join(scratch, file), "utf8").replace("rate: 50/s", "rate: 60/s"));
    const r = await relisim(["test", file]);
    expect(r.status).toBe(1);
    expect(r.out).toContain("pinned outcome is stale: the scenario changed since it was pinned");
    expect(r.out).toContain("This is not a regression");
    expect(r.out).not.toContain("prediction interval");
  });

  test("a damaged pin file and an old-format one are bad input, named, with the command that re-pins", async () => {
    const file = scenario("e.yaml");
    await relisim(["test", "--update", "--replications", "3", "--workers", "1", file]);
    writeFileSync(pinFile(file), "{ not json");
    const r = await relisim(["test", file]);
    expect(r.status).toBe(2);
    expect(r.out).toContain("results/pinned/e.json");
    expect(r.out).toContain("re-pin with relisim test --update e.yaml");
    // Format 1: one run's figures under runs.<name>.outcome, no spread.
    writeFileSync(pinFile(file), JSON.stringify({ header: { hash: "0123456789abcdef", seed: 3 }, runs: { base: { outcome: { "requests.ok": 1 } } } }));
    const old = await relisim(["test", file]);
    expect(old.status).toBe(2);
    expect(old.out).toContain("the old pin format (one run's figures, no spread)");
    expect(old.out).toContain("re-pin with relisim test --update e.yaml");
  });

  test("--junit writes JUnit XML: one suite per file, a case per expectation and the pin, failures with detail", async () => {
    const good = scenario("f.yaml");
    await relisim(["test", "--update", "--replications", "3", "--workers", "1", good]);
    const bad = "g.yaml";
    copyFileSync(join(ROOT, "test/fixtures/cli/expectations/tiny-expect.yaml"), join(scratch, bad));
    const r = await relisim(["test", good, bad, "--junit", "out/junit.xml"]);
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
