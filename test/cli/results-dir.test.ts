import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { relisim as cli } from "../support/relisim-cli.js";
import { defaultResultsDir, slug } from "../../src/cli/results-dir.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "relisim-results-dir-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a scenario's name never leads outside results/", () => {
  test("slugs: path separators and dot-only names become underscores", async () => {
    expect(slug("zone-outage")).toBe("zone-outage");
    expect(slug("../../escaped")).toBe(".._.._escaped");
    expect(slug("a/b\\c")).toBe("a_b_c");
    expect(slug("..")).toBe("__");
    expect(slug(".")).toBe("_");
    expect(slug("")).toBe("scenario");
    expect(slug("\u001b[2J")).toBe("__2J");
    expect(defaultResultsDir("../x", "../y")).toBe(join("results", ".._x-.._y"));
  });

  test('run with name "../../escaped" writes under results/ of the working directory, nowhere above', async () => {
    const work = join(scratch, "a", "b");
    mkdirSync(work, { recursive: true });
    const text = readFileSync(join(ROOT, "test/fixtures/cli/tiny.yaml"), "utf8").replace(/^name: .*$/m, 'name: "../../escaped"');
    writeFileSync(join(work, "t.yaml"), text);
    const r = await cli(["run", "t.yaml", "--quiet"], { cwd: work });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(scratch)).toEqual(["a"]);
    expect(readdirSync(join(scratch, "a"))).toEqual(["b"]);
    expect(readdirSync(join(work, "results"))).toEqual([".._.._escaped"]);
  });
});

describe("an output directory relisim cannot use is bad input, said in a sentence", () => {
  const relisim = (...args: string[]) => cli(args, { cwd: scratch });
  const tiny = join(ROOT, "test/fixtures/cli/tiny.yaml");

  test("--out that is empty, a file, under a file, or under /proc: exit 2 at once, no stack", async () => {
    const file = join(scratch, "a-file");
    writeFileSync(file, "not a directory");
    const cases: Array<[string, RegExp]> = [
      ["", /cannot write to "": the path is empty/],
      [file, /is a file, not a directory/],
      [join(file, "sub"), /is a file, not a directory/],
      ["/proc/relisim", /cannot write to "\/proc\/relisim"/],
    ];
    for (const [out, message] of cases) {
      const r = await relisim("run", tiny, "--out", out, "--quiet");
      expect(r.status, `${out}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  test("schema --output naming a directory: exit 2 naming --output", async () => {
    const r = await relisim("schema", "--output", scratch);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^--output: 1 problem/);
    expect(r.stderr).toContain(`cannot write to "${scratch}": it is a directory; give a file name`);
  });

  test("temporaries a killed run left beside its result files are removed by the next write; others stay", async () => {
    const out = join(scratch, "stale");
    mkdirSync(out, { recursive: true });
    // No process has pid 2^22 + 1 on Linux (pid_max is at most 2^22).
    writeFileSync(join(out, "summary.json.tmp-4194305"), "half");
    writeFileSync(join(out, "notes.txt.tmp-4194305"), "not ours");
    const r = await relisim("run", tiny, "--out", out, "--quiet");
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["episodes.csv", "notes.txt.tmp-4194305", "summary.json", "windows.csv"]);
  });
});
