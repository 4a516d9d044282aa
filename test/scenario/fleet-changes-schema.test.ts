import { describe, expect, test } from "vitest";
import { MICROS_PER_DAY, MICROS_PER_HOUR } from "../../src/engine/time.js";
import { loadFleetScenarioText } from "../../src/scenario/load-fleet-scenario.js";
import { ScenarioError } from "../../src/scenario/scenario-error.js";

/** The problems a fleet block is refused with, one line each with its line number ("" when it loads). */
function refusal(fleet: string): string {
  try {
    loadFleetScenarioText(`duration: 1y\nfleet:\n${fleet}`, "f.yaml");
    return "";
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return error.problems.map((p) => `${p.line ?? "?"} ${p.path.join(".")}: ${p.message}`).join("\n");
  }
}

describe("fleet bandwidth, snapshot and changes keys", () => {
  test("read into the model's config, off keys left out", () => {
    const s = loadFleetScenarioText(
      [
        "duration: 1y",
        "fleet:",
        "  repair: snapshot",
        "  bandwidth: { inbound: 1GB/s, outbound: 1GB/s, outboundShare: 25% }",
        "  snapshot: { every: 1d, bandwidth: 2GB/s, writeRate: 1MB/s }",
        "  changes:",
        "    sidecars: { everyDays: 1, badDeploys: { share: 1%, canaryDetects: 90%, detectAfter: 30m, undetectedOutage: 2h } }",
        "    stateMoves: { everyDays: 91 }",
        "",
      ].join("\n"),
      "f.yaml",
    );
    const c = s.base.config;
    expect(c.bandwidth).toEqual({ inbound: 1e9, outbound: 1e9, outboundShare: 0.25 });
    expect(c.snapshot).toEqual({ every: MICROS_PER_DAY, bandwidth: 2e9, writeRate: 1e6 });
    expect(c.changes).toEqual({
      sidecars: { strategy: "noDowntime", everyDays: 1, failureChance: 0, pauseBetweenNodes: 600_000_000, badDeploys: { share: 0.01, canaryDetects: 0.9, detectAfter: MICROS_PER_HOUR / 2, undetectedOutage: 2 * MICROS_PER_HOUR } },
      stateMoves: { strategy: "copyState", everyDays: 91, failureChance: 0, pauseBetweenNodes: 600_000_000 },
    });
  });

  test("absent, nothing changes in the config", () => {
    const c = loadFleetScenarioText("duration: 1y\nfleet: {}\n", "f.yaml").base.config;
    expect("bandwidth" in c || "snapshot" in c || "changes" in c).toBe(false);
  });

  test("bad input: clear errors with line and path", () => {
    expect(refusal("  repair: snapshot\n")).toBe("2 fleet.snapshot: is needed by repair: snapshot (every, bandwidth, writeRate)");
    expect(refusal("  snapshot: { every: 1d, bandwidth: 1GB/s, writeRate: 1MB/s }\n")).toMatch(/^3 fleet\.snapshot: is used only by repair: snapshot/);
    expect(refusal("  repair: snapshot\n  streamBandwidth: 100MB/s\n  snapshot: { every: 1d, bandwidth: 1GB/s, writeRate: 100MB/s }\n")).toMatch(
      /^5 fleet\.snapshot\.writeRate: must be below the slowest catch-up bandwidth \(100000000 bytes\/s: streamBandwidth\)/,
    );
    expect(refusal("  replicationFactor: 1\n  bandwidth: { inbound: 1GB/s, outbound: 1GB/s, outboundShare: 25% }\n")).toMatch(/fleet\.bandwidth: needs replicationFactor >= 2/);
    expect(refusal("  bandwidth: { inbound: 1GB/s, outbound: 1GB/s, outboundShare: 0 }\n")).toMatch(/fleet\.bandwidth\.outboundShare: must be > 0/);
    expect(refusal("  changes: { sidecars: { everyDays: 1, failureChance: 1% } }\n")).toMatch(/fleet\.changes\.sidecars\.failureChance: must be 0 with strategy noDowntime/);
    expect(refusal("  changes: { stateMoves: { everyDays: 91, badDeploys: { share: 1% } } }\n")).toMatch(/fleet\.changes\.stateMoves.*badDeploys/);
    expect(refusal("  changes: { kernels: { everyDays: 30 } }\n")).toMatch(/fleet\.changes.*kernels/);
  });
});
