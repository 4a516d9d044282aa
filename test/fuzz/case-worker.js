// One fuzz worker: runs relisim's command line in this thread, case after case, and reports
// what each did. The parent terminates the thread when a case runs too long (a hang).
import { parentPort } from "node:worker_threads";

const entry = new URL("../../dist/cli/main.js", import.meta.url);
const { main } = await import(entry.href);

let out = "";
let err = "";
process.stdout.write = (chunk) => ((out += String(chunk)), true);
process.stderr.write = (chunk) => ((err += String(chunk)), true);
const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).join(",");
const cleanPrototype = prototypeKeys();

parentPort.on("message", async ({ argv }) => {
  out = "";
  err = "";
  process.exitCode = undefined;
  let thrown;
  try {
    await main(["node", "relisim", ...argv]);
  } catch (error) {
    thrown = error?.stack ?? String(error);
  }
  const polluted = prototypeKeys() !== cleanPrototype || ({}).polluted !== undefined;
  parentPort.postMessage({ code: process.exitCode ?? 0, stdout: out, stderr: err, thrown, polluted });
});
parentPort.postMessage({ ready: true });
