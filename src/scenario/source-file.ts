/**
 * Reads a scenario file (YAML, or JSON, which YAML 1.2 also parses) into plain
 * data, keeping the position of every node so problems can name their line.
 */
import { readFileSync } from "node:fs";
import {
  isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit,
  type Document, type Node, type YAMLError,
} from "yaml";
import { ScenarioError, type DataPath, type ScenarioProblem } from "./scenario-error.js";

/** A 1-based position in a source text. */
export interface SourceLocation {
  readonly line: number;
  readonly column: number;
}

/**
 * Parsed scenario data and a way back from a data path to the text.
 * `locate(path)` gives the position of the value at `path` (`target: "key"`: of its
 * key); for a path that does not exist, the position of the closest existing
 * ancestor's key. Undefined when nothing can be located (an empty document).
 */
export interface SourceDocument {
  readonly data: unknown;
  locate(path: DataPath, target?: "value" | "key"): SourceLocation | undefined;
  /** The command-line flag that set the value at `path` or made the way to it, if one did. */
  flagFor?(path: DataPath): string | undefined;
}

/** A scenario file as read from disk: its name, text, data and node positions. */
export interface SourceFile extends SourceDocument {
  readonly fileName: string;
  readonly text: string;
}

/** Parses YAML or JSON text; throws a `ScenarioError` listing every syntax problem and duplicate key. */
export function parseSourceText(text: string, fileName: string): SourceFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => syntaxProblem(error, doc, lineCounter));
    // Running out of stack once makes a cascade of errors after it: the first says it all.
    const deep = problems.find((p) => p.message === TOO_DEEP);
    throw new ScenarioError(fileName, deep ? [deep] : problems);
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // e.g. an alias expanded too many times ("billion laughs").
    throw new ScenarioError(fileName, [{ path: [], message: tooDeep((error as Error).message) }]);
  }
  const position = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const odd = nonDataPath(data);
  if (odd?.deep) {
    const at = locateNode(doc, odd.path.slice(0, 8), "value", position);
    throw new ScenarioError(fileName, [{ path: odd.path.slice(0, 8), ...at, message: `nested more than ${MAX_DEPTH} levels deep (a scenario needs a handful)` }]);
  }
  if (odd) {
    const at = locateNode(doc, odd.path, "value", position);
    throw new ScenarioError(fileName, [{ path: odd.path, ...at, message: `${odd.what} is not a value a scenario can hold (a YAML merge key "<<" belongs in a mapping, as a key)` }]);
  }
  return {
    fileName,
    text,
    data,
    locate: (path, target = "value") => locateNode(doc, path, target, position),
  };
}

/** Reads and parses a scenario file; a missing or unreadable file is a `ScenarioError` too. */
export function loadSourceFile(path: string): SourceFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = describeFsError(error as NodeJS.ErrnoException);
    throw new ScenarioError(path, [{ path: [], message: `cannot read scenario file "${path}": ${reason}` }]);
  }
  return parseSourceText(text, path);
}

function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case "ENOENT": return "no such file";
    case "EACCES":
    case "EPERM": return "permission denied";
    case "EISDIR": return "it is a directory";
    default: return error.code ?? error.message;
  }
}

/** The parser's own words for running out of stack, said as what is wrong with the file. */
const TOO_DEEP = "nested too deeply to read (hundreds of levels; a scenario needs a handful)";
const tooDeep = (message: string) => (message.includes("Maximum call stack size exceeded") ? TOO_DEEP : message);

function syntaxProblem(error: YAMLError, doc: Document.Parsed, lineCounter: LineCounter): ScenarioProblem {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  let message = tooDeep(error.message);
  if (error.code === "DUPLICATE_KEY") {
    const key = keyAt(doc, error.pos[0]);
    message = key === undefined ? "duplicate key" : `duplicate key ${JSON.stringify(key)}`;
  } else if (error.code === "MULTIPLE_DOCS") {
    message = "a scenario file holds one document, but this one has a second after ---";
  }
  return { path: [], line, column: col, message };
}

/** The name of the map key whose node starts at `offset`, if any. */
function keyAt(doc: Document.Parsed, offset: number): string | undefined {
  let name: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      if (key?.range?.[0] !== offset) return undefined;
      name = isScalar(key) ? String(key.value) : String(key);
      return visit.BREAK;
    },
  });
  return name;
}

type Position = (offset: number) => SourceLocation;

/** Walks the YAML node tree along `path`, remembering the last node (and key) that existed. */
function locateNode(
  doc: Document.Parsed,
  path: DataPath,
  target: "value" | "key",
  position: Position,
): SourceLocation | undefined {
  let node: unknown = doc.contents;
  let key: Node | undefined;
  for (const segment of path) {
    const parent = isAlias(node) ? node.resolve(doc) : node;
    const child = childOf(parent, segment);
    if (!child) return at(key, position) ?? at(node, position);
    node = child.value;
    key = child.key;
  }
  if (target === "key" && key) return at(key, position);
  return at(node, position) ?? at(key, position);
}

function childOf(parent: unknown, segment: string | number): { key?: Node; value: unknown } | undefined {
  if (isMap(parent)) {
    for (const pair of parent.items) {
      if (!isPair(pair)) continue;
      const name = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(name) === String(segment)) return { key: pair.key as Node, value: pair.value };
    }
    return undefined;
  }
  if (isSeq(parent) && typeof segment === "number" && segment < parent.items.length) {
    return { value: parent.items[segment] };
  }
  return undefined;
}

function at(node: unknown, position: Position): SourceLocation | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? position(range[0]) : undefined;
}

/** Deeper than any scenario needs, and shallow enough for every recursive step after parsing (overrides, validation). */
const MAX_DEPTH = 64;

/**
 * The first value in parsed data that a scenario cannot hold: a symbol (YAML's merge key `<<` as a
 * value), or anything nested deeper than MAX_DEPTH (aliases can nest deeper than the text shows).
 * Iterative, so the walk itself cannot run out of stack.
 */
function nonDataPath(data: unknown): { path: DataPath; what: string; deep?: boolean } | undefined {
  const stack: Array<{ value: unknown; path: DataPath }> = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "symbol") return { path, what: String(value) };
    if (value === null || typeof value !== "object") continue;
    if (path.length >= MAX_DEPTH) return { path, what: "", deep: true };
    const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i][1], path: [...path, entries[i][0]] });
  }
  return undefined;
}
