import { EventBudgetExceeded } from "../experiment/simulate.js";
import { RELISIM_VERSION } from "../experiment/version.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { say } from "./printable.js";
import { runContext } from "./run-context.js";

const quote = (arg: string) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);

/** Prints a failure the way its kind deserves and returns the exit code. */
export function reportFailure(error: unknown): number {
  if (error instanceof ScenarioError) {
    say(error.format());
    return 2;
  }
  if (error instanceof EventBudgetExceeded) {
    say(`${error.message}\nraise --max-events, or shorten the scenario (duration, rate); nothing was written`);
    return 2;
  }
  const s = runContext.scenario;
  say(
    [
      "relisim: internal error: a bug in relisim, not in your input. Please report it (an issue on relisim's repository)",
      "with this message and the scenario file; the command below reruns it exactly.",
      `  rerun:    relisim ${runContext.argv.map(quote).join(" ")}`,
      ...(s ? [`  scenario: ${s.file} (scenario hash ${s.hash}), seed ${s.seed}`] : []),
      `  relisim ${RELISIM_VERSION}, node ${process.version}, ${process.platform}-${process.arch}`,
      (error as Error)?.stack ?? String(error),
    ].join("\n"),
  );
  return 1;
}
