/** "Did you mean" suggestions by edit distance. */

/**
 * Edit distance between two strings, case-insensitive, where swapping two neighbouring letters
 * counts as one edit (optimal string alignment): `rleu` is one typo away from `relu`. Past
 * `atMost` the result is only some distance greater than `atMost`.
 */
export function editDistance(a: string, b: string, atMost = Infinity): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  // Three rows: the one before the previous is needed for transpositions.
  let before: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
      if (d < rowMin) rowMin = d;
    }
    // Distances never shrink from one row to the next: once all exceed the bound, stop.
    if (rowMin > atMost) return rowMin;
    before = prev;
    prev = row;
  }
  return prev[y.length]!;
}

/** The closest candidate within a distance that scales with the name's length, if any. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // The distance is at least the difference in length: most candidates need no table.
    if (Math.abs(c.length - name.length) > limit) continue;
    const d = editDistance(name, c, limit);
    if (d < bestDistance && d <= limit) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
