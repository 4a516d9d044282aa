// `npm run bench:compare -- <other dist dir> [rounds]`: the cluster slice on two builds, loaded in
// one process and run in turn, so that both see the same machine. On a shared machine whose
// speed drifts by ±20% over minutes, runs timed one after the other cannot show a 3% change;
// the ratio of two runs made seconds apart can. Prints one JSON line; a figure, not a test.
//
//   git worktree add ../relisim-base <rev> && (cd ../relisim-base && npm ci)
//   npm run bench:compare -- ../relisim-base/dist
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const FILE = new URL("./cluster-slice.yaml", import.meta.url).pathname;
const OURS = new URL("../dist", import.meta.url).pathname;
const WARM_UP_ROUNDS = 2;

const [otherArg, roundsArg = "12"] = process.argv.slice(2);
if (!otherArg) {
  console.error("usage: npm run bench:compare -- <other build's dist directory> [rounds, default 12]");
  process.exit(2);
}
const other = resolve(otherArg);
const rounds = Number(roundsArg);
if (!Number.isSafeInteger(rounds) || rounds < 1) {
  console.error(`rounds must be a whole number >= 1, got ${roundsArg}`);
  process.exit(2);
}
for (const dir of [other, OURS]) {
  if (!existsSync(`${dir}/experiment/simulate.js`)) {
    console.error(`${dir} is not a built relisim dist directory (no experiment/simulate.js); run npm run build there`);
    process.exit(2);
  }
}

async function load(dist) {
  const { simulate } = await import(pathToFileURL(`${dist}/experiment/simulate.js`).href);
  const { loadScenario } = await import(pathToFileURL(`${dist}/scenario/load-scenario.js`).href);
  const config = loadScenario(FILE, { sets: ["duration=20s"] }).base.config;
  return () => {
    const t0 = process.hrtime.bigint();
    const run = simulate(config, 1);
    const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
    return { perS: run.outcome.requests.total / wallS, fingerprint: run.engine.fingerprint };
  };
}

const builds = [await load(other), await load(OURS)];
const perS = [[], []];
const fingerprints = [new Set(), new Set()];
for (let round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
  // Alternate which build goes first, so neither always runs on the warmer or colder half.
  for (const b of round % 2 === 0 ? [0, 1] : [1, 0]) {
    const { perS: r, fingerprint } = builds[b]();
    fingerprints[b].add(fingerprint);
    if (round >= WARM_UP_ROUNDS) perS[b].push(r);
  }
  process.stderr.write(`\rround ${round + 1}/${WARM_UP_ROUNDS + rounds}`);
}
process.stderr.write("\n");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ratios = perS[1].map((ours, i) => ours / perS[0][i]).sort((a, b) => a - b);
console.log(
  JSON.stringify({
    bench: "cluster-slice-compare",
    other,
    rounds,
    otherRequestsPerS: Math.round(median(perS[0])),
    oursRequestsPerS: Math.round(median(perS[1])),
    ratioMedian: Number(median(ratios).toFixed(3)),
    ratioMin: Number(ratios[0].toFixed(3)),
    ratioMax: Number(ratios[ratios.length - 1].toFixed(3)),
    sameFingerprint: [...fingerprints[0]].join() === [...fingerprints[1]].join(),
  }),
);
