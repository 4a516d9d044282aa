// `npm run bench`: prints one JSON line per figure. Benchmarks print numbers; they are not tests.
// Pass names to run a subset: `npm run bench -- mm1 hold`.
import { benchCluster } from "./cluster.js";
import { benchHold } from "./engine-hold.js";
import { benchMm1 } from "./engine-mm1.js";

const benches = {
  mm1: () => [benchMm1(), benchMm1({ patience: true })],
  hold: () => benchHold(),
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
  // Opt-in (about 5 minutes): one simulated hour, to show memory stays flat.
  "cluster-hour": () => [benchCluster({ duration: "1h", label: "cluster-slice-1h" })],
};
const DEFAULT = ["mm1", "hold", "cluster"];

const chosen = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const name of chosen.length > 0 ? chosen : DEFAULT) {
  const run = benches[name];
  if (!run) {
    console.error(`unknown bench "${name}"; choose from ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
  for (const line of run()) console.log(JSON.stringify(line));
}
