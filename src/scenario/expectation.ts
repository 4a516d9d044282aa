import { suggest } from "./did-you-mean.js";

/**
 * Expectations: one-line assertions on a run's outcome, such as `latencyMs.GET.p99 < 10`.
 * Grammar (hand-written recursive descent, no eval):
 *   expectation := sum comparison sum        comparison := < | <= | > | >= | == | !=
 *   sum := product (("+" | "-") product)*    product := unary (("*" | "/") unary)*
 *   unary := "-" unary | primary
 *   primary := number ["%"] | path | function "(" sum ("," sum)* ")" | "(" sum ")"
 * A number is `0.999` or `1e-3`; `10%` means 0.1. A path is dotted keys of letters, digits and
 * `_`, the first starting with a letter or `_`; a key of digits also indexes a list.
 * Functions: abs, min, max, log10.
 */

export type ComparisonOperator = "<" | "<=" | ">" | ">=" | "==" | "!=";

/** A node of an expression; `start`/`end` are offsets into the expectation's text. */
export type ExpressionNode = { readonly start: number; readonly end: number } & (
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "path"; readonly path: string; readonly segments: readonly string[] }
  | { readonly kind: "negate"; readonly operand: ExpressionNode }
  | {
      readonly kind: "binary";
      readonly op: "+" | "-" | "*" | "/";
      readonly left: ExpressionNode;
      readonly right: ExpressionNode;
    }
  | { readonly kind: "call"; readonly fn: string; readonly args: readonly ExpressionNode[] }
);

/** A parsed expectation: `left operator right`. */
export interface Expectation {
  readonly text: string;
  readonly operator: ComparisonOperator;
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
}

/** The verdict on one expectation; `left`/`right` are NaN when a path did not resolve. */
export interface ExpectationResult {
  readonly passed: boolean;
  readonly left: number;
  readonly right: number;
  readonly text: string;
  readonly detail: string;
}

/** A malformed expectation; `column` is 1-based and the message ends with a caret line. */
export class ExpectationSyntaxError extends Error {
  readonly column: number;
  readonly reason: string;
  readonly text: string;

  constructor(text: string, column: number, reason: string) {
    super(`${reason} at column ${column}\n  ${text}\n  ${" ".repeat(column - 1)}^`);
    this.name = "ExpectationSyntaxError";
    this.text = text;
    this.column = column;
    this.reason = reason;
  }
}

/** `==` holds when |a − b| ≤ 1e-9 · max(|a|, |b|); `!=` is its negation. */
export const EQUALITY_RELATIVE_TOLERANCE = 1e-9;

const FUNCTIONS: Record<string, { arity: number | "some"; apply: (xs: number[]) => number }> = {
  abs: { arity: 1, apply: (xs) => Math.abs(xs[0]) },
  min: { arity: "some", apply: (xs) => Math.min(...xs) },
  max: { arity: "some", apply: (xs) => Math.max(...xs) },
  log10: { arity: 1, apply: (xs) => Math.log10(xs[0]) },
};
const COMPARISONS = new Set<string>(["<", "<=", ">", ">=", "==", "!="]);

interface Token {
  readonly kind: "number" | "path" | "symbol" | "end";
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?/y;
const PATH = /[A-Za-z_]\w*(?:\.\w+)*/y;
const SYMBOL = /<=|>=|==|!=|[-+*/(),<>]/y;

const RULES = [["number", NUMBER], ["path", PATH], ["symbol", SYMBOL]] as const;

/** The rule whose (sticky) pattern matches at offset `at`, with `lastIndex` left at its end. */
function ruleAt(text: string, at: number): (typeof RULES)[number] | undefined {
  return RULES.find(([, re]) => {
    re.lastIndex = at;
    return re.test(text);
  });
}

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  const fail = (column: number, reason: string): never => {
    throw new ExpectationSyntaxError(text, column, reason);
  };
  for (let at = 0; at < text.length; ) {
    if (/\s/.test(text[at])) {
      at++;
      continue;
    }
    const rule = ruleAt(text, at);
    const c = text[at];
    if (!rule && (c === "=" || c === "!")) fail(at + 1, `"${c}" is not an operator (write "${c}=")`);
    if (!rule) return fail(at + 1, `unexpected character "${c}"`);
    const [kind, re] = rule;
    const end = re.lastIndex;
    const word = text.slice(at, end);
    if (kind === "path" && text[end] === ".") fail(end + 2, `expected a key after "${word}."`);
    if (kind === "number" && /[\w.%]/.test(text[end] ?? "")) {
      fail(end + 1, `expected an operator after the number ${word} (units are not supported)`);
    }
    tokens.push({ kind, text: word, start: at, end });
    at = end;
  }
  tokens.push({ kind: "end", text: "", start: text.length, end: text.length });
  return tokens;
}

