// For the scripts that take no arguments: --help prints the usage; anything else given is a
// mistake, refused (exit 2) before the script writes a file.
export function refuseArguments(usage) {
  const args = process.argv.slice(2);
  if (args.length === 0) return;
  const help = args.length === 1 && (args[0] === "--help" || args[0] === "-h");
  (help ? process.stdout : process.stderr).write(`${help ? "" : `unexpected argument ${JSON.stringify(args[0])}\n`}usage: ${usage}  (no arguments)\n`);
  process.exit(help ? 0 : 2);
}
