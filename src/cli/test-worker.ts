import { parentPort } from "node:worker_threads";
import { printable } from "./printable.js";
import { testScenario } from "./test-command.js";
import type { TestFlags } from "./test-flags.js";
import type { TestTally } from "./test-tally.js";

/** A worker of `relisim test`: tests the scenarios it is sent, one at a time, collecting their lines. */
parentPort!.on("message", async (message: { index: number; file: string; flags: TestFlags }) => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const tally: TestTally = { passed: 0, failed: 0, invalid: 0 };
  try {
    const suite = await testScenario(message.file, tally, message.flags, {
      out: (line) => stdout.push(`${line}\n`),
      say: (line) => stderr.push(`${printable(line)}\n`),
    });
    parentPort!.postMessage({ index: message.index, stdout: stdout.join(""), stderr: stderr.join(""), tally, suite });
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort!.postMessage({ index: message.index, error: { message: e.message, stack: e.stack } });
  }
});
