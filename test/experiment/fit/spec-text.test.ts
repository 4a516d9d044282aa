import { describe, expect, test } from "vitest";
import { distributionQuantile } from "../../../src/engine/sampler.js";
import { empiricalFit, lognormalFit, mixtureFit, paretoFit, scaledBetaFit, weibullFit } from "../../../src/experiment/fit/families.js";
import { checkSpecText, specText } from "../../../src/experiment/fit/spec-text.js";
import { loadScenarioText } from "../../../src/scenario/load-scenario.js";

/** A scenario with `disk` pasted in as `relisim fit` prints it. */
const scenario = (disk: string) => `
name: pasted
duration: 1m
cluster:
  regions:
    - { name: r1, zones: [a, b, c], nodesPerZone: 1 }
  node:
    disk: ${disk}
workload:
  rate: 10/s
`;

describe("the printed spec is what a scenario takes", () => {
  const fits = [
    lognormalFit(Math.log(2.1234), 0.66),
    weibullFit(3.0132, 1.4945),
    paretoFit(0.95, 2.481),
    scaledBetaFit(0.8006, 1.8036, 2.9766, 4.978),
    mixtureFit([{ weight: 0.9694, mu: 0.01, sigma: 0.47 }, { weight: 0.0306, mu: 3.36, sigma: 1.01 }]),
    empiricalFit({ min: 0.161, p50: 0.9125, p90: 1.666, p99: 11.19, p999: 33.7, max: 87.57 }),
  ];

  for (const fit of fits) {
    test(`${fit.family}: ${specText(fit.spec)} loads in a scenario as cluster.node.disk, values in µs to the µs`, () => {
      const text = specText(fit.spec);
      const loaded = loadScenarioText(scenario(text), "pasted.yaml");
      const disk = loaded.base.spec.cluster.node.disk;
      expect(disk.dist).toBe(fit.spec.dist);
      expect(checkSpecText(text)).toEqual({ ok: true, spec: disk });
      // The scenario's p50 and p99 (µs) match the fit's (ms) to the µs rounding and 4 significant digits of shapes.
      for (const p of [0.5, 0.99]) {
        const q = distributionQuantile(disk, p);
        if (q !== undefined) expect(Math.abs(q / 1000 - fit.quantile(p)) / fit.quantile(p)).toBeLessThan(2e-3);
      }
    });
  }

  test("durations are written as a scenario writes them; a fit that does not survive rounding to the µs is reported, not printed as valid", () => {
    expect(specText(lognormalFit(Math.log(2.1), 0.5).spec)).toBe(`{ dist: lognormal, median: 2.1ms, p99: ${Math.round(2100 * Math.exp(0.5 * 2.3263478740408408)) / 1000}ms }`);
    expect(specText(paretoFit(0.25, 2).spec)).toBe("{ dist: pareto, scale: 250us, alpha: 2 }");
    const tiny = checkSpecText(specText(paretoFit(0.0001, 2).spec));
    expect(tiny.ok).toBe(false);
  });
});
