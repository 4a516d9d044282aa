import { statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { writeResultFiles } from "../experiment/result-files.js";
import { scenarioJsonSchema } from "../scenario/json-schema.js";
import { ScenarioError } from "../scenario/scenario-error.js";

/** `relisim schema`: the JSON Schema of scenario files, on stdout or (atomically) into `--output`. */
export function schemaCommand(flags: { output?: string }): void {
  const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
  if (flags.output !== undefined && statSync(flags.output, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ScenarioError("--output", [{ path: [], message: `cannot write to "${flags.output}": it is a directory; give a file name, e.g. ${flags.output.replace(/\/+$/, "")}/relisim.schema.json` }]);
  }
  if (flags.output !== undefined) writeResultFiles(dirname(flags.output) || ".", { [basename(flags.output)]: text }, "--output");
  else process.stdout.write(text);
}
