import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const SCRIPT = fileURLToPath(new URL("../../scripts/pin-calibration.js", import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: "utf8", timeout: 20_000 });

test("pin-calibration: --help prints its usage; bad options, values and files are refused with exit 2 and no stack", () => {
  const help = run("--help");
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^usage: node scripts\/pin-calibration\.js/);
  const refusals: [string[], RegExp][] = [
    [["--bogus"], /Unknown option '--bogus'/],
    [[], /no scenario files given/],
    [["--replications", "1", "x.yaml"], /--replications must be a whole number >= 2, got 1/],
    [["--seeds", "0", "x.yaml"], /--seeds must be a whole number >= 1, got 0/],
    [["--rate", "2", "x.yaml"], /--rate must be a number between 0 and 1, got 2/],
    [["--workers", "1.5", "x.yaml"], /--workers must be a whole number >= 1, got 1\.5/],
    [["--disk-scale", "0", "x.yaml"], /--disk-scale must be a number > 0, got 0/],
    [["no-such-file.yaml"], /cannot read scenario file "no-such-file\.yaml"/],
  ];
  for (const [args, message] of refusals) {
    const refused = run(...args);
    expect(refused.status, args.join(" ")).toBe(2);
    expect(refused.stderr, args.join(" ")).toMatch(message);
    expect(refused.stderr, args.join(" ")).not.toMatch(/\n\s+at /);
  }
});
