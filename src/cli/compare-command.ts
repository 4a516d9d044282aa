import { join } from "node:path";
import { resultHeader, runVariants } from "../experiment/run-scenario.js";
import { toJson, writeResultFiles } from "../experiment/result-files.js";
import { compareTable } from "../report/compare-table.js";
import { deriveVariant, loadScenario, type ScenarioVariant } from "../scenario/load-scenario.js";
import { parseVary } from "../scenario/overrides.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { progress } from "./progress.js";
import type { RunFlags } from "./run-command.js";

/** Every combination of the `--vary` values, named like `read=ALL,rate=2000`. */
function grid(flags: readonly string[]): Array<{ name: string; overrides: Record<string, unknown> }> {
  let combos: Array<{ name: string[]; overrides: Record<string, unknown> }> = [{ name: [], overrides: {} }];
  for (const flag of flags) {
    const { path, values } = parseVary(flag);
    const short = path.split(".").pop()!;
    combos = combos.flatMap((c) =>
      values.map((v) => ({ name: [...c.name, `${short}=${typeof v === "string" ? v : JSON.stringify(v)}`], overrides: { ...c.overrides, [path]: v } })),
    );
  }
  return combos.map((c) => ({ name: c.name.join(","), overrides: c.overrides }));
}

/** `relisim compare`: the file's variants, or a `--vary` grid, side by side on one seed. */
export function compareCommand(file: string, flags: RunFlags & { vary: string[] }): void {
  const scenario = loadScenario(file, { sets: flags.set });
  let variants: readonly ScenarioVariant[];
  if (flags.vary.length > 0) {
    variants = grid(flags.vary).map((g) => deriveVariant(scenario, g.name, g.overrides));
  } else if (scenario.variants.length > 0) {
    variants = scenario.variants;
  } else {
    throw new ScenarioError(file, [{ path: [], message: "nothing to compare: the file declares no variants; add --vary path=a,b" }]);
  }
  const seed = flags.seed ?? scenario.seed;
  const say = progress(flags.quiet || flags.json);
  const runs = runVariants(scenario, variants, {
    seed,
    maxEvents: flags.maxEvents,
    onVariant: (name) => say(`running ${scenario.name} [${name}] (seed ${seed}) …`),
  });
  const header = resultHeader(scenario, seed);
  const document = {
    header,
    variants: Object.fromEntries(runs.map((r) => [r.name, r.simulation.outcome])),
  };
  const paths = writeResultFiles(flags.out ?? join("results", scenario.name), { "compare.json": toJson(document) });
  process.stdout.write(flags.json ? toJson(document) : `${compareTable(header, runs)}\n`);
  say(`wrote ${paths.join(", ")}`);
}
