import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { defaultResultsDir, slug } from "../../src/cli/results-dir.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "relisim-results-dir-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a scenario's name never leads outside results/", () => {
  test("slugs: path separators and dot-only names become underscores", () => {
    expect(slug("zone-outage")).toBe("zone-outage");
    expect(slug("../../escaped")).toBe(".._.._escaped");
    expect(slug("a/b\\c")).toBe("a_b_c");
    expect(slug("..")).toBe("__");
    expect(slug(".")).toBe("_");
    expect(slug("")).toBe("scenario");
    expect(slug("\u001b[2J")).toBe("__2J");
    expect(defaultResultsDir("../x", "../y")).toBe(join("results", ".._x-.._y"));
  });

  test('run with name "../../escaped" writes under results/ of the working directory, nowhere above', () => {
    const work = join(scratch, "a", "b");
    mkdirSync(work, { recursive: true });
    const text = readFileSync(join(ROOT, "test/fixtures/cli/tiny.yaml"), "utf8").replace(/^name: .*$/m, 'name: "../../escaped"');
    writeFileSync(join(work, "t.yaml"), text);
    const r = spawnSync(process.execPath, [join(ROOT, "bin/relisim.js"), "run", "t.yaml", "--quiet"], { cwd: work, encoding: "utf8", timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(scratch)).toEqual(["a"]);
    expect(readdirSync(join(scratch, "a"))).toEqual(["b"]);
    expect(readdirSync(join(work, "results"))).toEqual([".._.._escaped"]);
  });
});
