import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { relisim as cli } from "../support/relisim-cli.js";

/** `relisim test --jobs N`: scenarios on worker threads, each printed whole as it finishes. */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let scratch: string;
const FILES = ["a.yaml", "b.yaml", "c.yaml"];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "relisim-jobs-"));
  // Each has one expectation that holds and one that cannot: 1 passed, 1 failed per file.
  const text = readFileSync(join(ROOT, "test/fixtures/cli/expectations/tiny-expect.yaml"), "utf8");
  FILES.forEach((f, i) => writeFileSync(join(scratch, f), text.replace("seed: 3", `seed: ${3 + i}`)));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function relisim(args: readonly string[]) {
  const r = await cli(args, { cwd: scratch });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stdout as one block per scenario (a block starts at its `file (seed n)` line), sorted; and the last line. */
function blocks(stdout: string): { blocks: string[]; last: string } {
  const lines = stdout.trimEnd().split("\n");
  const last = lines.pop()!;
  const out: string[] = [];
  for (const line of lines) {
    if (/^\S+\.yaml \(seed \d+\)$/.test(line)) out.push(line);
    else out[out.length - 1] += `\n${line}`;
  }
  return { blocks: out.sort(), last };
}

test("in parallel, every scenario's block is whole and the same as one at a time; tallies, exit code and JUnit order agree", async () => {
  const one = await relisim(["test", "--jobs", "1", "--junit", "one.xml", ...FILES]);
  const three = await relisim(["test", "--jobs", "3", "--junit", "three.xml", ...FILES]);
  expect(one.status).toBe(1);
  expect(three.status).toBe(1);
  const a = blocks(one.stdout);
  const b = blocks(three.stdout);
  expect(b.last).toBe("3 passed, 3 failed");
  expect(a.last).toBe(b.last);
  expect(b.blocks).toHaveLength(3);
  expect(b.blocks).toEqual(a.blocks);
  expect(three.stderr).toContain("testing 3 scenarios, 3 at a time; each is printed as it finishes");
  const suites = (xml: string) => [...xml.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]);
  expect(suites(readFileSync(join(scratch, "three.xml"), "utf8"))).toEqual(FILES);
  expect(suites(readFileSync(join(scratch, "one.xml"), "utf8"))).toEqual(FILES);
});

test("a bad scenario among good ones is reported in its block and exits 2, as when run alone", async () => {
  writeFileSync(join(scratch, "bad.yaml"), "duration: forever\n");
  const r = await relisim(["test", "--jobs", "2", "a.yaml", "bad.yaml"]);
  expect(r.status).toBe(2);
  expect(r.stdout).toContain("bad.yaml: ");
  expect(r.stdout.trimEnd().split("\n").pop()).toBe("1 passed, 2 failed");
});
