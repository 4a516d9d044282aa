import { clusterCompareSection, fleetCompareSection } from "./compare-section.js";
import { fleetRunSection } from "./fleet-run-section.js";
import type { ResultSet } from "./read-results.js";
import { renderSvg } from "./render-svg.js";
import { mixedResultsNotice, resultSources } from "./provenance.js";
import { buildReportPage, type RenderedSection } from "./report-page.js";
import type { ReportSection } from "./report-section.js";
import { replicatedSection } from "./replicated-section.js";
import { runSection } from "./run-section.js";
import { sweepSection } from "./sweep-section.js";
import { decisionSection } from "./decision-section.js";

/** The sections a result set calls for, in a fixed order: run, compare (then each variant's run), sweep, decision. */
export function reportSections(results: ResultSet): ReportSection[] {
  const sections: ReportSection[] = [];
  if (results.clusterRun) sections.push(runSection(results.clusterRun));
  if (results.fleetRun) sections.push(fleetRunSection(results.fleetRun));
  if (results.replicatedRun) sections.push(replicatedSection(results.replicatedRun, "run"));
  if (results.clusterCompare) sections.push(clusterCompareSection(results.clusterCompare, results.variantRuns));
  for (const run of results.variantRuns ?? []) sections.push(runSection(run));
  if (results.fleetCompare) sections.push(fleetCompareSection(results.fleetCompare));
  if (results.replicatedCompare) sections.push(replicatedSection(results.replicatedCompare, "compare"));
  if (results.sweep) sections.push(sweepSection(results.sweep));
  if (results.decision) sections.push(decisionSection(results.decision));
  return sections;
}

/**
 * The HTML report of a result set: every section's charts rendered to SVG, one page.
 * The same results give the same bytes. Rendering warnings are pushed onto `warnings`.
 */
export async function htmlReport(results: ResultSet, warnings: string[] = []): Promise<string> {
  const sections = reportSections(results);
  const rendered: RenderedSection[] = [];
  for (const s of sections) {
    const charts = [];
    for (const spec of s.charts) charts.push({ svg: await renderSvg(spec, warnings) });
    rendered.push({ heading: s.heading, intro: s.intro, charts, tables: s.tables });
  }
  const scenarios = [...new Set(sections.map((s) => s.scenario))];
  const notices = reportNotices(results);
  return buildReportPage({
    title: `relisim report — ${scenarios.join(", ")}`,
    notices,
    sections: rendered,
    footer: "Written by relisim report from the result files beside this page. Every chart is static SVG; the page loads nothing.",
  });
}

/** What a reader must know before reading the sections: results of different runs side by side, stale variant directories left out. */
export function reportNotices(results: ResultSet): string[] {
  const notices: string[] = [];
  const mixed = mixedResultsNotice(resultSources(results));
  if (mixed) notices.push(mixed);
  if (results.staleVariantRuns) {
    const dirs = results.staleVariantRuns.map((d) => `${d}/`).join(", ");
    notices.push(`Left out ${dirs}: written by another run (a seed or scenario hash unlike compare.json's), not by this comparison.`);
  }
  return notices;
}
