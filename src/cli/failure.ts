import { EventBudgetExceeded } from "../experiment/simulate.js";
import { ScenarioError } from "../scenario/scenario-error.js";

/** Prints a failure the way its kind deserves and returns the exit code. */
export function reportFailure(error: unknown): number {
  if (error instanceof ScenarioError) {
    process.stderr.write(`${error.format()}\n`);
    return 2;
  }
  if (error instanceof EventBudgetExceeded) {
    process.stderr.write(`${error.message}\nraise --max-events, or shorten the scenario (duration, rate); nothing was written\n`);
    return 2;
  }
  process.stderr.write(`relisim: internal error (a bug: please report it with the command you ran)\n${(error as Error)?.stack ?? String(error)}\n`);
  return 1;
}
