// What the fuzz test does to the example scenarios: arbitraries (fast-check) that describe a
// mutation, and `materialize`, which applies it to a scenario's text. The kinds follow issue 15:
// wrong types, deleted and unknown keys, extreme and non-finite numbers, odd units, huge
// topologies and rates, deep nesting, YAML tags and aliases, prototype keys, control characters.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { parse, stringify } from "yaml";

const scenariosDir = new URL("../../scenarios/", import.meta.url);
export const EXAMPLES = readdirSync(scenariosDir).filter((f) => /\.ya?ml$/.test(f)).sort();
const sources = new Map(EXAMPLES.map((f) => [f, readFileSync(new URL(f, scenariosDir), "utf8")]));

const ESC = "\u001b[2J";
const WRONG_TYPES = ["abc", true, false, null, [], {}, "", " ", [1, 2], { a: 1 }];
const NUMBERS = [0, -1, 1, 0.5, -0.5, 1e308, -1e308, 1e-300, 2 ** 31, 2 ** 32, 2 ** 53 + 2, 1e9, 1e12, 1e15, NaN, Infinity, -Infinity];
const UNITS = [
  "5 parsecs", "1e9y", "-3ms", "0s", "1e400ms", "4294967296/s", "1000000000000/s", "1e-300/s", "NaN ms", "1 ms ms",
  "100%", "-5%", "1e309%", "10 KiB", "1e30 TiB", "1/0s", "Infinity s", "0x10 s", "1_000ms", "5m5m", "∞", `x${ESC}`,
];
const KEYS = ["concurency", "__proto__", "constructor", "prototype", "polluted", `x${ESC}`, "\u0000", "toString", "hasOwnProperty", "<<", "", "0"];
/** Keys whose values size the world or the work: set to huge values, they must be refused, not built. */
const SIZE_KEYS = ["nodesPerZone", "perZone", "rate", "count", "capacity", "clusters", "vnodes", "zones", "duration", "window", "concurrency", "queueLimit", "replications", "replicationFactor", "rows", "cursors", "steps", "maxAttempts", "n", "batch", "everyDays", "factor", "size", "parallel", "pageRows", "minRequests"];
const HUGE = [1e6, 1e9, 4294967296, 1e12, 1e18, 1e300, "1e9/s", "4294967296/s", "100y", "1e6y", "1e12", "1 TiB", "1e15 B"];
/** Placeholders turned into YAML text that a data value cannot express. */
const SNIPPETS = [
  "!!binary aGVsbG8=", "!!set { a, b }", "!!merge <<", "*nowhere", "!!timestamp 2001-12-14", "!!js/undefined ~",
  "!custom 1", "!!float abc", "!!int 1e400", "!!str", "!!map []", "!!seq {}", "&a [*a]", "<<: *nowhere", "!!null x",
];
const NAMES = [`evil${ESC}`, "a\u0000b", "bell\u0007", "../../escaped", "/etc/passwd", "名前", "x".repeat(5000), "C:\\x", "a\nb: 1"];

/** Values a scenario could well hold: a mutation to one of them often leaves the file valid, so runs get fuzzed too. */
const PLAUSIBLE = [1, 2, 3, 10, 100, 0.1, 0.9, "1s", "10ms", "5m", "50%", "1000/s", "4 KiB", true, false];

const value = fc.oneof(
  { arbitrary: fc.constantFrom(...PLAUSIBLE), weight: 3 },
  fc.constantFrom(...WRONG_TYPES),
  fc.constantFrom(...NUMBERS),
  fc.constantFrom(...UNITS),
  fc.constantFrom(...NAMES),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
);

/** One mutation. `at` picks among the scenario's paths when it is applied (modulo their count). */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant("delete"), at: fc.nat() }),
  fc.record({ kind: fc.constant("set"), at: fc.nat(), value }),
  fc.record({ kind: fc.constant("add"), at: fc.nat(), key: fc.constantFrom(...KEYS), value }),
  fc.record({ kind: fc.constant("size"), at: fc.nat(), value: fc.constantFrom(...HUGE) }),
  fc.record({ kind: fc.constant("nest"), at: fc.nat(), depth: fc.integer({ min: 50, max: 5000 }), map: fc.boolean() }),
  fc.record({ kind: fc.constant("tag"), at: fc.nat(), snippet: fc.constantFrom(...SNIPPETS) }),
  fc.record({ kind: fc.constant("name"), at: fc.nat(), value: fc.constantFrom(...NAMES) }),
);

/** Overrides on the command line, mutated the same ways. */
const flag = fc.oneof(
  fc.record({ kind: fc.constant("set"), at: fc.nat(), value: fc.oneof(fc.constantFrom(...UNITS), fc.constantFrom("abc", "", "*a", "&a 1", "!!binary x", "[", "{a: 1}", "null", "1e400", "-1", "__proto__")) }),
  fc.constantFrom(
    ["--set", "__proto__.polluted=1"], ["--set", "constructor.prototype.polluted=1"], ["--set", "duration=*a"],
    ["--set", "x=1"], ["--set", "=1"], ["--set", "duration"], ["--seed", "-1"], ["--seed", "1e30"], ["--seed", "abc"],
    ["--max-events", "0"], ["--max-events", "1"], ["--set", `name=evil${ESC}`], ["--set", "prototype.x=1"],
  ),
);

