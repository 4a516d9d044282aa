import { parentPort, workerData } from "node:worker_threads";
import { compareScenario, runFleetScenario, runScenario, ScenarioError } from "./index.js";

/**
 * A worker thread of the library's async API: imports the modules that register the caller's
 * extensions, runs one call (runScenario, compareScenario or runFleetScenario) and posts its
 * result, or its error in a form the caller can rebuild.
 */
const CALLS = { runScenario, compareScenario, runFleetScenario } as const;
const { call, source, options, extensions } = workerData as {
  call: keyof typeof CALLS;
  source: Parameters<typeof runScenario>[0];
  options: object;
  extensions: readonly string[];
};
try {
  for (const url of extensions) await import(url);
  parentPort!.postMessage({ ok: CALLS[call](source, options) });
} catch (error) {
  if (error instanceof ScenarioError) parentPort!.postMessage({ scenarioError: { file: error.file, problems: error.problems } });
  else {
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort!.postMessage({ error: { name: e.name, message: e.message, stack: e.stack } });
  }
}
