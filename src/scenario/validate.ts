/**
 * Validates parsed scenario data against a zod schema and turns every zod
 * issue into a problem with a path, a line and a message a user can act on:
 * `must be >= 1, got 0`, `unknown key "concurency" (did you mean "concurrency"?)`.
 */
import type * as z from "zod";
import { suggest } from "./did-you-mean.js";
import { ScenarioError, type DataPath, type PathSegment, type ScenarioProblem } from "./scenario-error.js";
import type { SourceDocument } from "./source-file.js";
import { describeInput } from "./units.js";

type Issue = z.core.$ZodIssue;
type RawIssue<T extends z.core.$ZodIssueBase = z.core.$ZodIssue> = z.core.$ZodRawIssue<T>;

/**
 * Marks an issue as the problem of the union option that claimed the value (one naming a
 * registered extension, or a name nothing else knows): the report shows that option's problems.
 */
export const CLAIMED = { claimed: true } as const;

function isClaimed(issue: Issue): boolean {
  return (issue as { params?: { claimed?: unknown } }).params?.claimed === true;
}

/** What the error map answers for a union with no discriminator; expanded after parsing. */
const UNION_PLACEHOLDER = "\u0000union";

/**
 * Parses `source.data` with `schema` and returns the output; throws a `ScenarioError`
 * with one problem per issue (one per unknown key), each with its line in `fileName`.
 */
export function validateWithSchema<T>(schema: z.ZodType<T>, source: SourceDocument, fileName: string): T {
  const result = schema.safeParse(source.data, { reportInput: true, error: issueMessage });
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => issueProblems(issue, [], schema, source));
  throw new ScenarioError(fileName, problems);
}

/**
 * The message for one zod issue, used as zod's error map, so a message written
 * in the schema (`.refine(f, "...")`, `{ error }`) still takes precedence.
 */
export function issueMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return `required: expected ${typeName(issue.expected)}`;
      return `expected ${typeName(issue.expected)}, got ${describeInput(issue.input)}`;
    case "too_small":
    case "too_big":
      return boundMessage(issue);
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}, got ${describeInput(issue.input)}`;
    case "invalid_format":
      return formatMessage(issue);
    case "invalid_value":
      return oneOfMessage(issue.values, issue.input);
    case "unrecognized_keys":
      // Replaced by one problem per key, with a suggestion, in `issueProblems`.
      return `unknown keys ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
    case "invalid_union":
      return unionMessage(issue);
    case "invalid_key":
      return `invalid key ${describeInput(issue.input)}: ${innerMessages(issue.issues)}`;
    case "invalid_element":
      return `invalid element: ${innerMessages(issue.issues)}`;
    case "custom":
      return `invalid value, got ${describeInput(issue.input)}`;
    default:
      return undefined;
  }
}

function innerMessages(issues: readonly Issue[]): string {
  return issues.map((i) => (i.message === UNION_PLACEHOLDER ? "matches none of the allowed forms" : i.message)).join("; ");
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "a string", number: "a number", int: "a whole number", bigint: "a whole number",
  boolean: "true or false", array: "a list", tuple: "a list", object: "an object",
  record: "an object", map: "an object", set: "a list", null: "null", undefined: "nothing",
  nonoptional: "a value", never: "nothing here", date: "a date", nan: "NaN",
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? `a ${expected}`;
}

function boundMessage(issue: RawIssue<z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig>): string {
  const small = issue.code === "too_small";
  const bound = small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum;
  const input = issue.input as { length?: number; size?: number } | null | undefined;
  const strict = issue.inclusive === false;
  if (issue.origin === "string" || issue.origin === "array" || issue.origin === "set") {
    const unit = issue.origin === "string" ? "character" : "item";
    const amount = issue.exact ? "exactly" : small ? "at least" : "at most";
    const bounded = Number(bound) + (strict ? (small ? 1 : -1) : 0);
    const size = input?.length ?? input?.size ?? describeInput(input);
    return `must have ${amount} ${bounded} ${unit}${bounded === 1 ? "" : "s"}, got ${size}`;
  }
  const op = issue.exact ? "=" : small ? (strict ? ">" : ">=") : strict ? "<" : "<=";
  return `must be ${op} ${String(bound)}, got ${describeInput(input)}`;
}

function formatMessage(issue: RawIssue<z.core.$ZodIssueInvalidStringFormat>): string {
  const got = describeInput(issue.input);
  const details = issue as unknown as { prefix?: string; suffix?: string; includes?: string };
  switch (issue.format) {
    case "regex": return `expected a string matching ${issue.pattern}, got ${got}`;
    case "starts_with": return `must start with ${JSON.stringify(details.prefix)}, got ${got}`;
    case "ends_with": return `must end with ${JSON.stringify(details.suffix)}, got ${got}`;
    case "includes": return `must include ${JSON.stringify(details.includes)}, got ${got}`;
    default: return `expected a valid ${issue.format}, got ${got}`;
  }
}

