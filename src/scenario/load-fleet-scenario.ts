import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import type { FleetConfig } from "../model/fleet/fleet-config.js";
import { canonicalJson } from "./load-scenario.js";
import { applyOverridesToSource, parsePath, setPath } from "./overrides.js";
import { ScenarioError, formatPath, type ScenarioProblem } from "./scenario-error.js";
import type { PinSpec } from "./pin-schema.js";
import { fleetScenarioSchema, type FleetScenarioSpec } from "./fleet-schema.js";
import { loadSourceFile, parseSourceText, type SourceDocument } from "./source-file.js";
import { validateWithSchema } from "./validate.js";
import { fleetSizeProblems } from "./world-size.js";
import { ExpectationSyntaxError, parseExpectation } from "./expectation.js";
import { on } from "./off.js";
import { recoveryAndChanges, recoveryProblems } from "./fleet-changes-config.js";

/** One way to run a fleet scenario: the base, a named variant, or a sweep point. */
export interface FleetVariant {
  readonly name: string;
  readonly config: FleetConfig;
}

/** A fleet scenario file, validated: thousands of clusters over months, failures and maintenance. */
export interface FleetScenario {
  readonly kind: "fleet";
  readonly file: string;
  readonly name: string;
  readonly seed: number;
  readonly hash: string;
  readonly replications: number;
  readonly base: FleetVariant;
  readonly variants: readonly FleetVariant[];
  /** The default grid of `relisim sweep`: path → values. */
  readonly sweep: Readonly<Record<string, readonly unknown[]>>;
  readonly expectations: readonly string[];
  /** Extra tolerances of the pinned outcome, by outcome path: floors under the prediction intervals. */
  readonly pin: PinSpec;
  readonly data: unknown;
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

/** Whether parsed scenario data describes a fleet (it has a `fleet:` block). */
export function isFleetData(data: unknown): boolean {
  return typeof data === "object" && data !== null && "fleet" in data;
}

function toConfig(spec: FleetScenarioSpec): FleetConfig {
  const { maintenance, bandwidth, snapshot, changes, ...fleet } = spec.fleet;
  return { ...fleet, duration: spec.duration, maintenance: on(maintenance), ...recoveryAndChanges(bandwidth, snapshot, changes) };
}

function build(source: SourceDocument, file: string): FleetScenarioSpec {
  const spec = validateWithSchema(fleetScenarioSchema, source, file);
  const problems: ScenarioProblem[] = [];
  if (spec.fleet.replicationFactor > spec.fleet.zones * spec.fleet.nodesPerZone) {
    problems.push({ path: ["fleet", "replicationFactor"], ...source.locate(["fleet", "replicationFactor"]), message: "is more than the nodes of a cluster" });
  }
  for (const p of fleetSizeProblems(spec.fleet)) problems.push({ ...p, ...source.locate(p.path) });
  for (const p of recoveryProblems(spec.fleet)) problems.push({ ...p, ...source.locate(p.path) });
  spec.expect.forEach((text, i) => {
    try {
      parseExpectation(text);
    } catch (error) {
      if (!(error instanceof ExpectationSyntaxError)) throw error;
      problems.push({ path: ["expect", i], ...source.locate(["expect", i]), message: error.message.split("\n")[0] });
    }
  });
  if (problems.length > 0) throw new ScenarioError(file, problems);
  return spec;
}

/** The fleet config of `data` with `overrides` (path → value) applied, validated like the file. */
export function deriveFleetVariant(scenario: FleetScenario, name: string, overrides: Record<string, unknown>): FleetVariant {
  let data = scenario.data;
  for (const [path, value] of Object.entries(overrides)) data = setPath(data, parsePath(path, "variants"), value, "variants");
  try {
    return { name, config: toConfig(build({ data, locate: () => scenario.locate(["variants", name]) }, scenario.file)) };
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    throw new ScenarioError(
      scenario.file,
      error.problems.map((p) => ({ ...p, path: ["variants", name], message: `${formatPath(p.path)}: ${p.message}` })),
    );
  }
}

/** Reads and validates a fleet scenario file. */
export function loadFleetScenario(file: string, options: { sets?: readonly string[] } = {}): FleetScenario {
  return prepareFleetScenario(loadSourceFile(file), file, options);
}

/** As `loadFleetScenario`, from text in memory. */
export function loadFleetScenarioText(text: string, fileName: string, options: { sets?: readonly string[] } = {}): FleetScenario {
  return prepareFleetScenario(parseSourceText(text, fileName), fileName, options);
}

/** Prepares a fleet scenario from data already parsed (with its positions). */
export function prepareFleetScenario(source: SourceDocument, file: string, options: { sets?: readonly string[] }): FleetScenario {
  const withSets = options.sets && options.sets.length > 0 ? applyOverridesToSource(source, options.sets) : source;
  const spec = build(withSets, file);
  const partial: FleetScenario = {
    kind: "fleet",
    file,
    name: spec.name ?? basename(file, extname(file)),
    seed: spec.seed,
    hash: createHash("sha256").update(canonicalJson(withSets.data)).digest("hex").slice(0, 16),
    replications: spec.replications,
    base: { name: "base", config: toConfig(spec) },
    variants: [],
    sweep: spec.sweep ?? {},
    expectations: spec.expect,
    pin: spec.pin,
    data: withSets.data,
    locate: (path) => withSets.locate(path),
  };
  const problems: ScenarioProblem[] = [];
  const variants: FleetVariant[] = [];
  for (const [name, overrides] of Object.entries(spec.variants ?? {})) {
    try {
      variants.push(deriveFleetVariant(partial, name, overrides));
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ScenarioError(file, problems);
  return { ...partial, variants };
}