/** Parses one expectation; throws ExpectationSyntaxError with the column of the problem. */
export function parseExpectation(text: string): Expectation {
  return new Parser(text).expectation();
}

/** The most tokens (numbers, paths, operators, parentheses) one expectation may have. */
const MAX_TOKENS = 1000;

class Parser {
  readonly #text: string;
  readonly #tokens: Token[];
  #at = 0;

  constructor(text: string) {
    this.#text = text;
    this.#tokens = lex(text);
    // Parsing and evaluating recurse per nesting level and per term: a bound keeps both shallow.
    if (this.#tokens.length > MAX_TOKENS) {
      throw new ExpectationSyntaxError(text, this.#tokens[MAX_TOKENS].start + 1, `too long: ${this.#tokens.length - 1} tokens, at most ${MAX_TOKENS} (split it into several expectations)`);
    }
  }

  expectation(): Expectation {
    const left = this.#sum();
    const op = this.#peek();
    if (!(op.kind === "symbol" && COMPARISONS.has(op.text))) {
      this.#fail(op.kind === "end" ? "expected a comparison (<, <=, >, >=, ==, !=)" : "expected an operator");
    }
    this.#at++;
    const right = this.#sum();
    const rest = this.#peek();
    if (rest.kind !== "end") {
      if (COMPARISONS.has(rest.text)) this.#fail(`only one comparison is allowed; unexpected "${rest.text}"`);
      this.#fail(rest.kind === "symbol" ? `unexpected "${rest.text}"` : "expected an operator");
    }
    return { text: this.#text, operator: op.text as ComparisonOperator, left, right };
  }

  #sum(): ExpressionNode {
    let left = this.#product();
    for (let t = this.#peek(); t.text === "+" || t.text === "-"; t = this.#peek()) {
      this.#at++;
      const right = this.#product();
      left = { kind: "binary", op: t.text, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  #product(): ExpressionNode {
    let left = this.#unary();
    for (let t = this.#peek(); t.text === "*" || t.text === "/"; t = this.#peek()) {
      this.#at++;
      const right = this.#unary();
      left = { kind: "binary", op: t.text, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  #unary(): ExpressionNode {
    const t = this.#peek();
    if (t.text !== "-") return this.#primary();
    this.#at++;
    const operand = this.#unary();
    return { kind: "negate", operand, start: t.start, end: operand.end };
  }

  #primary(): ExpressionNode {
    const t = this.#peek();
    if (t.kind === "number") {
      this.#at++;
      return { kind: "number", value: numberValue(t.text), start: t.start, end: t.end };
    }
    if (t.kind === "path") {
      this.#at++;
      if (this.#peek().text === "(") return this.#call(t);
      return { kind: "path", path: t.text, segments: t.text.split("."), start: t.start, end: t.end };
    }
    if (t.text === "(") {
      this.#at++;
      const inner = this.#sum();
      this.#expect(")", 'expected ")"');
      return inner;
    }
    return this.#fail('expected a number, a path or "("');
  }

  #call(name: Token): ExpressionNode {
    if (!Object.hasOwn(FUNCTIONS, name.text)) {
      const hint = suggest(name.text, Object.keys(FUNCTIONS));
      const known = hint ? `did you mean ${hint}?` : `known: ${Object.keys(FUNCTIONS).join(", ")}`;
      throw new ExpectationSyntaxError(this.#text, name.start + 1, `unknown function "${name.text}" (${known})`);
    }
    this.#at++;
    const args = [this.#sum()];
    while (this.#peek().text === ",") {
      this.#at++;
      args.push(this.#sum());
    }
    const close = this.#expect(")", 'expected "," or ")"');
    const fn = FUNCTIONS[name.text];
    if (fn.arity !== "some" && args.length !== fn.arity) {
      const reason = `${name.text} takes ${fn.arity} argument${fn.arity === 1 ? "" : "s"}, got ${args.length}`;
      throw new ExpectationSyntaxError(this.#text, name.start + 1, reason);
    }
    return { kind: "call", fn: name.text, args, start: name.start, end: close.end };
  }

  #peek(): Token {
    return this.#tokens[this.#at];
  }

  #expect(symbol: string, reason: string): Token {
    const t = this.#peek();
    if (t.text !== symbol || t.kind !== "symbol") this.#fail(reason);
    this.#at++;
    return t;
  }

  /** Fails at the current token, naming the token before it. */
  #fail(reason: string): never {
    const t = this.#peek();
    const before = this.#at > 0 ? ` after "${this.#tokens[this.#at - 1].text}"` : "";
    throw new ExpectationSyntaxError(this.#text, t.start + 1, reason + before);
  }
}

/** The value of a number literal; `99.9%` is read as 99.9e-2 so that it is exactly 0.999. */
function numberValue(literal: string): number {
  if (!literal.endsWith("%")) return Number(literal);
  const [mantissa, exponent = "0"] = literal.slice(0, -1).split(/[eE]/);
  return Number(`${mantissa}e${Number(exponent) - 2}`);
}

/** The outcome paths an expectation reads, each once, in order of appearance. */
export function expectationPaths(expectation: Expectation): string[] {
  return collectPaths(expectation.right, collectPaths(expectation.left, []));
}

function collectPaths(n: ExpressionNode, paths: string[]): string[] {
  if (n.kind === "path" && !paths.includes(n.path)) paths.push(n.path);
  if (n.kind === "negate") collectPaths(n.operand, paths);
  if (n.kind === "binary") [n.left, n.right].forEach((m) => collectPaths(m, paths));
  if (n.kind === "call") n.args.forEach((m) => collectPaths(m, paths));
  return paths;
}

/**
 * Checks an expectation against a run's outcome (a plain JSON object). A path that does not
 * resolve to a number, or a side that is NaN, fails, with the reason in `detail`.
 */
export function evaluateExpectation(expectation: Expectation, outcome: unknown): ExpectationResult {
  const values = new Map<string, number>();
  const problems: string[] = [];
  for (const path of expectationPaths(expectation)) {
    const found = resolve(outcome, path.split("."));
    if (typeof found === "number") values.set(path, found);
    else problems.push(found.problem);
  }
  const text = expectation.text.trim();
  if (problems.length > 0) return { passed: false, left: NaN, right: NaN, text, detail: problems.join("; ") };
  const { operator: op, left: l, right: r } = expectation;
  const left = evaluate(l, values);
  const right = evaluate(r, values);
  const passed = !Number.isNaN(left) && !Number.isNaN(right) && compare(left, op, right);
  return { passed, left, right, text, detail: describeComparison(expectation, left, right, values) };
}

function compare(a: number, op: ComparisonOperator, b: number): boolean {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  const equal = a === b || Math.abs(a - b) <= EQUALITY_RELATIVE_TOLERANCE * scale;
  switch (op) {
    case "<": return a < b;
    case "<=": return a <= b;
    case ">": return a > b;
    case ">=": return a >= b;
    case "==": return equal;
    case "!=": return !equal;
  }
}

function evaluate(n: ExpressionNode, values: ReadonlyMap<string, number>): number {
  switch (n.kind) {
    case "number": return n.value;
    case "path": return values.get(n.path) ?? NaN;
    case "negate": return -evaluate(n.operand, values);
    case "call": return FUNCTIONS[n.fn].apply(n.args.map((a) => evaluate(a, values)));
    case "binary": {
      const a = evaluate(n.left, values);
      const b = evaluate(n.right, values);
      return n.op === "+" ? a + b : n.op === "-" ? a - b : n.op === "*" ? a * b : a / b;
    }
  }
}

/** E.g. `abs(a - b) = 0.03 (needs < 0.05; a = 3.2, b = 3.17)`: inputs of compound sides last. */
function describeComparison(
  e: Expectation,
  left: number,
  right: number,
  values: ReadonlyMap<string, number>,
): string {
  const digits = distinguishingDigits(left, right);
  const side = (n: ExpressionNode, v: number): string => {
    const source = e.text.slice(n.start, n.end);
    return n.kind === "number" ? source : `${source} = ${formatNumber(v, digits)}`;
  };
  const inputs: string[] = [];
  for (const n of [e.left, e.right]) if (n.kind !== "path") collectPaths(n, inputs);
  const where = inputs.length === 0 ? "" : `; ${inputs.map((p) => `${p} = ${formatNumber(values.get(p) ?? NaN)}`).join(", ")}`;
  return `${side(e.left, left)} (needs ${e.operator} ${side(e.right, right)}${where})`;
}

/** `x` to `digits` significant digits (6 by default), without trailing zeros. */
function formatNumber(x: number, digits = 6): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : String(x);
}

/** At least 6 digits, more when 6 would print two different numbers alike (0.9999996 vs 0.9999999). */
function distinguishingDigits(a: number, b: number): number {
  let digits = 6;
  while (digits < 17 && a !== b && formatNumber(a, digits) === formatNumber(b, digits)) digits++;
  return digits;
}

type Resolved = number | { problem: string };

function resolve(root: unknown, segments: readonly string[]): Resolved {
  let value = root;
  for (let depth = 0; depth < segments.length; depth++) {
    const next = child(value, segments[depth]);
    if (next === undefined) return { problem: missing(root, value, segments, depth) };
    value = next.value;
  }
  if (typeof value === "number") return value;
  return { problem: `${segments.join(".")} is ${describeValue(value)}, not a number` };
}

function child(container: unknown, key: string): { value: unknown } | undefined {
  if (Array.isArray(container)) {
    return /^\d+$/.test(key) && Number(key) < container.length ? { value: container[Number(key)] } : undefined;
  }
  if (typeof container === "object" && container !== null && Object.hasOwn(container, key)) {
    return { value: (container as Record<string, unknown>)[key] };
  }
  return undefined;
}

/** Why `segments[depth]` is not a key of `container`, with a "did you mean" where one is close. */
function missing(root: unknown, container: unknown, segments: readonly string[], depth: number): string {
  const path = segments.join(".");
  const prefix = segments.slice(0, depth).join(".");
  const where = prefix === "" ? "the outcome" : prefix;
  let hint = "";
  if (Array.isArray(container)) hint = ` (${where} has ${container.length} items)`;
  else if (typeof container !== "object" || container === null) hint = ` (${where} is ${describeValue(container)})`;
  else {
    const keys = Object.keys(container);
    const guess = suggestKey(segments[depth], keys);
    if (guess !== undefined) {
      const whole = [...segments.slice(0, depth), guess, ...segments.slice(depth + 1)];
      const shown = typeof resolve(root, whole) === "number" ? whole : whole.slice(0, depth + 1);
      hint = ` (did you mean ${shown.join(".")}?)`;
    } else if (keys.length > 0 && keys.length <= 12) hint = ` (${where} has ${keys.join(", ")})`;
  }
  return `${path} is not in the outcome${hint}`;
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === "object") return `an object (keys: ${Object.keys(v).slice(0, 8).join(", ")})`;
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  return typeof v === "number" ? `the number ${formatNumber(v)}` : String(v);
}

/**
 * `suggest` from the shared helper, which breaks ties by order: so offer first the candidates
 * sharing a longer prefix with `word`, then those whose first differing character is nearer
 * (p98 → p99 rather than p90).
 */
function suggestKey(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const rank = (c: string): [number, number] => {
    const lc = c.toLowerCase();
    let common = 0;
    while (common < w.length && w[common] === lc[common]) common++;
    return [-common, Math.abs((w.charCodeAt(common) || 0) - (lc.charCodeAt(common) || 0))];
  };
  const ranked = candidates.map((c, index) => ({ c, index, key: rank(c) }));
  ranked.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.index - b.index);
  return suggest(word, ranked.map((r) => r.c));
}
