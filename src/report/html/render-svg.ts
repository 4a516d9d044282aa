import { parse, View, type LoggerInterface } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * A logger for Vega-Lite and Vega that keeps warnings and errors instead of printing them, so
 * a chart's problem is reported by whoever renders it (the tests insist there are none).
 */
function collectingLogger(messages: string[]): LoggerInterface {
  const logger: LoggerInterface = {
    level: () => logger,
    error: (...args: unknown[]) => (messages.push(`error: ${args.join(" ")}`), logger),
    warn: (...args: unknown[]) => (messages.push(`warning: ${args.join(" ")}`), logger),
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/**
 * Compiles a Vega-Lite spec to Vega and renders it to a static SVG string in Node: Vega's
 * headless View (renderer "none") with its string SVG renderer, so no canvas and no browser.
 * Text widths are Vega's estimates, so the output depends on the spec and data alone.
 * Warnings from either stage are pushed onto `warnings`.
 */
export async function renderSvg(spec: TopLevelSpec, warnings: string[] = []): Promise<string> {
  const logger = collectingLogger(warnings);
  const vega = compile(spec, { logger }).spec;
  const view = new View(parse(vega), { renderer: "none", logger });
  try {
    const svg = await view.toSVG();
    // Inline in HTML the SVG namespace is implied; dropping the declarations keeps the page free
    // of any URL at all.
    return svg.replace(/ xmlns(:xlink)?="[^"]*"/g, "");
  } finally {
    view.finalize();
  }
}
