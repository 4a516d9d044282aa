import { basename, dirname } from "node:path";
import { writeResultFiles } from "../experiment/result-files.js";
import { scenarioJsonSchema } from "../scenario/json-schema.js";

/** `relisim schema`: the JSON Schema of scenario files, on stdout or (atomically) into `--output`. */
export function schemaCommand(flags: { output?: string }): void {
  const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
  if (flags.output !== undefined) writeResultFiles(dirname(flags.output) || ".", { [basename(flags.output)]: text }, "--output");
  else process.stdout.write(text);
}
