/**
 * "Did you mean" suggestions for misspelled keys and enum values.
 */

/**
 * Damerau–Levenshtein distance (insertions, deletions, substitutions and
 * transpositions of adjacent characters, unrestricted), case-sensitive.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 2;
  const cols = b.length + 2;
  const max = a.length + b.length;
  const d: number[] = new Array(rows * cols).fill(0);
  const at = (i: number, j: number): number => i * cols + j;
  d[at(0, 0)] = max;
  for (let i = 0; i <= a.length; i++) { d[at(i + 1, 0)] = max; d[at(i + 1, 1)] = i; }
  for (let j = 0; j <= b.length; j++) { d[at(0, j + 1)] = max; d[at(1, j + 1)] = j; }
  // Last row in which each character was seen in `a` (Lowrance–Wagner).
  const lastRow = new Map<string, number>();
  for (let i = 1; i <= a.length; i++) {
    let lastMatchCol = 0;
    for (let j = 1; j <= b.length; j++) {
      const k = lastRow.get(b[j - 1]) ?? 0;
      const l = lastMatchCol;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      if (cost === 0) lastMatchCol = j;
      d[at(i + 1, j + 1)] = Math.min(
        d[at(i, j)] + cost,
        d[at(i + 1, j)] + 1,
        d[at(i, j + 1)] + 1,
        d[at(k, l)] + (i - k - 1) + 1 + (j - l - 1),
      );
    }
    lastRow.set(a[i - 1], i);
  }
  return d[at(a.length + 1, b.length + 1)];
}

/** The largest distance still worth suggesting for a word: about a third of its length, at least 1. */
export function suggestionThreshold(word: string): number {
  return word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
}

/**
 * The candidate closest to `word` ignoring case, if it is close enough to be a
 * plausible typo; ties go to the one sharing the longest start with `word`, then to the earlier
 * candidate. Never suggests `word` itself.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.min(suggestionThreshold(word), Math.max(1, word.length - 1));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance > limit) continue;
    // On a tie, the one that starts like the word: "nodes" is "node" misspelt more often than "vnodes".
    if (distance < bestDistance || (distance === bestDistance && commonPrefix(lower, candidate.toLowerCase()) > commonPrefix(lower, best!.toLowerCase()))) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
