// Writes the README's pictures of the HTML report with headless Chromium:
//   docs/report.png          a run: retry-storm.yaml, the top of its report (timelines, the three answers)
//   docs/compare-report.png  a comparison: retries.yaml's three variants, their bars and overlaid
//                            timelines with the faults and the SLO marked
// Usage: npm run screenshot   (needs a built dist/ and Chromium: apt-get install -y chromium, or CHROMIUM_PATH)
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { refuseArguments } from "./script-args.js";

refuseArguments("npm run screenshot");

const root = fileURLToPath(new URL("..", import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromiumPath)) {
  console.error(`no Chromium at ${chromiumPath}: apt-get install -y chromium (Debian) or set CHROMIUM_PATH`);
  process.exit(2);
}
const WIDTH = 1100;

/** Runs `relisim <args> --out <tmp> --html`, then screenshots its report from the top down to `bottom(page)`. */
async function shoot(browser, args, name, bottom) {
  const out = mkdtempSync(join(tmpdir(), "relisim-screenshot-"));
  const run = spawnSync(process.execPath, ["bin/relisim.js", ...args, "--out", out, "--html", "--quiet"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (run.status !== 0) process.exit(run.status ?? 1);
  const page = await browser.newPage({ viewport: { width: WIDTH, height: 900 } });
  await page.goto(pathToFileURL(join(out, "report.html")).href, { waitUntil: "load" });
  const target = join(root, "docs", name);
  await page.screenshot({ path: target, fullPage: true, clip: { x: 0, y: 0, width: WIDTH, height: Math.ceil((await bottom(page)) + 16) } });
  await page.close();
  rmSync(out, { recursive: true, force: true });
  console.log(`wrote ${target} (${statSync(target).size} bytes)`);
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
const bottomOf = (locator) => locator.evaluate((e) => e.getBoundingClientRect().bottom + window.scrollY);
// The title, the three timeline charts and the three answers.
await shoot(browser, ["run", "scenarios/retry-storm.yaml"], "report.png", (page) => bottomOf(page.locator("table").first()));
// The comparison's bars and its two overlaid timelines (the charts before its table).
await shoot(browser, ["compare", "scenarios/retries.yaml"], "compare-report.png", (page) => bottomOf(page.locator("section").first().locator("figure.chart").nth(2)));
await browser.close();
