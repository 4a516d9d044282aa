import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * relisim's command line, run in this process: `main()` of the built CLI (dist/cli/main.js, as
 * bin/relisim.js runs it) with stdout and stderr captured and the exit code read, in `cwd` with
 * `env` added. A spawned `node bin/relisim.js` costs 0.3–0.9 s of CPU before and around its work
 * (Node's start-up, ~200 modules loaded and compiled cold); here they load once per test worker.
 * Calls run one at a time: the working directory, the environment and the streams are the
 * process's. What only the executable does (its exit on EPIPE, signals, stdin, the start-up
 * time, a missing build) is tested by spawning it.
 */

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Working directory for the command (default: the current one). */
  readonly cwd?: string;
  /** Variables added to the environment for the command. */
  readonly env?: Readonly<Record<string, string>>;
}

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
type Main = (argv: readonly string[]) => Promise<void>;
let loaded: Promise<Main> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/** Runs `relisim ARGS…` in this process; resolves with its exit code and output. */
export function relisim(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const result = queue.then(() => runOnce(args, options));
  queue = result.catch(() => undefined);
  return result;
}

async function runOnce(args: readonly string[], { cwd, env = {} }: CliOptions): Promise<CliResult> {
  // Node's own import, not the test runner's (vitest.config.ts: server.deps.external), as the executable loads it.
  loaded ??= import(pathToFileURL(join(ROOT, "dist", "cli", "main.js")).href).then((m: { main: Main }) => m.main);
  const main = await loaded;
  const out: string[] = [];
  const err: string[] = [];
  const capture = (into: string[]) =>
    ((chunk: string | Uint8Array, encodingOrDone?: unknown, done?: unknown) => {
      into.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      const callback = typeof encodingOrDone === "function" ? encodingOrDone : done;
      if (typeof callback === "function") queueMicrotask(() => (callback as () => void)());
      return true;
    }) as typeof process.stdout.write;
  const saved = {
    cwd: process.cwd(),
    exitCode: process.exitCode,
    stdoutWrite: process.stdout.write,
    stderrWrite: process.stderr.write,
    env: Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]])),
  };
  const ttyOwn = Object.getOwnPropertyDescriptor(process.stderr, "isTTY");
  try {
    if (cwd !== undefined) process.chdir(cwd);
    Object.assign(process.env, env);
    // As when spawned with pipes: no terminal, so no progress bar.
    Object.defineProperty(process.stderr, "isTTY", { value: false, configurable: true, writable: true });
    process.exitCode = undefined;
    process.stdout.write = capture(out);
    process.stderr.write = capture(err);
    await main(["node", join(ROOT, "bin", "relisim.js"), ...args]);
    return { status: Number(process.exitCode ?? 0), stdout: out.join(""), stderr: err.join("") };
  } finally {
    process.stdout.write = saved.stdoutWrite;
    process.stderr.write = saved.stderrWrite;
    if (ttyOwn) Object.defineProperty(process.stderr, "isTTY", ttyOwn);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
    process.exitCode = saved.exitCode;
    for (const [k, v] of Object.entries(saved.env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    process.chdir(saved.cwd);
  }
}