export const fuzzCase = fc.record({
  scenario: fc.constantFrom(...EXAMPLES),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 2 }),
  command: fc.constantFrom("validate", "run", "run", "compare", "sweep"),
  /** Runs cut to a few simulated seconds, so that more of them finish and write their results. */
  short: fc.boolean(),
  flags: fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, fc.array(flag, { minLength: 1, maxLength: 2 })),
});

/** Every path to a value in `data`, parents before children. */
function paths(data, prefix = [], into = []) {
  if (data !== null && typeof data === "object") {
    for (const key of Object.keys(data)) {
      into.push([...prefix, key]);
      paths(data[key], [...prefix, key], into);
    }
  }
  return into;
}

function parentOf(data, path) {
  let node = data;
  for (const key of path.slice(0, -1)) node = node[key];
  return node;
}

/**
 * The scenario's text with the case's mutations applied, and its command line. Placeholders stand
 * for YAML that plain data cannot say (tags, deep nesting) and are replaced in the text.
 */
export function materialize(c, file, out) {
  const data = parse(sources.get(c.scenario));
  const placeholders = new Map();
  const placeholder = (text) => {
    // Letters only, so YAML writes it plain (unquoted) and the snippet lands as syntax, not a string.
    const token = `fuzzplaceholder${placeholders.size}x`;
    placeholders.set(token, text);
    return token;
  };
  for (const m of c.mutations) {
    const all = paths(data);
    if (all.length === 0) break;
    const pick = (list) => list[m.at % list.length];
    switch (m.kind) {
      case "delete": {
        const path = pick(all);
        const parent = parentOf(data, path);
        if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
        else delete parent[path.at(-1)];
        break;
      }
      case "set": {
        const path = pick(all);
        parentOf(data, path)[path.at(-1)] = m.value;
        break;
      }
      case "add": {
        const objects = [[], ...all].filter((p) => {
          const v = p.length === 0 ? data : parentOf(data, p)[p.at(-1)];
          return v !== null && typeof v === "object" && !Array.isArray(v);
        });
        const path = pick(objects);
        const target = path.length === 0 ? data : parentOf(data, path)[path.at(-1)];
        Object.defineProperty(target, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
        break;
      }
      case "size": {
        const sized = all.filter((p) => SIZE_KEYS.includes(p.at(-1)));
        const path = pick(sized.length > 0 ? sized : all);
        parentOf(data, path)[path.at(-1)] = m.value;
        break;
      }
      case "nest": {
        const path = pick(all);
        const deep = m.map ? `${"{a: ".repeat(m.depth)}1${"}".repeat(m.depth)}` : `${"[".repeat(m.depth)}${"]".repeat(m.depth)}`;
        parentOf(data, path)[path.at(-1)] = placeholder(deep);
        break;
      }
      case "tag": {
        const path = pick(all);
        parentOf(data, path)[path.at(-1)] = placeholder(m.snippet);
        break;
      }
      case "name": {
        const named = all.filter((p) => p.at(-1) === "name" || p.at(-2) === "variants");
        const path = pick(named.length > 0 ? named : all);
        if (path.at(-2) === "variants") {
          const parent = parentOf(data, path);
          const v = parent[path.at(-1)];
          delete parent[path.at(-1)];
          parent[m.value] = v;
        } else parentOf(data, path)[path.at(-1)] = m.value;
        break;
      }
    }
  }
  let text = stringify(data, { aliasDuplicateObjects: false, lineWidth: 0 });
  for (const [token, snippet] of placeholders) text = text.replace(new RegExp(`(["']?)${token}\\1`, "g"), () => snippet);
  const argv = [c.command, file];
  if (c.command !== "validate") argv.push("--out", out, "--max-events", c.short ? "300000" : "20000", "--quiet");
  if (c.command !== "validate" && c.short) argv.push("--set", "duration=3s");
  // One replication of a fleet: a fleet comparison of 6 variants × 3 replications is 12 s of CPU unmutated.
  const fleet = c.scenario.includes("maintenance") || c.scenario.includes("vnodes");
  if (fleet && c.command !== "validate") argv.push("--set", "replications=1");
  // A grid of two points: a fleet file's own sweep block is 18 fleet runs.
  if (c.command === "sweep") argv.push("--workers", "1", "--replications", "2", "--grid", fleet ? "fleet.vnodes=4,16" : "clients.perZone=1,2");
  const all = paths(data).map((p) => p.join("."));
  for (const f of c.flags) {
    if (Array.isArray(f)) argv.push(...f);
    else if (all.length > 0) argv.push("--set", `${all[f.at % all.length]}=${f.value}`);
  }
  return { text, argv };
}
