import { readFileSync } from "node:fs";

/** relisim's version, from its package.json (read once, at load). */
export const RELISIM_VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;
