import { workerData } from "node:worker_threads";

/**
 * Starts a worker thread that needs the program's extensions: imports the modules that register
 * them, then the worker's own script (messages sent meanwhile wait in the port's queue).
 */
const { script, extensions } = workerData as { script: string; extensions: readonly string[] };
for (const url of extensions) await import(url);
await import(script);
