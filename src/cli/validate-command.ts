import { say } from "./printable.js";
import { expectationPathProblems } from "../experiment/expectation-paths.js";
import { isFleetScenario, loadAnyScenario } from "../scenario/load-any-scenario.js";
import { ScenarioError } from "../scenario/scenario-error.js";

/** `relisim validate`: every problem of every file, exit 2 if any; nothing is run or written. */
export function validateCommand(files: string[], flags: { set: string[] }): void {
  let bad = 0;
  for (const file of files) {
    try {
      const any = loadAnyScenario(file, { sets: flags.set });
      if (isFleetScenario(any)) {
        process.stdout.write(`${file}: ok (fleet; ${any.variants.length} variants, ${any.expectations.length} expectations, hash ${any.hash})\n`);
        continue;
      }
      const s = any;
      const problems = expectationPathProblems(s);
      if (problems.length > 0) throw new ScenarioError(file, problems.map((p) => ({ ...p, ...s.locate(p.path) })));
      process.stdout.write(`${file}: ok (${s.variants.length} variants, ${s.expectations.length} expectations, hash ${s.hash})\n`);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      bad++;
      say(error.format());
    }
  }
  if (bad > 0) process.exitCode = 2;
}
