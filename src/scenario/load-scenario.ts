import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import { problemsBeyondSchema } from "./checks-beyond-schema.js";
import { applyOverridesToSource, parsePath, setPath } from "./overrides.js";
import { ScenarioError, formatPath, type ScenarioProblem } from "./scenario-error.js";
import type { PinSpec } from "./pin-schema.js";
import { scenarioSchema, type ScenarioSpec } from "./schema.js";
import type { SimulationConfig } from "./simulation-config.js";
import { loadSourceFile, parseSourceText, type SourceDocument } from "./source-file.js";
import { toSimulation } from "./to-simulation.js";
import { TrafficFiles } from "./traffic-file.js";
import { validateWithSchema } from "./validate.js";

/** One way to run a scenario: the base, or one of its named variants. */
export interface ScenarioVariant {
  readonly name: string;
  readonly spec: ScenarioSpec;
  readonly config: SimulationConfig;
}

/** A scenario file, validated and ready to run, with its variants. */
export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly seed: number;
  /** 16 hex digits of the SHA-256 of the scenario's data after overrides (and of the data files it reads, if any). */
  readonly hash: string;
  readonly base: ScenarioVariant;
  readonly variants: readonly ScenarioVariant[];
  readonly expectations: readonly string[];
  /** Extra tolerances of the pinned outcome, by outcome path: floors under the prediction intervals. */
  readonly pin: PinSpec;
  /** The data after `--set` overrides (what the hash covers). */
  readonly data: unknown;
  /** Where a path of the data is in the file, for problems found later. */
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

export interface LoadOptions {
  /** `path=value` overrides, as from `--set`. */
  readonly sets?: readonly string[];
}

/** Canonical JSON: keys sorted, so equal data hashes equally whatever its key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function locateAll(source: SourceDocument, problems: readonly Omit<ScenarioProblem, "line" | "column">[]): ScenarioProblem[] {
  return problems.map((p) => ({ ...p, ...source.locate(p.path) }));
}

function build(source: SourceDocument, file: string, files: TrafficFiles): ScenarioVariant & { spec: ScenarioSpec } {
  let spec: ScenarioSpec;
  try {
    spec = validateWithSchema(scenarioSchema, source, file);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    // The checks across sections too, in the same pass, as far as the schema problems allow.
    const more = problemsBeyondSchema(scenarioSchema, source.data, error.problems, (s) => toSimulation(s).problems);
    if (more.length === 0) throw error;
    throw new ScenarioError(file, [...error.problems, ...locateAll(source, more)]);
  }
  const { config, problems } = toSimulation(spec, files);
  if (problems.length > 0) throw new ScenarioError(file, locateAll(source, problems));
  return { name: "base", spec, config };
}

/**
 * A variant of a loaded scenario not declared in its file (as from `compare --vary`): its data
 * with `overrides` (path → value) applied, validated like the file itself.
 */
export function deriveVariant(scenario: Scenario, name: string, overrides: Record<string, unknown>): ScenarioVariant {
  const files = FILES.get(scenario) ?? new TrafficFiles(scenario.file);
  return buildVariant({ data: scenario.data, locate: () => undefined }, scenario.file, name, overrides, files);
}

/** The data files each loaded scenario read: derived variants (a sweep's points, a plan's candidates) use them as read, without reading again. */
const FILES = new WeakMap<Scenario, TrafficFiles>();

/** Builds variant `name`: the base data with its `path: value` overrides applied. */
function buildVariant(source: SourceDocument, file: string, name: string, overrides: Record<string, unknown>, files: TrafficFiles): ScenarioVariant {
  let data = source.data;
  const problems: ScenarioProblem[] = [];
  for (const [path, value] of Object.entries(overrides)) {
    try {
      data = setPath(data, parsePath(path, "variants"), value, "variants");
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      const where = source.locate(["variants", name, path]);
      for (const p of error.problems) problems.push({ path: ["variants", name, path], ...where, message: p.message });
    }
  }
  if (problems.length > 0) throw new ScenarioError(file, problems);
  const variantSource: SourceDocument = { data, locate: () => source.locate(["variants", name]) };
  try {
    const built = build(variantSource, file, files);
    return { ...built, name };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    throw new ScenarioError(
      file,
      error.problems.map((p) => ({ ...p, path: ["variants", name], message: `${formatPath(p.path)}: ${p.message}` })),
    );
  }
}

/** Runs `action`; a problem it finds in what a `--set` flag wrote names the flag, not a line of the file. */
function blamingFlags<T>(source: SourceDocument, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (!(error instanceof ScenarioError) || !source.flagFor) throw error;
    const problems = error.problems.map((p) => {
      const flag = p.line === undefined ? source.flagFor?.(p.path) : undefined;
      return flag ? { ...p, message: `${p.message} (from ${flag})` } : p;
    });
    throw new ScenarioError(error.file, problems);
  }
}

/** Reads, validates and prepares a scenario file; throws ScenarioError listing every problem. */
export function loadScenario(file: string, options: LoadOptions = {}): Scenario {
  return prepareScenario(loadSourceFile(file), file, options);
}

/** As `loadScenario`, from text already in memory (`fileName` is used in messages). */
export function loadScenarioText(text: string, fileName: string, options: LoadOptions = {}): Scenario {
  return prepareScenario(parseSourceText(text, fileName), fileName, options);
}

/** Prepares a scenario from data already parsed (with its positions); `file` names it in messages. */
export function prepareScenario(source: SourceDocument, file: string, options: LoadOptions): Scenario {
  if (source.data === null || source.data === undefined) {
    throw new ScenarioError(file, [{ path: [], message: "the file is empty: a scenario needs at least duration, cluster and workload" }]);
  }
  const withSets = options.sets && options.sets.length > 0 ? applyOverridesToSource(source, options.sets) : source;
  // Data files (a traffic series) are named relative to the scenario file, and read once.
  const files = new TrafficFiles(file);
  const base = blamingFlags(withSets, () => build(withSets, file, files));
  const variants: ScenarioVariant[] = [];
  const problems: ScenarioProblem[] = [];
  for (const [name, overrides] of Object.entries(base.spec.variants ?? {})) {
    try {
      variants.push(buildVariant(withSets, file, name, overrides, files));
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ScenarioError(file, problems);
  // The data files' contents count too (when there are any): a pin made before the data changed is stale.
  const digests = files.digests();
  const hash = createHash("sha256").update(canonicalJson(withSets.data) + (digests === "" ? "" : `\n${digests}`)).digest("hex").slice(0, 16);
  const scenario: Scenario = {
    file,
    name: base.spec.name ?? basename(file, extname(file)),
    seed: base.spec.seed,
    hash,
    base,
    variants,
    expectations: base.spec.expect,
    pin: base.spec.pin,
    data: withSets.data,
    locate: (path) => withSets.locate(path),
  };
  FILES.set(scenario, files);
  return scenario;
}
