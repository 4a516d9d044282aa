/**
 * Command-line changes to scenario data before validation: `--set a.b=c`,
 * `--set faults[0].at=5m` (or `faults.0.at=5m`) and `--vary path=a,b,c`. Values are YAML, so `3` is a
 * number, `true` a boolean, `LOCAL_QUORUM` a string and `[1, 2]` a list.
 */
import { isMap, isSeq, parseDocument } from "yaml";
import {
  ScenarioError, formatPath, type DataPath, type PathSegment, type ScenarioProblem,
} from "./scenario-error.js";
import type { SourceDocument } from "./source-file.js";

/** A problem with one flag, before it is gathered into a `ScenarioError`. */
class FlagProblem extends Error {
  constructor(readonly path: DataPath, message: string) {
    super(message);
  }
}

const NAME = /^[^.[\]=\s]+/;

/** Keys that would reach an object's prototype instead of its own data: never a scenario key. */
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const INDEX = /^\[(\d+)\]/;
const QUOTED = /^\[("(?:[^"\\]|\\.)*")\]/;

/**
 * `a.b[2]["x.y"]` → `["a", "b", 2, "x.y"]`; an empty or malformed path throws a
 * `ScenarioError` whose file is `flag`.
 */
export function parsePath(text: string, flag = "--set"): PathSegment[] {
  return asScenarioError(flag, text, () => readPath(text));
}

/**
 * A deep copy of `data` with `value` at `path`, creating objects (or lists, before
 * an index) that are missing along the way. Never replaces a scalar by a container;
 * a path that cannot be followed throws a `ScenarioError` whose file is `flag`.
 */
export function setPath(data: unknown, path: string | DataPath, value: unknown, flag = "--set"): unknown {
  const label = typeof path === "string" ? path : formatPath(path);
  return asScenarioError(flag, label, () => assign(data, typeof path === "string" ? readPath(path) : path, value));
}

/** Runs `action`, turning a `FlagProblem` into a one-problem `ScenarioError`. */
function asScenarioError<T>(flagName: string, flag: string, action: () => T): T {
  try {
    return action();
  } catch (failure) {
    throw new ScenarioError(flagName, [flagProblem(failure, flagName, flag)]);
  }
}

function readPath(text: string): PathSegment[] {
  const path = readSegments(text);
  const forbidden = path.find((segment) => typeof segment === "string" && FORBIDDEN_KEYS.has(segment));
  if (forbidden !== undefined) throw new FlagProblem([], `"${String(forbidden)}" is not a key a scenario can have (it would reach the object's prototype), in "${text}"`);
  return path;
}

function readSegments(text: string): PathSegment[] {
  const path: PathSegment[] = [];
  let rest = text.trim();
  if (rest === "") throw new FlagProblem([], "the path is empty");
  while (rest !== "") {
    let match: RegExpExecArray | null;
    if (path.length > 0 && rest.startsWith(".") && rest.length > 1) rest = rest.slice(1);
    else if (path.length > 0 && !rest.startsWith("[")) throw malformed(text);
    if ((match = NAME.exec(rest))) path.push(match[0]);
    else if ((match = INDEX.exec(rest))) path.push(Number(match[1]));
    else if ((match = QUOTED.exec(rest))) path.push(unquote(match[1], text));
    else throw malformed(text);
    rest = rest.slice(match[0].length);
  }
  return path;
}

function unquote(quoted: string, text: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    throw malformed(text);
  }
}

function malformed(text: string): FlagProblem {
  return new FlagProblem([], `malformed path "${text}" (write it like client.retry.maxAttempts or faults[0].at)`);
}

/**
 * Parses a flag's value as one YAML scalar or flow collection. Text that YAML
 * would read as a block mapping or list (`a: b`, `- x`) stays a string; empty text is "".
 * Malformed YAML throws a `ScenarioError` whose file is `flag`.
 */
export function parseValue(text: string, flag = "--set"): unknown {
  return asScenarioError(flag, text, () => readValue(text));
}

function readValue(text: string): unknown {
  if (text.trim() === "") return "";
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new FlagProblem([], `malformed value ${JSON.stringify(text)}: ${doc.errors[0].message}`);
  }
  const node = doc.contents;
  if ((isMap(node) || isSeq(node)) && !node.flow) return text;
  try {
    return doc.toJS();
  } catch (failure) {
    // An alias with no anchor (`*a`), or one expanded too many times.
    throw new FlagProblem([], `malformed value ${JSON.stringify(text)}: ${(failure as Error).message}`);
  }
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function assign(data: unknown, segments: DataPath, value: unknown): unknown {
  if (segments.length === 0) throw new FlagProblem([], "the path is empty");
  const forbidden = segments.findIndex((segment) => typeof segment === "string" && FORBIDDEN_KEYS.has(segment));
  if (forbidden >= 0) {
    throw new FlagProblem(segments.slice(0, forbidden), `"${segments[forbidden]}" is not a key a scenario can have (it would reach the object's prototype)`);
  }
  const root: unknown = data === undefined || data === null ? emptyFor(segments[0]) : structuredClone(data);
  let node = root;
  for (let i = 0; i < segments.length; i++) {
    // `faults.timeline.0.at` is `faults.timeline[0].at` where a list is: zsh globs brackets.
    if (Array.isArray(node) && typeof segments[i] === "string" && /^\d+$/.test(segments[i] as string)) {
      segments = [...segments.slice(0, i), Number(segments[i]), ...segments.slice(i + 1)];
    }
    const container = checkContainer(node, segments, i);
    const segment = segments[i];
    if (i === segments.length - 1) {
      container[segment] = cloneValue(value, segments);
      break;
    }
    if (container[segment] === undefined || container[segment] === null) container[segment] = emptyFor(segments[i + 1]);
    node = container[segment];
  }
  return root;
}

