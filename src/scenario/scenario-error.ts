/**
 * The one error type for problems in the user's input: scenario files, `--set`
 * and `--vary` flags. It carries every problem found, not just the first.
 */

/** One step of a path into scenario data: an object key or an array index. */
export type PathSegment = string | number;

/** A location in scenario data, e.g. `["faults", 2, "at"]`. */
export type DataPath = readonly PathSegment[];

/**
 * One thing wrong with the input; `line` and `column` are 1-based. Problems in
 * the data have a path (and a line when it could be located); syntax problems
 * have an empty path, a line and a column; problems with a whole file or flag
 * have an empty path and no line.
 */
export interface ScenarioProblem {
  readonly path: DataPath;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** `faults[2].at`; `(root)` for the empty path; keys that are not identifiers are quoted. */
export function formatPath(path: DataPath): string {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const whole of path) {
    // A key thousands of characters long (a typo, a fuzzer) is named by its start.
    const segment = typeof whole === "string" && whole.length > 64 ? `${whole.slice(0, 60)}…` : whole;
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function comparePaths(a: DataPath, b: DataPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    if (typeof x === "number") return -1;
    if (typeof y === "number") return 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Problems without a line first, then by line, path, column and message (a total order). */
export function compareProblems(a: ScenarioProblem, b: ScenarioProblem): number {
  return (
    (a.line ?? 0) - (b.line ?? 0) ||
    comparePaths(a.path, b.path) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/**
 * The user's input is wrong: every problem with its file, line and path.
 * The CLI prints `format()` and exits with `exitCode` (2).
 */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  readonly exitCode = 2;
  /** Sorted by line, then path. */
  readonly problems: readonly ScenarioProblem[];

  constructor(
    /** The file the problems are in, as the user named it (or `--set`, `--vary`). */
    readonly file: string,
    problems: readonly ScenarioProblem[],
  ) {
    const sorted = [...problems].sort(compareProblems);
    super(formatProblems(file, sorted));
    this.problems = sorted;
  }

  /** The report shown to the user, one problem a line. */
  format(): string {
    return this.message;
  }
}

/**
 * `file: N problems` and then one indented line per problem:
 * `line 17 client.retry.maxAttempts: must be >= 1, got 0`. A problem with an
 * empty path is about the data's root (`(root): ...`) if it has a line only;
 * with a column it is a syntax problem (`line 3:7 <message>`), and with no line
 * at all it is about the file or a flag as a whole (just the message).
 */
function formatProblems(file: string, problems: readonly ScenarioProblem[]): string {
  const labels = problems.map((p) => {
    if (p.line === undefined) return "";
    return p.path.length === 0 && p.column !== undefined ? `line ${p.line}:${p.column}` : `line ${p.line}`;
  });
  const width = Math.max(0, ...labels.map((label) => label.length));
  const lines = problems.map((p, i) => {
    const where = width > 0 ? `${labels[i].padEnd(width)} ` : "";
    const unplaced = p.path.length === 0 && (p.column !== undefined || p.line === undefined);
    return `  ${where}${unplaced ? "" : `${formatPath(p.path)}: `}${p.message}`;
  });
  const count = `${problems.length} problem${problems.length === 1 ? "" : "s"}`;
  return [`${file}: ${count}`, ...lines].join("\n");
}
