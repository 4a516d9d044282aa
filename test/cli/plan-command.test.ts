import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { relisim } from "../support/relisim-cli.js";

/** A plan of 2 × 3 candidates, a few hundredths of a second each. */
const SCENARIO = `name: small-plan
seed: 3
duration: 5s
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1, replicationFactor: 3 }
  consistency: { read: LOCAL_ONE, write: LOCAL_ONE }
  node: { concurrency: 1, queueLimit: 50, cpu: { GET: 20ms }, diskReads: { GET: 0 } }
workload: { rate: 200/s, mix: { GET: 100% } }
clients: { perZone: 1 }
slo: { GET: { p99: 200ms, errorRate: 1% } }
plan:
  knobs:
    nodesPerZone: { set: cluster.regions.0.nodesPerZone, values: [1, 2, 3], monotone: true }
    instance:
      options:
        small: { set: { cluster.node.concurrency: 1 } }
        large: { set: { cluster.node.concurrency: 2 }, costPerNode: 1.5 }
  goals: ["latencyMs.GET.p99 <= 200"]
`;

const dir = mkdtempSync(join(tmpdir(), "relisim-plan-"));
const file = join(dir, "small-plan.yaml");
writeFileSync(file, SCENARIO);
const plan = (out: string, ...extra: string[]) =>
  relisim(["plan", file, "--out", out, "--workers", "1", ...extra]);

test("relisim plan prints the choice and its margins, writes plan.json, and a rerun resumes from it with the same answer", async () => {
  const out = join(dir, "plan");
  const first = await plan(out);
  expect(first.status, first.stderr).toBe(0);
  expect(first.stdout).toMatch(/^small-plan — plan on seed 3: \d+ of 6 candidates tried/);
  expect(first.stdout).toMatch(/\n {2}Choice {6}nodesPerZone=\d, instance=(small|large) · \d+ nodes × [\d.]+ = cost [\d.]+\n/);
  expect(first.stdout).toMatch(/goal {22}tightest in/);
  const written = readFileSync(join(out, "plan.json"), "utf8");
  const document = JSON.parse(written);
  expect(document.complete).toBe(true);
  expect(document.header).toMatchObject({ scenario: "small-plan", seed: 3 });

  // Stopped after two candidates: the file then holds those two, marked incomplete.
  const partial = { header: document.header, complete: false, trials: document.plan.trials.slice(0, 2) };
  writeFileSync(join(out, "plan.json"), JSON.stringify(partial));
  const resumed = await plan(out);
  expect(resumed.status, resumed.stderr).toBe(0);
  expect(resumed.stderr).toMatch(/resuming: 2 candidates tried before/);
  expect(resumed.stderr.match(/\(tried before\)/g)).toHaveLength(2);
  expect(resumed.stdout).toBe(first.stdout);
  expect(readFileSync(join(out, "plan.json"), "utf8")).toBe(written);

  // Another seed is another plan: nothing is taken from the file, which is replaced.
  const other = await plan(out, "--seed", "4");
  expect(other.status, other.stderr).toBe(0);
  expect(other.stderr).not.toMatch(/resuming|tried before/);
  expect(JSON.parse(readFileSync(join(out, "plan.json"), "utf8")).header.seed).toBe(4);

  // --fresh tries every candidate again.
  const fresh = await plan(out, "--seed", "4", "--fresh");
  expect(fresh.stderr).not.toMatch(/tried before/);
  expect(fresh.stdout).toBe(other.stdout);
});

test("relisim plan on a file without a plan block, or a fleet, exits 2 with the reason and runs nothing", async () => {
  const bare = join(dir, "bare.yaml");
  writeFileSync(bare, SCENARIO.slice(0, SCENARIO.indexOf("plan:")));
  const refused = await relisim(["plan", bare, "--out", join(dir, "bare-out")]);
  expect(refused.status).toBe(2);
  expect(refused.stderr).toMatch(/plan: the file has no plan block/);
  expect(refused.stderr).not.toMatch(/^planning/m);
  const fleet = await relisim(["plan", "scenarios/maintenance-strategies.yaml"]);
  expect(fleet.status).toBe(2);
  expect(fleet.stderr).toMatch(/relisim plan plans a cluster scenario .* use relisim decide/);
});