/** `expected one of a|b|c, got "x" (did you mean "y"?)`; `required: ...` when missing. */
function oneOfMessage(values: readonly unknown[], input: unknown): string {
  const expected = values.length === 1
    ? `expected ${showLiteral(values[0])}`
    : `expected one of ${values.map(String).join("|")}`;
  if (input === undefined) return `required: ${expected}`;
  const names = values.filter((v): v is string => typeof v === "string");
  const guess = typeof input === "string" ? suggest(input, names) : undefined;
  return `${expected}, got ${describeInput(input)}${didYouMean(guess)}`;
}

function didYouMean(guess: string | undefined): string {
  return guess === undefined ? "" : ` (did you mean ${JSON.stringify(guess)}?)`;
}

/** A literal as a user would write it in a message: strings quoted. */
function showLiteral(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function unionMessage(issue: RawIssue<z.core.$ZodIssueInvalidUnion>): string {
  const details = issue as unknown as { discriminator?: string; options?: unknown[]; inclusive?: boolean };
  if (details.inclusive === false) return "matches more than one of the allowed forms";
  if (details.discriminator !== undefined && details.options) {
    const input = issue.input as Record<string, unknown> | null | undefined;
    return oneOfMessage(details.options, input?.[details.discriminator]);
  }
  return UNION_PLACEHOLDER;
}

/** The problems for one finalized issue; `base` is the path of the union it sits in, if any. */
function issueProblems(
  issue: Issue,
  base: DataPath,
  schema: z.core.$ZodType,
  source: SourceDocument,
): ScenarioProblem[] {
  const path: PathSegment[] = [...base, ...issue.path.map(toSegment)];
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeys(schema, path, source.data);
    return issue.keys.map((key) => {
      const keyPath = [...path, key];
      const message = `unknown key ${JSON.stringify(key)}${didYouMean(suggest(key, allowed))}`;
      return { path: keyPath, line: source.locate(keyPath, "key")?.line, message };
    });
  }
  if (issue.code === "invalid_union" && issue.message === UNION_PLACEHOLDER) {
    return unionProblems(issue, path, schema, source);
  }
  return [{ path, line: source.locate(path)?.line, message: issue.message }];
}

function toSegment(key: PropertyKey): PathSegment {
  return typeof key === "number" ? key : String(key);
}

/**
 * No option of a plain union matched. If some option at least had the right
 * shape, report that option's problems (the one with fewest); if only one took
 * the value's kind and refused it in its own words (a quantity out of bounds or
 * in a unit it does not know, `rate: 1e12` where an object is the other form),
 * report those; otherwise say which forms were expected: `expected a number or
 * a string, got true`.
 */
function unionProblems(
  issue: z.core.$ZodIssueInvalidUnion,
  path: PathSegment[],
  schema: z.core.$ZodType,
  source: SourceDocument,
): ScenarioProblem[] {
  const branches = issue.errors;
  const claimed = branches.find((issues) => issues.some(isClaimed));
  if (claimed) return claimed.flatMap((inner) => issueProblems(inner, path, schema, source));
  const fitting = branches.filter((issues) => !issues.some(isRootMismatch));
  if (fitting.length > 0) {
    const best = fitting.reduce((a, b) => (b.length < a.length ? b : a));
    return best.flatMap((inner) => issueProblems(inner, path, schema, source));
  }
  const rightKind = branches.filter((issues) => !issues.some(isWrongKind));
  if (rightKind.length === 1 && rightKind[0].every(isOwnWords)) return rightKind[0].flatMap((inner) => issueProblems(inner, path, schema, source));
  const mismatches = branches.flatMap((issues) => issues.filter(isRootMismatch));
  const forms = [...new Set(mismatches.flatMap(describeForms))];
  const input = issue.input;
  const guess = typeof input === "string" ? suggest(input, mismatches.flatMap(literalStrings)) : undefined;
  const message = `expected ${forms.join(" or ")}, got ${describeInput(input)}${didYouMean(guess)}`;
  return [{ path, line: source.locate(path)?.line, message }];
}

/** The string literals a mismatched union option would have accepted. */
function literalStrings(issue: Issue): string[] {
  if (issue.code === "invalid_union") {
    return issue.errors.flatMap((issues) => issues.filter(isRootMismatch).flatMap(literalStrings));
  }
  if (issue.code === "invalid_value") return issue.values.filter((v): v is string => typeof v === "string");
  return [];
}

/** The value is not of a kind the option takes at all (for a union: of none of its options). */
function isWrongKind(issue: Issue): boolean {
  if (issue.path.length > 0) return false;
  if (issue.code === "invalid_union") return issue.errors.length > 0 && issue.errors.every((issues) => issues.some(isWrongKind));
  return issue.code === "invalid_type";
}

