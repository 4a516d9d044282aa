#!/usr/bin/env node
// The relisim executable: loads the compiled CLI. `npm install` builds it (the prepare script).
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("relisim is not built yet: run `npm install` (or `npm run build`) in the relisim folder first\n");
  process.exit(1);
}
// Piping into `head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
const { main } = await import(entry.href);
await main(process.argv);
