import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { relisim } from "../support/relisim-cli.js";

const FLEET = `
name: tiny-fleet
seed: 3
duration: 30d
replications: 3
fleet:
  clusters: 50
  zones: 3
  nodesPerZone: 2
  vnodes: 4
  dataPerNode: 100GiB
  streamBandwidth: 100MiB/s
  failuresPerNodeYear: 2
  maintenance: { strategy: copyState, everyDays: 7 }
sweep:
  fleet.maintenance.strategy: [copyState, imageInPlace]
  fleet.maintenance.everyDays: [7, 30]
expect:
  - outagesPerYear.mean >= 0
`;

test("sweep: one CSV row per grid point with mean, std and a 95% interval; the same seed gives the same bytes", async () => {
  const dir = mkdtempSync(join(tmpdir(), "relisim-sweep-"));
  const file = join(dir, "tiny-fleet.yaml");
  writeFileSync(file, FLEET);
  const run = (out: string) => relisim(["sweep", file, "--out", out, "--quiet"]);
  const first = await run(join(dir, "a"));
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toMatch(/4 points × 3 replications/);
  const csv = readFileSync(join(dir, "a", "sweep.csv"), "utf8").trim().split("\n");
  expect(csv).toHaveLength(5);
  expect(csv[0]).toMatch(/^fleet\.maintenance\.strategy,fleet\.maintenance\.everyDays,replications,quorum_losses_per_year_mean,quorum_losses_per_year_std,quorum_losses_per_year_ci95_low,quorum_losses_per_year_ci95_high/);
  for (const row of csv.slice(1)) {
    const cells = row.split(",");
    const [mean, , low, high] = cells.slice(3, 7).map(Number);
    expect(low).toBeLessThanOrEqual(mean);
    expect(mean).toBeLessThanOrEqual(high);
  }
  const second = await run(join(dir, "b"));
  expect(second.status).toBe(0);
  expect(readFileSync(join(dir, "b", "sweep.csv"), "utf8")).toBe(readFileSync(join(dir, "a", "sweep.csv"), "utf8"));
  // A fleet scenario runs and tests too.
  const ran = await relisim(["run", file, "--out", join(dir, "c"), "--quiet"]);
  expect(ran.status, ran.stderr).toBe(0);
  expect(ran.stdout).toMatch(/How often .* quorum losses per year/);
  const tested = await relisim(["test", file]);
  expect(tested.stdout).toMatch(/^1 passed, 0 failed$/m);
});

test("sweep of a cluster scenario without --grid says what is missing (exit 2)", async () => {
  const r = await relisim(["sweep", "scenarios/zone-outage.yaml"]);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/no grid: add --grid path=a,b/);
});