/** A quantity's own refusal of a value of its kind (a bound, a unit); a name not in a list (a literal) is left to the list of forms. */
function isOwnWords(issue: Issue): boolean {
  return issue.code !== "invalid_value";
}

/** An issue saying the value itself is of the wrong kind (not something inside it). */
function isRootMismatch(issue: Issue): boolean {
  if (issue.path.length > 0) return false;
  return issue.code === "invalid_type" || issue.code === "invalid_value" || issue.code === "invalid_union" ||
    issue.code === "invalid_format" || issue.code === "custom";
}

/** `a number` from `expected a number, got true`; nested unions list their own forms. */
function describeForms(issue: Issue): string[] {
  if (issue.code === "invalid_union" && issue.message === UNION_PLACEHOLDER) {
    return issue.errors.flatMap((issues) => issues.filter(isRootMismatch).flatMap(describeForms));
  }
  if (issue.code === "invalid_value") return issue.values.map(showLiteral);
  const match = /^(?:required: )?expected (.+?)(?:, got .*)?$/s.exec(issue.message);
  return [match ? match[1] : issue.message];
}

/** A zod schema seen through its internal definition, enough to walk it. */
interface SchemaNode {
  _zod: {
    def: {
      type: string;
      innerType?: SchemaNode; in?: SchemaNode; out?: SchemaNode; getter?: () => SchemaNode;
      options?: SchemaNode[]; discriminator?: string; left?: SchemaNode; right?: SchemaNode;
      shape?: Record<string, SchemaNode>; catchall?: SchemaNode; element?: SchemaNode;
      keyType?: SchemaNode; valueType?: SchemaNode; items?: SchemaNode[]; rest?: SchemaNode | null;
    };
    values?: Set<unknown>;
  };
}

const WRAPPERS = new Set([
  "optional", "nullable", "default", "prefault", "nonoptional", "catch", "readonly", "success",
]);

/**
 * The concrete schemas `schema` may stand for at a value: wrappers unwrapped,
 * pipes seen from both ends, unions split (a discriminated union narrowed to the
 * options that accept the value's discriminator, when any do).
 */
function expand(schema: SchemaNode, value: unknown, seen = new Set<SchemaNode>()): SchemaNode[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = schema._zod.def;
  if (WRAPPERS.has(def.type) && def.innerType) return expand(def.innerType, value, seen);
  if (def.type === "lazy" && def.getter) return expand(def.getter(), value, seen);
  if (def.type === "pipe") return [def.in, def.out].flatMap((s) => (s ? expand(s, value, seen) : []));
  if (def.type === "intersection") {
    return [def.left, def.right].flatMap((s) => (s ? expand(s, value, seen) : []));
  }
  if (def.type === "union" && def.options) {
    const options = def.options.flatMap((s) => expand(s, value, seen));
    return narrowByDiscriminator(options, def.discriminator, value);
  }
  return [schema];
}

function narrowByDiscriminator(
  options: SchemaNode[],
  discriminator: string | undefined,
  value: unknown,
): SchemaNode[] {
  if (discriminator === undefined || value === null || typeof value !== "object") return options;
  const tag = (value as Record<string, unknown>)[discriminator];
  const matching = options.filter((option) => option._zod.def.shape?.[discriminator]?._zod.values?.has(tag));
  return matching.length > 0 ? matching : options;
}

/** The schemas for the child `segment` of a concrete schema. */
function childSchemas(schema: SchemaNode, segment: PathSegment): SchemaNode[] {
  const def = schema._zod.def;
  switch (def.type) {
    case "object": {
      const child = def.shape && Object.hasOwn(def.shape, segment) ? def.shape[segment] : def.catchall;
      return child ? [child] : [];
    }
    case "record": return def.valueType ? [def.valueType] : [];
    case "array": return def.element ? [def.element] : [];
    case "tuple": {
      const item = typeof segment === "number" ? def.items?.[segment] ?? def.rest : undefined;
      return item ? [item] : [];
    }
    default: return [];
  }
}

/** The keys an object at `path` may have, gathered from every schema that can apply there. */
export function allowedKeys(schema: z.core.$ZodType, path: DataPath, data: unknown): string[] {
  let value = data;
  let current = expand(schema as unknown as SchemaNode, value);
  for (const segment of path) {
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[segment] : undefined;
    current = current.flatMap((s) => childSchemas(s, segment)).flatMap((s) => expand(s, value));
  }
  const keys = current.flatMap((s) => {
    const def = s._zod.def;
    if (def.type === "object" && def.shape) return Object.keys(def.shape);
    if (def.type === "record" && def.keyType) {
      const values = expand(def.keyType, undefined).flatMap((k) => [...(k._zod.values ?? [])]);
      return values.filter((v): v is string => typeof v === "string");
    }
    return [];
  });
  return [...new Set(keys)];
}
