/**
 * Zod schemas for the quantities in scenario files. Each accepts the text a
 * user writes (`"250ms"`, `"4KiB"`, `"100/s"`, `"99.9%"`, `"200MiB/s"`), yields
 * the number the model uses, reports `expected a duration such as "250ms", got
 * "10 minutes"`, and shows up in the JSON Schema as a string with a pattern.
 */
import * as z from "zod";
import type { Micros } from "../engine/time.js";
import {
  BANDWIDTH_EXPECTED, BANDWIDTH_PATTERN, DURATION_EXPECTED, DURATION_PATTERN, FRACTION_EXPECTED,
  FRACTION_PATTERN, RATE_EXPECTED, RATE_PATTERN, SIZE_EXPECTED, SIZE_PATTERN, UnitError,
  describeInput, formatDuration, formatSize, parseBandwidth, parseDuration, parseFraction, parseRate, parseSize,
} from "./units.js";

/** What a quantity's JSON Schema says of it: its phrase (`a duration such as 250ms`) and how a value in model units is written. */
export interface UnitInfo {
  readonly phrase: string;
  readonly write: (value: unknown) => unknown;
}

const UNITS = new WeakMap<z.ZodType, UnitInfo>();

/** Marks `schema` as a quantity (a unit schema, a distribution) for the JSON Schema's descriptions and defaults. */
export function markUnit<T extends z.ZodType>(schema: T, info: UnitInfo): T {
  UNITS.set(schema, info);
  return schema;
}

/** The quantity `schema` is, looking through `.default()`, `.optional()` and copies made by `.describe()`. */
export function unitInfo(schema: z.ZodType): UnitInfo | undefined {
  for (let s: z.ZodType | undefined = schema; s !== undefined;) {
    const found = UNITS.get(s);
    if (found) return found;
    const def = s._zod.def as { type: string; innerType?: z.ZodType };
    s = (s._zod.parent as z.ZodType | undefined) ?? (["default", "optional", "prefault"].includes(def.type) ? def.innerType : undefined);
  }
  return undefined;
}

/** Inclusive bounds on the parsed value, in the output unit (µs, bytes, per second). */
export interface UnitBounds {
  readonly min?: number;
  readonly max?: number;
}

interface UnitKind<In> {
  readonly expected: string;
  readonly pattern: RegExp;
  readonly parse: (input: In) => number;
  readonly show: (value: number) => string;
  /** A value in model units as users write it (a valid input). */
  readonly write: (value: number) => string | number;
}

/** What a user may write in place of a string: nothing, only 0, or any number. */
type NumberForm = "none" | "zero" | "any";

/** A string with `kind`'s pattern (or a number, per `numbers`) transformed by `kind.parse`. */
function unitSchema<In extends string | number>(kind: UnitKind<In>, numbers: NumberForm, bounds: UnitBounds = {}) {
  const error = ({ input }: { input?: unknown }) => (input === undefined
    ? `required: expected ${kind.expected}`
    : `expected ${kind.expected}, got ${describeInput(input)}`);
  const text = z.string({ error }).regex(kind.pattern, { error });
  const input = numbers === "none" ? text
    : z.union([text, numbers === "zero" ? z.literal(0) : z.number()], { error });
  const description = kind.expected.replace(/"/g, "");
  const schema = input
    .transform((value, ctx): number => {
      let parsed: number;
      try {
        parsed = kind.parse(value as In);
      } catch (failure) {
        if (!(failure instanceof UnitError)) throw failure;
        ctx.addIssue({ code: "custom", message: failure.message, input: value });
        return z.NEVER;
      }
      const outOfBounds = boundProblem(parsed, bounds, kind.show);
      if (outOfBounds !== undefined) {
        const message = `${outOfBounds}, got ${describeInput(value)}`;
        ctx.addIssue({ code: "custom", message, input: value });
        return z.NEVER;
      }
      return parsed;
    })
    .meta({ description });
  return markUnit(schema, { phrase: description, write: (value) => kind.write(value as number) });
}

function boundProblem(value: number, { min, max }: UnitBounds, show: (v: number) => string): string | undefined {
  if (min !== undefined && value < min) return `must be >= ${show(min)}`;
  if (max !== undefined && value > max) return `must be <= ${show(max)}`;
  return undefined;
}

const DURATION: UnitKind<string | number> = {
  expected: DURATION_EXPECTED,
  pattern: DURATION_PATTERN,
  parse: (input) => (input === 0 ? 0 : parseDuration(input as string)),
  show: formatDuration,
  write: (us) => (us === 0 ? 0 : formatDuration(us)),
};

const SIZE: UnitKind<string | number> = {
  expected: SIZE_EXPECTED, pattern: SIZE_PATTERN,
  parse: parseSize, show: (bytes) => `${bytes} bytes`, write: formatSize,
};

const RATE: UnitKind<string | number> = {
  expected: RATE_EXPECTED, pattern: RATE_PATTERN,
  parse: parseRate, show: (rate) => `${rate}/s`, write: (rate) => rate,
};

const FRACTION: UnitKind<string | number> = {
  expected: FRACTION_EXPECTED, pattern: FRACTION_PATTERN,
  parse: parseFraction, show: String, write: (x) => x,
};

const BANDWIDTH: UnitKind<string> = {
  expected: BANDWIDTH_EXPECTED, pattern: BANDWIDTH_PATTERN,
  parse: parseBandwidth, show: (rate) => `${rate} bytes/s`, write: (rate) => `${formatSize(rate)}/s`,
};

/** A duration (`"250ms"`, `"5m"`, `"90d"`, or `0`) → whole µs. Bounds in µs. */
export function zDuration(bounds?: UnitBounds): z.ZodType<Micros, string | 0> {
  return unitSchema(DURATION, "zero", bounds) as z.ZodType<Micros, string | 0>;
}

/** A size (`"4KiB"`, `"4kB"` = 4000, `"1.5MB"`, or a number of bytes) → whole bytes. */
export function zSize(bounds?: UnitBounds): z.ZodType<number, string | number> {
  return unitSchema(SIZE, "any", bounds);
}

/** A rate (`"20000/s"`, `"100/min"`, or a number per second) → per second. */
export function zRate(bounds?: UnitBounds): z.ZodType<number, string | number> {
  return unitSchema(RATE, "any", bounds);
}

/** A fraction (`0.001`, `"0.1%"`, `"99.9%"`) → a number in [0, 1]. */
export function zFraction(bounds?: UnitBounds): z.ZodType<number, string | number> {
  return unitSchema(FRACTION, "any", bounds);
}

/** A bandwidth (`"200MiB/s"`, `"1GB/s"`) → bytes per second. */
export function zBandwidth(bounds?: UnitBounds): z.ZodType<number, string> {
  return unitSchema(BANDWIDTH, "none", bounds) as z.ZodType<number, string>;
}
