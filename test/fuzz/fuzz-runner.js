// Runs fuzz cases through relisim's command line in worker threads and collects every defect:
// a hang, a crash, a stack trace, an exit code other than 0/1/2, a silent refusal, a polluted
// Object.prototype, or a file changed outside the case's output directory.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import fc from "fast-check";
import { fuzzCase, materialize } from "./mutations.js";

const STACK_LINE = /\n\s+at .+:\d+:\d+\)?/;

/** A thread that runs cases one at a time; replaced when a case hangs or kills it. */
class CaseThread {
  constructor(memoryMb) {
    this.memoryMb = memoryMb;
    this.start();
  }

  start() {
    this.worker = new Worker(new URL("./case-worker.js", import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: this.memoryMb }, stdout: true, stderr: true });
    this.ready = new Promise((resolve) => this.worker.once("message", resolve));
  }

  async run(argv, timeoutMs) {
    await this.ready;
    const worker = this.worker;
    return new Promise((resolve) => {
      const done = (result) => {
        clearTimeout(timer);
        worker.removeAllListeners("message");
        worker.removeAllListeners("error");
        worker.removeAllListeners("exit");
        resolve(result);
      };
      const restart = (result) => {
        done(result);
        void worker.terminate();
        this.start();
      };
      const timer = setTimeout(() => restart({ defect: "hang", detail: `no answer within ${timeoutMs / 1000} s` }), timeoutMs);
      worker.once("message", (result) => done(result));
      worker.once("error", (error) => restart({ defect: "crash", detail: error?.code === "ERR_WORKER_OUT_OF_MEMORY" ? "out of memory" : String(error?.stack ?? error) }));
      worker.once("exit", (code) => restart({ defect: "crash", detail: `the thread exited (${code})` }));
      worker.postMessage({ argv });
    });
  }

  close() {
    return this.worker.terminate();
  }
}

/** Files under `dir` with their sizes and times, and its directories, except under `skip`. */
function listing(dir, skip) {
  const entries = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (p === skip) continue;
      const s = statSync(p);
      // A directory's time changes when the output directory is made in it: only its name counts.
      if (s.isDirectory()) {
        entries.push(`${p}/`);
        walk(p);
      } else entries.push(`${p} ${s.size} ${s.mtimeMs}`);
    }
  };
  walk(dir);
  return entries.sort().join("\n");
}

/** What was wrong with one case's answer, or undefined when it was a clean verdict. */
function judge(result) {
  if (result.defect) return result;
  const text = `${result.stdout}\n${result.stderr}`;
  if (result.thrown) return { defect: "uncaught", detail: result.thrown };
  if (result.polluted) return { defect: "pollution", detail: "Object.prototype changed" };
  if (![0, 1, 2].includes(result.code)) return { defect: "exit code", detail: `exit ${result.code}\n${result.stderr}` };
  if (/internal error/i.test(text) || STACK_LINE.test(text)) return { defect: "stack trace", detail: result.stderr || result.stdout };
  if (result.code === 2 && result.stderr.trim() === "") return { defect: "silent", detail: "exit 2 with nothing on stderr" };
  return undefined;
}

const DATA = fileURLToPath(new URL("../../scenarios/data", import.meta.url));

/**
 * Runs `cases` fuzz cases drawn with `seed` (of them, with `only`, just those indices); returns the defects found, each with the scenario
 * text and command line that reproduce it. `onCase` sees each case as it finishes.
 */
export async function runFuzz({ cases, seed, only, timeoutMs = 20_000, memoryMb = 512, onCase = () => {} }) {
  const root = mkdtempSync(join(tmpdir(), "relisim-fuzz-"));
  const thread = new CaseThread(memoryMb);
  const defects = [];
  const verdicts = { 0: 0, 1: 0, 2: 0 };
  try {
    const drawn = fc.sample(fuzzCase, { seed, numRuns: cases });
    for (let i = 0; i < drawn.length; i++) {
      if (only && !only.includes(i)) continue;
      const dir = join(root, `case-${i}`);
      const out = join(dir, "out");
      mkdirSync(dir);
      // The data files examples read (a traffic series), beside the case as beside the examples.
      cpSync(DATA, join(dir, "data"), { recursive: true });
      const file = join(dir, drawn[i].scenario);
      const { text, argv } = materialize(drawn[i], file, out);
      writeFileSync(file, text);
      const before = listing(root, out);
      const result = await thread.run(argv, timeoutMs);
      let defect = judge(result);
      if (!defect && listing(root, out) !== before) defect = { defect: "escape", detail: "a file outside the output directory changed" };
      if (defect) defects.push({ index: i, ...defect, argv, scenario: drawn[i].scenario, text });
      else verdicts[result.code]++;
      rmSync(dir, { recursive: true, force: true });
      onCase(i, defect);
    }
  } finally {
    await thread.close();
    rmSync(root, { recursive: true, force: true });
  }
  return { cases, seed, verdicts, defects };
}
