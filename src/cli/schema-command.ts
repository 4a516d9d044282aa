import { writeFileSync } from "node:fs";
import { scenarioJsonSchema } from "../scenario/json-schema.js";

/** `relisim schema`: the JSON Schema of scenario files. */
export function schemaCommand(flags: { output?: string }): void {
  const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
  if (flags.output) writeFileSync(flags.output, text);
  else process.stdout.write(text);
}