/** A copy of a value to set; one that is not data (a YAML merge key `<<` is a symbol) is refused. */
function cloneValue(value: unknown, path: DataPath): unknown {
  try {
    return structuredClone(value);
  } catch {
    throw new FlagProblem(path, `${kindOf(value)} (${String(value)}) is not a value a scenario can hold`);
  }
}

/** A new container that can hold `segment`: a list before an index, else an object. */
function emptyFor(segment: PathSegment): unknown {
  return typeof segment === "number" ? [] : {};
}

/** Checks that `node` (the value at `path[0..i)`) can take `path[i]`; returns it as a container. */
function checkContainer(node: unknown, path: DataPath, i: number): Record<PathSegment, unknown> {
  const segment = path[i];
  const where = path.slice(0, i);
  const label = formatPath([...where, segment]);
  if (typeof segment === "number") {
    if (!Array.isArray(node)) {
      throw new FlagProblem(where, `is ${kindOf(node)}, so it has no index [${segment}] (in ${label})`);
    }
    if (segment > node.length) {
      const hint = `use [${node.length}] to append`;
      throw new FlagProblem(where, `has ${node.length} items, so [${segment}] is past the end (${hint})`);
    }
  } else if (node === null || typeof node !== "object" || Array.isArray(node)) {
    throw new FlagProblem(where, `is ${kindOf(node)}, so it has no key "${segment}" (in ${label})`);
  }
  return node as Record<PathSegment, unknown>;
}

/** Splits `path=value` at the first `=`. */
function splitAssignment(flag: string): [PathSegment[], string] {
  const eq = flag.indexOf("=");
  if (eq < 0) throw new FlagProblem([], "expected path=value");
  return [readPath(flag.slice(0, eq)), flag.slice(eq + 1)];
}

/**
 * Applies each `--set path=value` in order to a deep copy of `data`; throws a
 * `ScenarioError` (file `--set`) listing every malformed flag.
 */
export function applyOverrides(data: unknown, sets: readonly string[]): unknown {
  let result = data;
  const problems: ScenarioProblem[] = [];
  for (const flag of sets) {
    try {
      const [path, text] = splitAssignment(flag);
      result = assign(result, path, readValue(text));
    } catch (failure) {
      problems.push(flagProblem(failure, "--set", flag));
    }
  }
  if (problems.length > 0) throw new ScenarioError("--set", problems);
  return result;
}

function flagProblem(failure: unknown, flagName: string, flag: string): ScenarioProblem {
  if (!(failure instanceof FlagProblem)) throw failure;
  // Without a path, the flag itself is the only way to tell which one is wrong.
  if (failure.path.length > 0) return { path: failure.path, message: failure.message };
  return { path: [], message: `${flagName} ${JSON.stringify(flag)}: ${failure.message}` };
}

/**
 * `source` with the `--set` flags applied. `locate` answers undefined at and under an
 * overridden path, and on the way to one where the file has nothing (`--set cluster.nodes.x=3`
 * makes `cluster.nodes`): lines in the file would be misleading there. `flagFor` names the flag.
 */
export function applyOverridesToSource(source: SourceDocument, sets: readonly string[]): SourceDocument {
  if (sets.length === 0) return source;
  const data = applyOverrides(source.data, sets);
  const overridden = sets.map((flag) => splitAssignment(flag)[0]);
  // A flag's `timeline.0` is the data's `timeline[0]`.
  const startsWith = (path: DataPath, prefix: DataPath) => prefix.length <= path.length && prefix.every((s, i) => String(s) === String(path[i]));
  const madeBy = (path: DataPath): number => {
    // The last flag wins, as when they are applied.
    for (let i = overridden.length - 1; i >= 0; i--) {
      if (startsWith(path, overridden[i])) return i;
      if (startsWith(overridden[i], path) && !existsIn(source.data, path)) return i;
    }
    return -1;
  };
  return {
    data,
    locate: (path, target) => (madeBy(path) >= 0 ? undefined : source.locate(path, target)),
    flagFor: (path) => {
      const i = madeBy(path);
      return i >= 0 ? `--set ${sets[i]}` : undefined;
    },
  };
}

/** Whether `data` has a value at `path`. */
function existsIn(data: unknown, path: DataPath): boolean {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, segment)) return false;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return true;
}

/** One `--vary path=a,b,c`: the path as written and the values, parsed as YAML. */
export interface Variation {
  readonly path: string;
  readonly values: unknown[];
}

/**
 * Parses `path=a,b,c` into a path and values; commas inside `[...]`, `{...}` or
 * quotes do not split. Throws a `ScenarioError` (file `flagName`: `--vary`, or `--grid`) when malformed.
 */
export function parseVary(flag: string, flagName = "--vary"): Variation {
  try {
    const eq = flag.indexOf("=");
    if (eq < 0) throw new FlagProblem([], "expected path=value1,value2,...");
    const path = flag.slice(0, eq).trim();
    readPath(path);
    const parts = splitTopLevel(flag.slice(eq + 1));
    if (parts.some((part) => part.trim() === "")) throw new FlagProblem([], "a value is empty");
    return { path, values: parts.map(readValue) };
  } catch (failure) {
    throw new ScenarioError(flagName, [flagProblem(failure, flagName, flag)]);
  }
}

/** Splits on commas outside brackets, braces and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
