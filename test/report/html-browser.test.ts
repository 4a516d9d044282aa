import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { htmlReport } from "../../src/report/html/html-report.js";
import { readResults } from "../../src/report/html/read-results.js";

/**
 * The HTML report in a real browser: headless Chromium (Debian's `chromium`, or CHROMIUM_PATH)
 * opens the file offline, and the page must load without a console error or any request, lay
 * out every chart at a visible size, and screenshot to a picture that is not blank.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const INSTALL = "install Chromium: apt-get install -y chromium (Debian) or set CHROMIUM_PATH";
const FIXTURES = fileURLToPath(new URL("../fixtures/report", import.meta.url));

/** Options that keep Chromium from phoning home: the test sees only the page's own traffic. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

if (!HAVE_CHROMIUM) {
  console.warn(`html-browser test skipped: no Chromium at ${CHROMIUM}; ${INSTALL}`);
  test.skip(`HTML report in a browser (${INSTALL})`, () => {});
}

describe.runIf(HAVE_CHROMIUM)("the HTML report in headless Chromium", () => {
  let browser: Browser;
  let scratch: string;
  let file: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "relisim-html-browser-"));
    // One directory with a run, replications, a comparison with its variants' runs and a cluster
    // sweep: every chart kind (timelines, bars with error bars, curves with bands) on one page.
    for (const kind of ["run", "run-replicated", "compare", "cluster-sweep"]) cpSync(join(FIXTURES, kind), scratch, { recursive: true });
    file = join(scratch, "report.html");
    writeFileSync(file, await htmlReport(readResults(scratch)));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test("loads offline with no console error and no request but the page itself; every chart has a size", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    const failed: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (r) => requests.push(r.url()));
    page.on("requestfailed", (r) => failed.push(r.url()));
    const url = pathToFileURL(file).href;
    const response = await page.goto(url, { waitUntil: "load" });
    expect(response?.ok()).toBe(true);
    expect(errors).toEqual([]);
    expect(failed).toEqual([]);
    expect(requests).toEqual([url]);
    const boxes = await page.locator("figure.chart > svg").evaluateAll((svgs) =>
      svgs.map((s) => {
        const r = s.getBoundingClientRect();
        return { width: r.width, height: r.height };
      }),
    );
    // 3 timeline charts + replications' bars + comparison + 2 overlays + 2 variants × 3 timelines + 5 sweep curves.
    expect(boxes).toHaveLength(18);
    for (const b of boxes) {
      expect(b.width).toBeGreaterThan(300);
      expect(b.height).toBeGreaterThan(150);
    }
    await page.close();
  }, 60_000);

  test("a screenshot shows the charts: a PNG of reasonable size, and no chart's region is uniform", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const regions = await page.locator("figure.chart > svg").evaluateAll((svgs) =>
      svgs.map((s) => {
        const r = s.getBoundingClientRect();
        return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
      }),
    );
    const png = await page.screenshot({ fullPage: true, type: "png" });
    const shot = join(scratch, "report.png");
    writeFileSync(shot, png);
    console.log(`screenshot ${shot}: ${png.length} bytes`);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.length).toBeGreaterThan(50_000);

    // Decode the screenshot with the browser's own PNG decoder in a blank page (the report's
    // policy forbids data: images) and count the distinct colors inside each chart.
    const blank = await browser.newPage();
    const colors = await blank.evaluate(
      async ({ data, regions }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = document.createElement("canvas");
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext("2d")!;
        context.drawImage(image, 0, 0);
        const distinct = (x: number, y: number, w: number, h: number) => {
          const pixels = context.getImageData(Math.round(x), Math.round(y), Math.round(w), Math.round(h)).data;
          const seen = new Set<number>();
          for (let i = 0; i < pixels.length; i += 4) seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
          return seen.size;
        };
        return { page: distinct(0, 0, image.width, image.height), charts: regions.map((r) => distinct(r.x, r.y, r.width, r.height)) };
      },
      { data: png.toString("base64"), regions },
    );
    await blank.close();
    await page.close();
    console.log(`distinct colors: page ${colors.page}, charts ${colors.charts.join(", ")}`);
    // Anti-aliased lines, text, bands and bars make hundreds of colors; a blank chart has one.
    expect(colors.page).toBeGreaterThan(500);
    expect(colors.charts).toHaveLength(18);
    for (const n of colors.charts) expect(n).toBeGreaterThan(50);
  }, 60_000);
});
