/**
 * What a bug report needs to reproduce a run: the command line, and the scenario and seed it was
 * at. Kept apart from failure.ts so main can note the command without loading the simulator.
 */
export const runContext: { argv: readonly string[]; scenario?: { file: string; hash: string; seed: number } } = { argv: [] };

/** Remembers the command line (as main received it, node and script first). */
export function noteCommand(argv: readonly string[]): void {
  runContext.argv = argv.slice(2);
  runContext.scenario = undefined;
}

/** Remembers the scenario being run, and its seed, for the report of a bug met while running it. */
export function noteScenario(scenario: { readonly file: string; readonly hash: string; readonly seed: number }, seed = scenario.seed): void {
  runContext.scenario = { file: scenario.file, hash: scenario.hash, seed };
}
