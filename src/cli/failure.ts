import { EventBudgetExceeded } from "../experiment/simulate.js";
import { ScenarioError } from "../scenario/scenario-error.js";
import { say } from "./printable.js";

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
  say(`relisim: internal error (a bug: please report it with the command you ran)\n${(error as Error)?.stack ?? String(error)}`);
  return 1;
}
