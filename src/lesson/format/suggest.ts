// "Did you mean" for lesson files: keys, step kinds, node ids, enum values.

/**
 * Edit distance counting a swap of neighbours as one edit (optimal string alignment):
 * "sya" is one edit from "say", as a typist would judge it, and two from "set".
 */
export function typoDistance(a: string, b: string): number {
  // One flat table, row i at i * w: this runs once per unknown key and candidate.
  const w = b.length + 1;
  const d = new Int32Array((a.length + 1) * w);
  for (let j = 0; j <= b.length; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    d[i * w] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        d[(i - 1) * w + j]! + 1,
        d[i * w + j - 1]! + 1,
        d[(i - 1) * w + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[(i - 2) * w + j - 2]! + 1);
      }
      d[i * w + j] = v;
    }
  }
  return d[a.length * w + b.length]!;
}

/**
 * The single closest candidate within a small edit distance. A tie yields nothing: with
 * replica-1 and replica-2 both one edit from "replica-9", guessing one would mislead.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDist = limit + 1;
  let tie = false;
  for (const c of new Set(candidates)) {
    // The distance is at least the difference in length: most candidates need no table.
    if (Math.abs(word.length - c.length) > limit) continue;
    const d = typoDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDist) {
      best = c;
      bestDist = d;
      tie = false;
    } else if (d === bestDist) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}

/** `(did you mean "lag"?)` or `` when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const near = nearest(word, candidates);
  return near === undefined ? '' : ` (did you mean "${near}"?)`;
}

/** A short list for messages: `a, b, c` (at most `max` names). */
export function listNames(names: readonly string[], max = 12): string {
  return names.length > max
    ? `${names.slice(0, max).join(', ')}, ... (${names.length - max} more)`
    : names.join(', ');
}

/** `unknown key "lagg" (did you mean "lag"?)`, else the keys allowed there. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const near = nearest(key, known);
  return near !== undefined
    ? `unknown key "${key}" (did you mean "${near}"?)`
    : `unknown key "${key}" (allowed here: ${listNames(known, 30)})`;
}
