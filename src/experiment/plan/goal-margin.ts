import type { Expectation, ExpectationResult } from "../../scenario/expectation.js";

/**
 * How far one goal was from failing in one run: `slack` is the distance from the limit on the
 * passing side (value − limit for ≥ and >, limit − value for ≤ and <), negative when it failed.
 * `value`, `limit` and `slack` are null when a side is not a number in that run (its `detail`
 * says why): JSON keeps null, so a plan read back from plan.json is the plan written.
 */
export interface GoalMargin {
  readonly goal: string;
  readonly passed: boolean;
  /** The goal's left side (e.g. the availability) and its right side (the limit). */
  readonly value: number | null;
  readonly limit: number | null;
  readonly slack: number | null;
  /** The case and replication where this margin was measured. */
  readonly case: string;
  readonly replication: number;
  /** Why it failed when a path did not resolve, or the comparison in words. */
  readonly detail: string;
}

export function goalMargin(goal: Expectation, result: ExpectationResult, caseName: string, replication: number): GoalMargin {
  const { left, right, passed } = result;
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  if (!Number.isFinite(left) || !Number.isFinite(right)) {
    return { goal: result.text, passed, value: finite(left), limit: finite(right), slack: null, case: caseName, replication, detail: result.detail };
  }
  let slack: number;
  if (goal.operator === ">=" || goal.operator === ">") slack = left - right;
  else if (goal.operator === "<=" || goal.operator === "<") slack = right - left;
  else slack = passed ? 0 : -Math.abs(left - right);
  // A strict comparison met with equality fails with zero slack (0, not −0: JSON has no −0).
  if (!passed && slack > 0) slack = 0;
  return { goal: result.text, passed, value: left, limit: right, slack, case: caseName, replication, detail: result.detail };
}

/** Per goal, the margin closest to failing (the least slack) over every case and replication. */
export function worstMargins(goals: readonly Expectation[], margins: readonly GoalMargin[]): GoalMargin[] {
  return goals.map((goal) => {
    const text = goal.text.trim();
    let worst: GoalMargin | undefined;
    for (const m of margins) {
      if (m.goal !== text) continue;
      if (worst === undefined || (worst.passed && !m.passed) || (worst.passed === m.passed && slackOrder(m) < slackOrder(worst))) worst = m;
    }
    return worst!;
  });
}

/** A margin with no number is the furthest from passing. */
function slackOrder(m: GoalMargin): number {
  return m.slack ?? Number.NEGATIVE_INFINITY;
}

/** `{ "a.b": 1 }` → `{ a: { b: 1 } }`: an outcome flattened to cross a thread, made whole for its goals. */
export function unflatten(figures: Readonly<Record<string, number>>): Record<string, unknown> {
  const root: Record<string, unknown> = Object.create(null);
  for (const [path, value] of Object.entries(figures)) {
    const keys = path.split(".");
    let node = root;
    for (let i = 0; i < keys.length - 1; i++) {
      const next = node[keys[i]];
      if (next === undefined || typeof next !== "object") node[keys[i]] = Object.create(null);
      node = node[keys[i]] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]] = value;
  }
  return root;
}
