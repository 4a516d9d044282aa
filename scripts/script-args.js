// The maintainer scripts' arguments, handled one way: --help (-h) prints the usage and exits 0;
// an unknown option, a missing value or a stray argument prints what was wrong and the usage, and
// exits 2, without a stack and before the script writes anything.
import { parseArgs } from "node:util";

/** Prints `message` and the usage on stderr, and exits 2. */
export function refuse(usage, message) {
  process.stderr.write(`${message}\nusage: ${usage}\n`);
  process.exit(2);
}

/** node:util's parseArgs of `options` (with --help added), refusing what it cannot parse. */
export function scriptArgs(usage, options, allowPositionals = false) {
  let parsed;
  try {
    parsed = parseArgs({ options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals });
  } catch (error) {
    refuse(usage, error.message);
  }
  if (parsed.values.help) {
    process.stdout.write(`usage: ${usage}\n`);
    process.exit(0);
  }
  return parsed;
}

/** For a script that takes no arguments: --help prints its usage; anything else is refused. */
export function refuseArguments(usage) {
  const args = process.argv.slice(2);
  if (args.length === 0) return;
  const full = `${usage}  (no arguments)`;
  if (args.length === 1 && (args[0] === "--help" || args[0] === "-h")) {
    process.stdout.write(`usage: ${full}\n`);
    process.exit(0);
  }
  refuse(full, `unexpected argument ${JSON.stringify(args[0])}`);
}
