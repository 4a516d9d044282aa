import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { relisim } from "../support/relisim-cli.js";
import { simulateScenario } from "../../src/index.js";

/**
 * A replayed traffic curve is reproduced in windows.csv: each window's request count is the
 * integral of the file's rate over the window, within Poisson noise. The integrals here are the
 * trapezoids (linear) or rectangles (step) of the file's rows, computed in the test itself.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let scratch: string;

// Ten minutes, piecewise linear: ramps up and down, a plateau, a spike, a fall to almost nothing.
const TIMES = [0, 120, 240, 300, 420, 540, 600];
const RATES = [40, 300, 120, 120, 450, 20, 60];
const CSV = `time,rps\n${TIMES.map((t, i) => `${t},${RATES[i]}`).join("\n")}\n`;

/** ∫ of the rows' rate over [a, b) seconds (scaled), by trapezoids or rectangles, the rows repeating after the last when asked. */
function expected(a: number, b: number, { step = false, scale = 1, repeat = false } = {}): number {
  const span = TIMES[TIMES.length - 1];
  let sum = 0;
  // Midpoint rule on 1 ms slices is exact for a straight line within each slice (knots fall on slice edges).
  for (let ms = Math.round(a * 1000); ms < Math.round(b * 1000); ms++) {
    const x = repeat ? ((ms + 0.5) / 1000) % span : (ms + 0.5) / 1000;
    let k = 0;
    while (k < TIMES.length - 2 && TIMES[k + 1] <= x) k++;
    const r = step ? RATES[k] : RATES[k] + ((RATES[k + 1] - RATES[k]) * (x - TIMES[k])) / (TIMES[k + 1] - TIMES[k]);
    sum += r * 0.001;
  }
  return sum * scale;
}

const scenario = (rate: string, duration = "10m") => `name: replay
seed: 5
duration: ${duration}
cluster:
  mode: pool
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }
  node: { concurrency: 64 }
workload:
  rate: ${rate}
  mix: { GET: 100% }
clients:
  perZone: 1
slo:
  window: 10s
`;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "relisim-replay-"));
  writeFileSync(join(scratch, "ten-minutes.csv"), CSV);
  writeFileSync(join(scratch, "replay.yaml"), scenario("{ file: ten-minutes.csv, column: rps }"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Poisson counts: within 4 standard deviations of the expected count. */
const within = (count: number, mean: number, sds = 4) => expect(Math.abs(count - mean), `${count} requests, expected ${mean.toFixed(1)}`).toBeLessThanOrEqual(sds * Math.sqrt(mean));

describe("traffic replayed from a file", () => {
  test("relisim run: each 10 s window of windows.csv holds the integral of the rate over it; the whole run, the whole integral", async () => {
    const r = await relisim(["run", "replay.yaml", "--out", "out", "--quiet"], { cwd: scratch });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const text = readFileSync(join(scratch, "out", "windows.csv"), "utf8");
    const rows = (parse(text, { columns: true }) as Record<string, string>[]).filter((row) => row.scope === "all");
    expect(rows).toHaveLength(60);
    let total = 0;
    for (const row of rows) {
      within(Number(row.requests), expected(Number(row.start_s), Number(row.end_s)));
      total += Number(row.requests);
    }
    // 117,600 expected: within 2 standard deviations (±686, 0.6%).
    within(total, expected(0, 600), 2);
    // The same scenario and seed: the same bytes.
    const again = await relisim(["run", "replay.yaml", "--out", "again", "--quiet"], { cwd: scratch });
    expect(again.status).toBe(0);
    expect(readFileSync(join(scratch, "again", "windows.csv"), "utf8")).toBe(text);
  }, 300_000);

  test("step interpolation, a scale and a repeat: each window as the rows say", () => {
    const counts = (sets: string[]) => simulateScenario(join(scratch, "replay.yaml"), { set: sets }).windows.map((w) => w.all.requests);
    const step = counts(["workload.rate.interpolate=step", "workload.rate.scale=0.5"]);
    step.forEach((n, i) => within(n, expected(10 * i, 10 * i + 10, { step: true, scale: 0.5 })));
    within(step.reduce((a, b) => a + b, 0), expected(0, 600, { step: true, scale: 0.5 }), 2);
    // 10 minutes of rows, a 15-minute run: the last 5 minutes are the first 5 again.
    const repeated = counts(["workload.rate.repeat=true", "workload.rate.scale=0.25", "duration=15m"]);
    expect(repeated).toHaveLength(90);
    repeated.forEach((n, i) => within(n, expected(10 * i, 10 * i + 10, { scale: 0.25, repeat: true })));
  }, 300_000);
});
