// `npm run bench`: prints one JSON line per figure. Benchmarks print numbers; they are not tests.
// Pass names to run a subset: `npm run bench -- mm1 hold`.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { benchCluster } from "./cluster.js";
import { benchHold } from "./engine-hold.js";
import { benchMm1, benchMm1VsBare } from "./engine-mm1.js";
import { benchScaling } from "./scaling.js";

const benches = {
  mm1: () => [benchMm1(), benchMm1({ patience: true }), benchMm1VsBare()],
  "hold-1e3": () => benchHold({ sizes: [1_000] }),
  "hold-1e5": () => benchHold({ sizes: [100_000] }),
  "hold-1e6": () => benchHold({ sizes: [1_000_000] }),
  cluster: () => [
    benchCluster(),
    benchCluster({
      label: "cluster-slice-client-stack",
      sets: [
        "clients.balancer=weightedChoiceOfN",
        "clients.hedging={minSamples: 20}",
        "clients.retries={maxAttempts: 3, budget: {ratio: 0.1}}",
      ],
    }),
  ],
  // Opt-in: cost against the size of what is simulated (the 20,000-cluster fleet takes minutes).
  scaling: () => benchScaling(),
  "scaling-cluster": () => benchScaling({ fleet: false }),
  // Opt-in (about 5 minutes): one simulated hour, to show memory stays flat.
  "cluster-hour": () => [benchCluster({ duration: "1h", label: "cluster-slice-1h" })],
};
const DEFAULT = ["mm1", "hold-1e3", "hold-1e5", "hold-1e6", "cluster"];

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(`usage: npm run bench [-- name ...]   (default: ${DEFAULT.join(" ")})\nnames: ${Object.keys(benches).join(", ")}`);
  process.exit(0);
}
const unknownOption = args.find((a) => a.startsWith("-"));
if (unknownOption !== undefined) {
  console.error(`unknown option ${unknownOption}; npm run bench -- --help lists the benches`);
  process.exit(2);
}
const chosen = args;
for (const name of chosen) {
  if (!benches[name]) {
    console.error(`unknown bench "${name}"; choose from ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
}
if (chosen.length === 1) {
  for (const line of benches[chosen[0]]()) console.log(JSON.stringify(line));
} else {
  // Each bench in a process of its own: what one leaves in the JIT must not slow the next.
  for (const name of chosen.length > 0 ? chosen : DEFAULT) {
    execFileSync(process.execPath, [fileURLToPath(import.meta.url), name], { stdio: "inherit" });
  }
}
