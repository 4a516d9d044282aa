// `npm run bench`: prints one JSON line per figure. Benchmarks print numbers; they are not tests.
// Pass names to run a subset: `npm run bench -- mm1 hold`.
import { benchHold } from "./engine-hold.js";
import { benchMm1 } from "./engine-mm1.js";

const benches = {
  mm1: () => [benchMm1()],
  hold: () => benchHold(),
};

const chosen = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const name of chosen.length > 0 ? chosen : Object.keys(benches)) {
  const run = benches[name];
  if (!run) {
    console.error(`unknown bench "${name}"; choose from ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
  for (const line of run()) console.log(JSON.stringify(line));
}
