import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { relisim } from "../support/relisim-cli.js";

/**
 * 200 clusters of 3 zones × 2 nodes (4 peers each), nodes failing twice a year; a stream takes
 * 1 TiB / 100 MiB/s = 10 486 s, imaging 30 min. Maintenance outages per year ≈ C·n·(365/d)·p·λ·w
 * (see test/model/fleet/range-causes.test.ts): copyState weekly ≈ 9600 · 52.1 · 10 486 s ≈ 166,
 * every 28 days ≈ 41.5; imageInPlace weekly ≈ 28.6, every 28 days ≈ 7.1; failures alone ≈ C·n·p·λ²·r ≈ 6.4.
 */
const FLEET = `
name: tiny-decision
seed: 5
duration: 1y
replications: 3
fleet:
  clusters: 200
  zones: 3
  nodesPerZone: 2
  vnodes: 16
  dataPerNode: 1TiB
  streamBandwidth: 100MiB/s
  failuresPerNodeYear: 2
  imageTime: 30m
sweep:
  fleet.maintenance.strategy: [copyState, imageInPlace]
  fleet.maintenance.everyDays: [7, 28]
`;

const STREAM_S = 2 ** 40 / (100 * 2 ** 20);
const expectedMaintenance = (everyDays: number, windowS: number) => 200 * 6 * (365 / everyDays) * 4 * 2 * (windowS / (365 * 86400));

function setUp(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "relisim-decide-"));
  const file = join(dir, "tiny-decision.yaml");
  writeFileSync(file, FLEET);
  return { dir, file };
}

test("decide: the plans ranked safest first, resolved, with causes, ratios and the baseline; a rerun resumes; --html draws the chart", async () => {
  const { dir, file } = setUp();
  const out = join(dir, "out");
  const run = (...extra: string[]) => relisim(["decide", file, "--out", out, "--workers", "1", ...extra]);
  const first = await run("--html");
  expect(first.status, first.stderr).toBe(0);
  const order = ["strategy=imageInPlace,everyDays=28", "strategy=imageInPlace,everyDays=7", "strategy=copyState,everyDays=28", "strategy=copyState,everyDays=7"];
  const at = order.map((name) => first.stdout.indexOf(`  ${name} `));
  expect(at.every((i) => i > 0)).toBe(true);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  expect(first.stdout).toMatch(/no maintenance \(baseline\)/);
  expect(first.stdout).toMatch(/^Ranking resolved after \d+ rounds?/m);

  const doc = JSON.parse(readFileSync(join(out, "decide.json"), "utf8"));
  expect(doc.stopped).toBe("resolved");
  expect(doc.ranking.map((r: { name: string }) => r.name)).toEqual(order);
  expect(doc.pairs.every((p: { verdict: string }) => p.verdict === "resolved")).toBe(true);
  const [image28, image7, copy28, copy7] = doc.ranking;
  expect(image28.ratioToSafest).toBe(1);
  expect(copy7.ratioToSafest).toBeGreaterThan(10);
  // The closed forms, within 20% (3 sd of 5 replications' mean is ~8% for copyState weekly; the forms leave out ~1%).
  const within = (got: number, want: number, tol: number) => expect(Math.abs(got - want) / want).toBeLessThan(tol);
  within(copy7.estimate.maintenanceOutagesPerYear.mean, expectedMaintenance(7, STREAM_S), 0.2);
  within(copy28.estimate.maintenanceOutagesPerYear.mean, expectedMaintenance(28, STREAM_S), 0.2);
  within(image7.estimate.maintenanceOutagesPerYear.mean, expectedMaintenance(7, 1800), 0.3);
  // Causes: maintenance dominates weekly copies; the baseline is all hardware, at about the rate of failures alone.
  expect(copy7.causeShares.maintenance).toBeGreaterThan(0.9);
  expect(doc.baseline.causeShares).toEqual({ hardware: 1, maintenance: 0, badDeploy: 0 });
  expect(doc.baseline.ratioToSafest).toBeLessThan(1);
  expect(doc.baseline.replications).toBe(Math.max(...doc.ranking.map((r: { replications: number }) => r.replications)));
  expect(existsSync(join(out, "report.html"))).toBe(true);
  expect(readFileSync(join(out, "report.html"), "utf8")).toMatch(/Maintenance decision: tiny-decision[\s\S]*<svg/);

  // Every replication was kept: a rerun computes none and prints the same answer.
  const again = await run();
  expect(again.status, again.stderr).toBe(0);
  expect(again.stderr).toMatch(/resuming: \d+ finished replications/);
  expect(again.stdout).toBe(first.stdout);
}, 120_000);

test("decide: a pair the cap leaves unresolved is said so, and the answer is 'not fully resolved'", async () => {
  const { dir, file } = setUp();
  const r = await relisim(
    ["decide", file, "--out", join(dir, "o"), "--workers", "1", "--quiet", "--grid", "fleet.maintenance.strategy=imageInPlace", "--grid", "fleet.maintenance.everyDays=27,28", "--replications", "2", "--max-replications", "2", "--margin", "0"],
  );
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/not resolved at the cap/);
  expect(r.stdout).toMatch(/^Ranking NOT fully resolved: 1 of 1 adjacent pairs reached the cap of 2 replications/m);
}, 60_000);

test("decide: a cluster scenario or a file with nothing to rank is refused (exit 2)", async () => {
  const cluster = await relisim(["decide", "scenarios/zone-outage.yaml"]);
  expect(cluster.status).toBe(2);
  expect(cluster.stderr).toMatch(/relisim decide needs a fleet scenario/);
  const { file } = setUp();
  const none = await relisim(["decide", file, "--variants"]);
  expect(none.status).toBe(2);
  expect(none.stderr).toMatch(/nothing to rank: 0 candidate/);
});
