import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { RELISIM_VERSION } from "../experiment/version.js";
import { makeStdoutPrintable } from "./printable.js";
import { noteCommand } from "./run-context.js";
import { parseShard } from "./shard.js";

/** Parses a whole number flag, with the flag's name in the error. */
function wholeNumber(name: string, min = 0, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number >= ${min}, got "${value}"`);
    if (n > max) throw new InvalidArgumentError(`${name} must be at most ${max.toLocaleString("en-US")}, got "${value}"`);
    return n;
  };
}

/** Replications of one configuration: far beyond what an interval needs, and a bound that keeps a typo from running for ever. */
const MAX_REPLICATIONS = 10_000;

/** Parses a positive number flag, with the flag's name in the error. */
function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError(`${name} must be a number > 0, got "${value}"`);
    return n;
  };
}

/** Parses a number >= 0, with the flag's name in the error. */
function nonNegativeNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(Number.isFinite(n) && n >= 0)) throw new InvalidArgumentError(`${name} must be a number >= 0, got "${value}"`);
    return n;
  };
}

/** Parses a probability strictly between 0 and 1, with the flag's name in the error. */
function fraction(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(Number.isFinite(n) && n > 0 && n < 1)) throw new InvalidArgumentError(`${name} must be a number between 0 and 1, got "${value}"`);
    return n;
  };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** After a command wrote its results into `dir`: the HTML report beside them, with --html. */
async function htmlIfAsked(opts: { html?: boolean; quiet?: boolean; json?: boolean }, dir: string | undefined): Promise<void> {
  if (opts.html && dir !== undefined) await (await import("./report-command.js")).writeHtmlReport(dir, opts.quiet || opts.json);
}

/** The relisim command line: flags and wiring only; the work happens in the commands' modules. */
export function buildProgram(): Command {
  const program = new Command("relisim")
    .description("Deterministic simulation of replicated stores: how often they fail, how big the blast radius is, how long to recover.")
    .version(RELISIM_VERSION)
    .showHelpAfterError("(run with --help for usage)")
    // Usage errors are bad input like a bad scenario: exit 2 (commander's default is 1).
    .exitOverride()
    .option("--extensions <module>", "import a module that registers balancers, limit algorithms or fault kinds before running (repeatable)", collect, [])
    .hook("preAction", async () => {
      const modules = program.opts<{ extensions: string[] }>().extensions;
      if (modules.length > 0) await (await import("../experiment/extension-modules.js")).loadExtensionModules(modules);
    });

  const common = (cmd: Command) =>
    cmd
      .option("--seed <n>", "root seed (default: the scenario's)", wholeNumber("--seed"))
      .option("--set <path=value>", "override a scenario value, e.g. --set cluster.consistency.read=ALL (repeatable)", collect, [])
      .option("--json", "print only the outcome JSON on stdout")
      .option("--out <dir>", "where to write result files (default: results/<scenario>)")
      .option("--max-events <n>", "refuse a run that would fire more events than this", wholeNumber("--max-events", 1), 2_000_000_000)
      .option("--quiet", "no progress on stderr")
      .option("--html", "also write report.html (charts and tables) next to the result files")
      .option("--replications <n>", "replications (seed of replication i derived from (seed, i)): mean, sd and 95% CI per headline figure", wholeNumber("--replications", 1, MAX_REPLICATIONS))
      .option("--precision <x>", "add replications until every figure's 95% half-width is within x × its mean (cluster scenarios)", positiveNumber("--precision"))
      .option("--max-replications <n>", "the cap on replications with --precision", wholeNumber("--max-replications", 2, MAX_REPLICATIONS), 100)
      .option("--precision-of <figure>", "the headline figure --precision is about (default: episodes)")
      .option("--workers <n>", "worker threads for replications (default: the machine's cores)", wholeNumber("--workers", 1));

  common(program.command("run").argument("<scenario>", "scenario file (YAML or JSON)"))
    .description("run one scenario: summary table on stdout, summary.json, windows.csv, episodes.csv")
    .option("--variant <name>", "run one of the scenario's variants instead of its base")
    .option("--check-determinism", "run twice and compare fingerprints window by window; exit 1 at the first difference")
    .addHelpText("after", "\nExample:\n  relisim run scenarios/zone-outage.yaml --seed 3 --set faults.timeline[0].for=10m")
    .action(async (file: string, opts) => htmlIfAsked(opts, await (await import("./run-command.js")).runCommand(file, opts)));

  common(program.command("compare").argument("<scenario>", "scenario file"))
    .description("run variants side by side on one seed (common random numbers)")
    .option("--vary <path=a,b,c>", "one variant per value (repeatable: the grid of all combinations)", collect, [])
    .addHelpText("after", "\nExamples:\n  relisim compare scenarios/zone-outage.yaml            # the variants the file declares\n  relisim compare scenarios/zone-outage.yaml --vary cluster.consistency.read=ONE,LOCAL_QUORUM,ALL")
    .action(async (file: string, opts) => htmlIfAsked(opts, await (await import("./compare-command.js")).compareCommand(file, opts)));

  program
    .command("sweep")
    .argument("<scenario>", "scenario file (fleet or cluster)")
    .description("run a grid of configurations with replications; sweep.csv with means and 95% intervals; resumable")
    .option("--grid <path=a,b,c>", "one axis of the grid (repeatable; default: a fleet file's sweep: block)", collect, [])
    .option("--replications <n>", "replications per point (default: a fleet file's, 5 for a cluster scenario)", wholeNumber("--replications", 1, MAX_REPLICATIONS))
    .option("--precision <x>", "add replications until every figure's 95% half-width is within x × its mean", positiveNumber("--precision"))
    .option("--max-replications <n>", "the cap on replications per point with --precision", wholeNumber("--max-replications", 2, MAX_REPLICATIONS), 100)
    .option("--precision-of <figure>", "the headline figure --precision is about (default: outagesPerYear / episodes)")
    .option("--workers <n>", "worker threads (default: the machine's cores); results do not depend on it", wholeNumber("--workers", 1))
    .option("--shard <i/N>", "compute shard i of N (0-based) for relisim merge; auto/N reads JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID or AWS_BATCH_JOB_ARRAY_INDEX", (v: string) => parseShard(v))
    .option("--fresh", "discard finished replications in <out>/runs instead of resuming")
    .option("--seed <n>", "root seed (default: the scenario's)", wholeNumber("--seed"))
    .option("--set <path=value>", "override a scenario value (repeatable)", collect, [])
    .option("--out <dir>", "where to write sweep.csv and runs/ (default: results/<scenario>)")
    .option("--max-events <n>", "refuse a run that would fire more events than this (each replication)", wholeNumber("--max-events", 1), 2_000_000_000)
    .option("--quiet", "no progress on stderr")
    .option("--html", "also write report.html (curves and tables) next to sweep.csv")
    .addHelpText(
      "after",
      "\nExamples:\n  relisim sweep scenarios/maintenance-strategies.yaml --grid fleet.maintenance.strategy=copyState,imageInPlace --grid fleet.maintenance.everyDays=7,30,91 --replications 10\n" +
        "  relisim sweep scenarios/zone-outage.yaml --grid cluster.consistency.read=ONE,LOCAL_QUORUM --replications 20 --workers 2\n" +
        "  relisim sweep scenarios/zone-outage.yaml --grid ... --shard auto/10 --out /shared/results   # then: relisim merge /shared/results/sweep-shard-*.json",
    )
    .action(async (file: string, opts) => htmlIfAsked(opts, await (await import("./sweep-command.js")).sweepCommand(file, opts)));

  program
    .command("decide")
    .argument("<scenario>", "fleet scenario file")
    .description("rank maintenance plans by quorum losses per year, safest first, with 95% intervals, causes and the no-maintenance baseline; resumable")
    .option("--grid <path=a,b,c>", "one axis of the candidates' grid (repeatable; default: the file's sweep: block)", collect, [])
    .option("--variants", "rank the file's variants (those with maintenance) instead of a grid")
    .option("--replications <n>", "replications of every candidate in the first round", wholeNumber("--replications", 2, MAX_REPLICATIONS), 5)
    .option("--batch <n>", "replications added per round to each candidate of an unresolved pair", wholeNumber("--batch", 1, MAX_REPLICATIONS), 5)
    .option("--max-replications <n>", "the cap on replications per candidate", wholeNumber("--max-replications", 2, MAX_REPLICATIONS), 30)
    .option("--margin <x>", "neighbours whose paired 95% interval lies within ±x × the safer's mean are tied", nonNegativeNumber("--margin"), 0.05)
    .option("--workers <n>", "worker threads (default: the machine's cores); results do not depend on it", wholeNumber("--workers", 1))
    .option("--fresh", "discard finished replications in <out>/decide-runs instead of resuming")
    .option("--seed <n>", "root seed (default: the scenario's)", wholeNumber("--seed"))
    .option("--set <path=value>", "override a scenario value (repeatable)", collect, [])
    .option("--out <dir>", "where to write decide.json and decide-runs/ (default: results/<scenario>)")
    .option("--max-events <n>", "refuse a run that would fire more events than this (each replication)", wholeNumber("--max-events", 1), 2_000_000_000)
    .option("--json", "print only decide.json on stdout")
    .option("--quiet", "no progress on stderr")
    .option("--html", "also write report.html (outages per year against cadence, one curve per strategy) next to decide.json")
    .addHelpText(
      "after",
      "\nExamples:\n  relisim decide scenarios/maintenance-strategies.yaml --html\n" +
        "  relisim decide scenarios/maintenance-strategies.yaml --variants --max-replications 50",
    )
    .action(async (file: string, opts) => htmlIfAsked(opts, await (await import("./decide-command.js")).decideCommand(file, opts)));

  program
    .command("report")
    .argument("<results-dir>", "a directory written by relisim run, compare or sweep")
    .description("write report.html into the directory: charts and tables, one self-contained file that works offline")
    .option("--quiet", "no progress on stderr")
    .addHelpText("after", "\nExample:\n  relisim run scenarios/retry-storm.yaml && relisim report results/retry-storm")
    .action(async (dir: string, opts) => (await import("./report-command.js")).reportCommand(dir, opts));

  program
    .command("merge")
    .argument("<shards...>", "the sweep-shard-i-of-N.json files of one sweep")
    .description("combine a sharded sweep's files into sweep.csv and sweep.json, byte-identical to a one-machine sweep")
    .option("--out <dir>", "where to write them (default: the first shard's directory)")
    .option("--quiet", "no progress on stderr")
    .addHelpText("after", "\nExample:\n  relisim merge results/zone-outage/sweep-shard-*.json")
    .action(async (files: string[], opts) => (await import("./merge-command.js")).mergeCommand(files, opts));

  program
    .command("plan")
    .argument("<scenario>", "cluster scenario file with a plan: block")
    .description("find the cheapest configuration of the plan's knobs that meets every goal in every failure case")
    .option("--seed <n>", "root seed (default: the scenario's)", wholeNumber("--seed"))
    .option("--set <path=value>", "override a scenario value (repeatable)", collect, [])
    .option("--json", "print only plan.json on stdout")
    .option("--out <dir>", "where to write plan.json (default: results/<scenario>-plan)")
    .option("--max-events <n>", "refuse a run that would fire more events than this (each simulation)", wholeNumber("--max-events", 1), 2_000_000_000)
    .option("--workers <n>", "worker threads for a candidate's cases (default: the machine's cores); results do not depend on it", wholeNumber("--workers", 1))
    .option("--fresh", "try every candidate again instead of resuming from the candidates plan.json holds")
    .option("--quiet", "no progress on stderr")
    .addHelpText("after", "\nExample:\n  relisim plan scenarios/evacuation-headroom.yaml")
    .action(async (file: string, opts) => {
      await (await import("./plan-command.js")).planCommand(file, opts);
    });

  program
    .command("test")
    .argument("[paths...]", "scenario files or directories", ["scenarios"])
    .description("check each scenario's expectations and its pinned outcome; exit 1 on a miss")
    .option("--seed <n>", "override every scenario's seed (pins are compared statistically on any seed)", wholeNumber("--seed"))
    .option("--quiet", "print only misses and the final count")
    .option("--update", "pin each scenario's outcome: every figure's mean and sd over --replications runs (results/pinned/<file>.json)")
    .option("--replications <n>", "with --update: replications per run to estimate each figure's spread", wholeNumber("--replications", 2, MAX_REPLICATIONS), 20)
    .option("--workers <n>", "with --update: worker threads for the replications (default: the machine's cores)", wholeNumber("--workers", 1))
    .option("--jobs <n>", "scenarios tested at once, each printed as it finishes (default: the machine's cores; 1 with --update)", wholeNumber("--jobs", 1))
    .option("--exact", "compare every figure and the engine fingerprint exactly (only on the pinned seed, relisim and Node); with --update: re-record only those, once the run lies within every prediction interval")
    .option("--false-alarm-rate <p>", "chance that an unchanged model flags any figure of a scenario (Bonferroni-split over its figures)", fraction("--false-alarm-rate"), 0.001)
    .option("--pins <dir>", "where pinned outcomes live", "results/pinned")
    .option("--junit <file>", "also write the results as JUnit XML (for CI test reporters)")
    .addHelpText(
      "after",
      "\nBesides its expect: lines, each scenario runs once and every figure of its outcome is compared with its pin: it\n" +
        "must lie in the prediction interval mean ± t·sd·√(1+1/n) the pinned replications allow at the false-alarm rate\n" +
        "(default 1/1000 per scenario, split over its figures). --exact compares byte for byte instead.\n" +
        "\nExamples:\n  relisim test scenarios/\n  relisim test --update scenarios/zone-outage.yaml   # pin (or re-pin) its outcome: 20 replications\n" +
        "  relisim test --seed 5 scenarios/zone-outage.yaml   # another seed, same pin\n  relisim test --exact scenarios/zone-outage.yaml    # byte for byte, on the pinned seed\n  relisim test --junit results/junit.xml",
    )
    .action(async (paths: string[], opts) => (await import("./test-command.js")).testCommand(paths, opts));

  program
    .command("fit")
    .argument("<file>", "latency samples (one a line, or a CSV with --column) or histogram buckets (le,count)")
    .description("fit lognormal, Weibull, Pareto, scaled beta, a two-lognormal mixture and empirical percentiles to measurements; rank them; print the best as a spec to paste")
    .addOption(new Option("--unit <unit>", "the unit of the numbers in the file").choices(["ms", "us", "s"]).default("ms"))
    .option("--column <name>", "a CSV file's column of latencies (named in its header)")
    .addOption(new Option("--format <format>", "how to read the file (default: a header le,count means histogram)").choices(["samples", "histogram"]))
    .addOption(new Option("--buckets <kind>", "histogram counts (default: cumulative when they never decrease)").choices(["cumulative", "per-bucket"]))
    .option("--html <file>", "also write a Q–Q plot of the top three fits (one self-contained HTML file)")
    .addHelpText("after", "\nExamples:\n  relisim fit docs/examples/disk-read-latency.txt --html qq.html\n  relisim fit docs/examples/request-duration-buckets.csv --unit s")
    .action(async (file: string, opts) => (await import("./fit-command.js")).fitCommand(file, opts));

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
  makeStdoutPrintable();
  noteCommand(argv);
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
