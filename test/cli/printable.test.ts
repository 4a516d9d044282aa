import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { printable } from "../../src/cli/printable.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "relisim-printable-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("control characters in names are shown, never obeyed", () => {
  test("printable escapes C0 and C1 controls but keeps line feeds, tabs and Unicode", () => {
    expect(printable("a\u001b[2Jb")).toBe("a\\x1b[2Jb");
    expect(printable("bell\u0007 del\u007f csi\u009b")).toBe("bell\\x07 del\\x7f csi\\x9b");
    expect(printable("line\nnext\tcol → █ 99.9%")).toBe("line\nnext\tcol → █ 99.9%");
    expect(printable("cr\rback")).toBe("cr\\x0dback");
  });

  test("a scenario named with ESC [2J: neither stdout nor stderr carries the escape, for a run or a bad file", () => {
    const text = readFileSync(join(ROOT, "test/fixtures/cli/tiny.yaml"), "utf8").replace(/^name: .*$/m, 'name: "evil\\e[2J"');
    const file = join(scratch, "evil.yaml");
    writeFileSync(file, text);
    const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, "bin/relisim.js"), ...args], { cwd: scratch, encoding: "utf8", timeout: 60_000 });
    const ok = run("run", file, "--out", join(scratch, "out"));
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("evil\\x1b[2J — seed");
    expect(ok.stderr).toContain("running evil\\x1b[2J");
    const bad = run("run", file, "--set", "duration=\u001b[2J");
    expect(bad.status).toBe(2);
    for (const out of [ok.stdout, ok.stderr, bad.stdout, bad.stderr]) expect(out).not.toContain("\u001b");
  });
});
