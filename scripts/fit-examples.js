#!/usr/bin/env node
// node scripts/fit-examples.js: writes the example measurements of `relisim fit` in docs/examples/,
// drawn by relisim's own samplers on fixed streams (so the README's example output is reproducible).
// It writes into the checkout it belongs to, from whatever directory it is run.
import { writeFileSync } from "node:fs";
import { makeSampler } from "../dist/engine/sampler.js";
import { streamFor } from "../dist/engine/random-streams.js";
import { refuseArguments } from "./script-args.js";

refuseArguments("node scripts/fit-examples.js");

const draw = (spec, n, name) => {
  const sample = makeSampler(spec, streamFor(1, name));
  return Array.from({ length: n }, sample);
};

// Disk reads: 97% from the page cache's neighbourhood, 3% slow (a busy device): a heavy-tailed mixture.
const disk = {
  dist: "mixture",
  components: [
    { weight: 0.97, dist: "lognormal", median: 0.9, p99: 2.5 },
    { weight: 0.03, dist: "lognormal", median: 8, p99: 60 },
  ],
};
const samples = draw(disk, 5000, "fit-examples/disk");
writeFileSync(
  new URL("../docs/examples/disk-read-latency.txt", import.meta.url),
  "# Disk read latencies in ms, one a line: 5,000 draws of a 97% / 3% mixture of two lognormals\n" +
    "# (median 0.9 ms, p99 2.5 ms; median 8 ms, p99 60 ms), written by scripts/fit-examples.js.\n" +
    samples.map((x) => x.toFixed(3)).join("\n") + "\n",
);

// Request durations as Prometheus exports a histogram: cumulative counts per upper edge le, in seconds, with +Inf.
const requests = draw({ dist: "lognormal", median: 12, p99: 80 }, 50_000, "fit-examples/requests");
const edges = [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.2, 0.5, 1];
const rows = edges.map((le) => `${le},${requests.filter((ms) => ms <= le * 1000).length}`);
writeFileSync(
  new URL("../docs/examples/request-duration-buckets.csv", import.meta.url),
  "# http_request_duration_seconds_bucket of one service, cumulative as Prometheus exports it (le in seconds):\n" +
    "# 50,000 draws of a lognormal with median 12 ms and p99 80 ms, written by scripts/fit-examples.js.\n" +
    `le,count\n${rows.join("\n")}\n+Inf,${requests.length}\n`,
);
