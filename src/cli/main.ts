import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { RELISIM_VERSION } from "../experiment/version.js";

/** Parses a whole number flag, with the flag's name in the error. */
function wholeNumber(name: string, min = 0) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number >= ${min}, got "${value}"`);
    return n;
  };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** After a command wrote its results into `dir`: the HTML report beside them, with --html. */
async function htmlIfAsked(opts: { html?: boolean; quiet?: boolean; json?: boolean }, dir: string): Promise<void> {
  if (opts.html) await (await import("./report-command.js")).writeHtmlReport(dir, opts.quiet || opts.json);
}

/** The relisim command line: flags and wiring only; the work happens in the commands' modules. */
export function buildProgram(): Command {
  const program = new Command("relisim")
    .description("Deterministic simulation of replicated stores: how often they fail, how big the blast radius is, how long to recover.")
    .version(RELISIM_VERSION)
    .showHelpAfterError("(run with --help for usage)")
    // Usage errors are bad input like a bad scenario: exit 2 (commander's default is 1).
    .exitOverride();

  const common = (cmd: Command) =>
    cmd
      .option("--seed <n>", "root seed (default: the scenario's)", wholeNumber("--seed"))
      .option("--set <path=value>", "override a scenario value, e.g. --set cluster.consistency.read=ALL (repeatable)", collect, [])
      .option("--json", "print only the outcome JSON on stdout")
      .option("--out <dir>", "where to write result files (default: results/<scenario>)")
      .option("--max-events <n>", "refuse a run that would fire more events than this", wholeNumber("--max-events", 1), 2_000_000_000)
      .option("--quiet", "no progress on stderr")
      .option("--html", "also write report.html (charts and tables) next to the result files");

  common(program.command("run").argument("<scenario>", "scenario file (YAML or JSON)"))
    .description("run one scenario: summary table on stdout, summary.json, windows.csv, episodes.csv")
    .option("--variant <name>", "run one of the scenario's variants instead of its base")
    .addHelpText("after", "\nExample:\n  relisim run scenarios/zone-outage.yaml --seed 3 --set faults.timeline[0].for=10m")
    .action(async (file: string, opts) => htmlIfAsked(opts, (await import("./run-command.js")).runCommand(file, opts)));

  common(program.command("compare").argument("<scenario>", "scenario file"))
    .description("run variants side by side on one seed (common random numbers)")
    .option("--vary <path=a,b,c>", "one variant per value (repeatable: the grid of all combinations)", collect, [])
    .addHelpText("after", "\nExamples:\n  relisim compare scenarios/zone-outage.yaml            # the variants the file declares\n  relisim compare scenarios/zone-outage.yaml --vary cluster.consistency.read=ONE,LOCAL_QUORUM,ALL")
    .action(async (file: string, opts) => htmlIfAsked(opts, (await import("./compare-command.js")).compareCommand(file, opts)));

  program
    .command("sweep")
    .argument("<scenario>", "fleet scenario file")
    .description("run a grid of fleet configurations with replications; sweep.csv with means and 95% intervals")
    .option("--grid <path=a,b,c>", "one axis of the grid (repeatable; default: the file's sweep: block)", collect, [])
    .option("--replications <n>", "replications per point (default: the file's)", wholeNumber("--replications", 1))
    .option("--seed <n>", "root seed (default: the scenario's)", wholeNumber("--seed"))
    .option("--set <path=value>", "override a scenario value (repeatable)", collect, [])
    .option("--out <dir>", "where to write sweep.csv (default: results/<scenario>)")
    .option("--quiet", "no progress on stderr")
    .option("--html", "also write report.html (curves and tables) next to sweep.csv")
    .addHelpText(
      "after",
      "\nExample:\n  relisim sweep scenarios/maintenance-strategies.yaml --grid fleet.maintenance.everyDays=7,14,30,90 --replications 10",
    )
    .action(async (file: string, opts) => htmlIfAsked(opts, (await import("./sweep-command.js")).sweepCommand(file, opts)));

  program
    .command("report")
    .argument("<results-dir>", "a directory written by relisim run, compare or sweep")
    .description("write report.html into the directory: charts and tables, one self-contained file that works offline")
    .option("--quiet", "no progress on stderr")
    .addHelpText("after", "\nExample:\n  relisim run scenarios/retry-storm.yaml && relisim report results/retry-storm")
    .action(async (dir: string, opts) => (await import("./report-command.js")).reportCommand(dir, opts));

  program
    .command("test")
    .argument("[paths...]", "scenario files or directories", ["scenarios"])
    .description("check each scenario's expectations; exit 1 on a miss")
    .option("--seed <n>", "override every scenario's seed", wholeNumber("--seed"))
    .option("--quiet", "print only misses and the final count")
    .option("--update", "record each scenario's outcome as its pinned outcome (results/pinned/<file>.json)")
    .option("--pins <dir>", "where pinned outcomes live", "results/pinned")
    .option("--junit <file>", "also write the results as JUnit XML (for CI test reporters)")
    .addHelpText(
      "after",
      "\nBesides its expect: lines, each scenario's outcome is compared with its pin: exactly when relisim, Node and the\n" +
        "seed are the same as when pinned, within the scenario's pin: tolerances (default ±5%) across versions.\n" +
        "\nExamples:\n  relisim test scenarios/\n  relisim test --update scenarios/zone-outage.yaml   # pin (or re-pin) its outcome\n  relisim test --junit results/junit.xml",
    )
    .action(async (paths: string[], opts) => (await import("./test-command.js")).testCommand(paths, opts));

  program
    .command("validate")
    .argument("<scenarios...>", "scenario files")
    .option("--set <path=value>", "override a value before validating (repeatable)", collect, [])
    .description("check scenario files against the schema and the topology; exit 2 on a problem")
    .addHelpText("after", "\nExample:\n  relisim validate scenarios/*.yaml")
    .action(async (files: string[], opts) => (await import("./validate-command.js")).validateCommand(files, opts));

  program
    .command("schema")
    .description("print the JSON Schema of scenario files (for editor completion)")
    .addOption(new Option("--output <file>", "write it to a file instead of stdout"))
    .addHelpText("after", "\nExample:\n  relisim schema --output relisim.schema.json   # then: # yaml-language-server: $schema=relisim.schema.json")
    .action(async (opts) => (await import("./schema-command.js")).schemaCommand(opts));

  return program;
}

/**
 * Runs the command line. Exit codes: 0 fine; 1 an expectation missed (test) or a bug;
 * 2 bad input (scenario file, flags, event budget).
 */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its message; help and version are not errors.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    const { reportFailure } = await import("./failure.js");
    process.exitCode = reportFailure(error);
  }
}
