import { allCandidates, type Candidate } from "./plan-space.js";

/** What the search needs to know of a candidate once it has been tried. */
export interface Trial {
  readonly candidate: Candidate;
  readonly feasible: boolean;
  readonly cost: number;
}

/** What the search found: the cheapest feasible candidate, the next cheapest, and every trial in the order tried. */
export interface SearchResult<T extends Trial> {
  readonly choice: T | undefined;
  readonly runnerUp: T | undefined;
  readonly trials: readonly T[];
  /** Candidates in the whole space, to say how many the search skipped. */
  readonly spaceSize: number;
}

/**
 * Finds the cheapest candidate meeting every goal. Knobs marked monotone (a later choice never
 * makes a goal harder) are searched, not enumerated: the last monotone knob by bisection for
 * its lowest feasible choice, for each combination of the other knobs. Without one, every
 * candidate is tried. Ties in cost go to the candidate tried first (the lower choices).
 *
 * The runner-up is the cheapest feasible candidate other than the choice among: the lowest
 * feasible candidate of each other combination, and the choice's next monotone step (tried
 * here, so its margins can be shown).
 */
export async function searchPlan<T extends Trial>(
  sizes: readonly number[],
  monotone: readonly boolean[],
  tryCandidate: (candidate: Candidate) => Promise<T>,
): Promise<SearchResult<T>> {
  const trials: T[] = [];
  const tried = new Map<string, T>();
  const attempt = async (candidate: Candidate): Promise<T> => {
    const key = candidate.join(",");
    let trial = tried.get(key);
    if (trial === undefined) {
      trial = await tryCandidate(candidate);
      tried.set(key, trial);
      trials.push(trial);
    }
    return trial;
  };
  const spaceSize = sizes.reduce((a, b) => a * b, 1);
  const searched = monotone.lastIndexOf(true);
  const lowest: T[] = [];
  if (searched < 0) {
    for (const candidate of allCandidates(sizes)) {
      const trial = await attempt(candidate);
      if (trial.feasible) lowest.push(trial);
    }
  } else {
    const others = sizes.map((size, k) => (k === searched ? 1 : size));
    for (const combination of allCandidates(others)) {
      const at = (i: number) => combination.map((c, k) => (k === searched ? i : c));
      const found = await bisect(sizes[searched], async (i) => (await attempt(at(i))).feasible);
      if (found >= 0) lowest.push(tried.get(at(found).join(","))!);
    }
  }
  const byCost = (a: T, b: T) => a.cost - b.cost || trials.indexOf(a) - trials.indexOf(b);
  lowest.sort(byCost);
  const choice = lowest[0];
  if (choice !== undefined && searched >= 0 && choice.candidate[searched] + 1 < sizes[searched]) {
    const next = choice.candidate.map((c, k) => (k === searched ? c + 1 : c));
    const trial = await attempt(next);
    // Monotone by declaration; a step up that fails says the knob is not, and is shown as such.
    if (trial.feasible) lowest.push(trial);
    lowest.sort(byCost);
  }
  const runnerUp = lowest.find((t) => t !== choice);
  return { choice, runnerUp, trials, spaceSize };
}

/**
 * The lowest i in [0, n) with feasible(i), given that feasibility only grows with i; −1 when
 * none. Tries the top first (when it fails, nothing below can pass), then halves.
 */
export async function bisect(n: number, feasible: (i: number) => Promise<boolean>): Promise<number> {
  if (!(await feasible(n - 1))) return -1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (await feasible(mid)) hi = mid;
    else lo = mid + 1;
  }
  return hi;
}
