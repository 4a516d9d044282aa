import type { CapacityPlan, PlanTrial } from "../experiment/plan/capacity-plan.js";
import type { GoalMargin } from "../experiment/plan/goal-margin.js";
import { formatCount, formatNumber, fitTable } from "./format.js";

/** One line of progress per candidate tried: what it costs and, when it fails, the goal it fails worst. */
export function trialLine(trial: PlanTrial, tried: number): string {
  return `  ${String(tried).padStart(3)}. ${trial.label} · cost ${formatCost(trial.cost)} · ${verdict(trial)}`;
}

/** The plan's answer: the choice and its margins, the runner-up, and every candidate tried. */
export function planReport(title: string, plan: CapacityPlan): string {
  const out: string[] = [];
  const cases = plan.cases.join(", ");
  const runs = plan.replications === 1 ? "one run" : `${plan.replications} runs (common seeds)`;
  out.push(`${title}: ${plan.trials.length} of ${formatCount(plan.spaceSize)} candidates tried, ${formatCount(plan.simulations)} simulations`);
  out.push(`  every goal must hold in every case (${cases}), ${runs} each`);
  out.push("");
  if (plan.choice === undefined) {
    out.push("  No candidate meets every goal. The closest:");
    const closest = [...plan.trials].sort((a, b) => failingCount(a) - failingCount(b) || worstSlack(b) - worstSlack(a))[0];
    if (closest) out.push(...describe("Closest", closest));
  } else {
    out.push(...describe("Choice", plan.choice));
    out.push("");
    if (plan.runnerUp) out.push(...describe("Runner-up", plan.runnerUp));
    else out.push("  Runner-up   none: no other candidate tried meets every goal");
  }
  out.push("");
  out.push("  Candidates tried, cheapest first");
  const rows = [["", ...plan.knobs.map((k) => k.name), "nodes", "cost", "verdict"]];
  const sorted = [...plan.trials].sort((a, b) => a.cost - b.cost || plan.trials.indexOf(a) - plan.trials.indexOf(b));
  for (const t of sorted) {
    const mark = t === plan.choice ? "→" : "";
    rows.push([mark, ...plan.knobs.map((k) => t.choices[k.name]), formatCount(t.nodes), formatCost(t.cost), verdict(t)]);
  }
  out.push(fitTable(rows, "  "));
  const skipped = plan.spaceSize - plan.trials.length;
  if (skipped > 0) out.push(`  ${formatCount(skipped)} candidates not tried: ${plan.knobs.filter((k) => k.monotone).map((k) => k.name).join(", ")} is monotone, so the lowest value that meets the goals was bisected`);
  return out.join("\n");
}

function describe(what: string, trial: PlanTrial): string[] {
  const lines = [`  ${what.padEnd(11)} ${trial.label} · ${formatCount(trial.nodes)} nodes × ${formatNumber(trial.costPerNode)} = cost ${formatCost(trial.cost)}`];
  const rows = [["goal", "tightest in", "value", "limit", "slack"]];
  const byTightness = [...trial.goals].sort((a, b) => Number(a.passed) - Number(b.passed) || relativeSlack(a) - relativeSlack(b));
  for (const m of byTightness) rows.push([m.goal, caseOf(m), formatValue(m.value), formatValue(m.limit), m.passed ? formatValue(m.slack) : "FAILS"]);
  lines.push(fitTable(rows, "              "));
  return lines;
}

function verdict(trial: PlanTrial): string {
  if (trial.feasible) return "meets every goal";
  const failed = trial.goals.filter((g) => !g.passed);
  const worst = failed[0];
  const value = worst.value === null ? worst.detail : formatValue(worst.value);
  const more = failed.length > 1 ? `, +${failed.length - 1} more` : "";
  return `fails ${worst.goal} in ${caseOf(worst)} (${value})${more}`;
}

function caseOf(m: GoalMargin): string {
  return m.replication > 0 ? `${m.case} (run ${m.replication + 1})` : m.case;
}

function failingCount(t: PlanTrial): number {
  return t.goals.filter((g) => !g.passed).length;
}

function worstSlack(t: PlanTrial): number {
  return Math.min(...t.goals.map(relativeSlack));
}

/** Slack relative to the limit, so goals of different units can be ranked by tightness. */
function relativeSlack(m: GoalMargin): number {
  if (m.slack === null || m.limit === null) return Number.NEGATIVE_INFINITY;
  return m.slack / Math.max(Math.abs(m.limit), 1e-12);
}

function formatValue(x: number | null): string {
  if (x === null) return "—";
  if (x !== 0 && Math.abs(x) < 0.01) return x.toPrecision(3);
  // Availabilities near 1 need their nines: 0.99993, not 1.
  if (Math.abs(x) < 1 && Math.abs(x) > 0.99) return formatNumber(x, 6);
  return formatNumber(x, 4);
}

function formatCost(x: number): string {
  return Number.isInteger(x) ? formatCount(x) : formatNumber(x, 4);
}
