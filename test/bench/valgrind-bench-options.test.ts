import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const bench = (name: string) => fileURLToPath(new URL(`../../bench/${name}`, import.meta.url));
const run = (script: string, ...args: string[]) => spawnSync(process.execPath, [bench(script), ...args], { encoding: "utf8", timeout: 20_000 });

// Refused before valgrind is looked for, so these hold on a machine without it.
test("the valgrind benches refuse a size or load that is not a whole number, naming the option, exit 2, no stack", () => {
  const cases: [string[], RegExp][] = [
    [["--nodes", "7"], /--nodes must be a whole multiple of 3 \(3 zones\), got 7/],
    [["--nodes", "x"], /--nodes must be a whole multiple of 3 \(3 zones\), got x/],
    [["--nodes"], /--nodes must be a whole multiple of 3 \(3 zones\), got nothing/],
    [["--rate", "0"], /--rate must be a whole number of requests a second >= 1, got 0/],
    [["--rate", "1.5"], /--rate must be a whole number of requests a second >= 1, got 1.5/],
    [["--rate"], /--rate must be a whole number of requests a second >= 1, got nothing/],
  ];
  for (const script of ["cache-misses.js", "where-cost.js"]) {
    for (const [args, message] of cases) {
      const refused = run(script, ...args);
      const what = `${script} ${args.join(" ")}`;
      expect(refused.status, what).toBe(2);
      expect(refused.stderr, what).toMatch(message);
      expect(refused.stderr, what).not.toMatch(/\n\s+at /);
    }
  }
});
