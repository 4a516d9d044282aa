// Writes docs/report.png, the README's picture of the HTML report: runs the retry-storm
// scenario with --html and screenshots the top of its report in headless Chromium.
// Usage: npm run screenshot   (needs a built dist/ and Chromium: apt-get install -y chromium, or CHROMIUM_PATH)
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("..", import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromiumPath)) {
  console.error(`no Chromium at ${chromiumPath}: apt-get install -y chromium (Debian) or set CHROMIUM_PATH`);
  process.exit(2);
}
const out = mkdtempSync(join(tmpdir(), "relisim-screenshot-"));
const run = spawnSync(process.execPath, ["bin/relisim.js", "run", "scenarios/retry-storm.yaml", "--out", out, "--html", "--quiet"], {
  cwd: root,
  stdio: ["ignore", "ignore", "inherit"],
});
if (run.status !== 0) process.exit(run.status ?? 1);

const browser = await chromium.launch({ executablePath: chromiumPath, args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"] });
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
await page.goto(pathToFileURL(join(out, "report.html")).href, { waitUntil: "load" });
// The title, the three timeline charts and the three answers.
const bottom = await page.locator("table").first().evaluate((t) => t.getBoundingClientRect().bottom + window.scrollY);
const target = join(root, "docs", "report.png");
await page.screenshot({ path: target, fullPage: true, clip: { x: 0, y: 0, width: 1100, height: Math.ceil(bottom + 16) } });
await browser.close();
rmSync(out, { recursive: true, force: true });
console.log(`wrote ${target} (${statSync(target).size} bytes)`);
