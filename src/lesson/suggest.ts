// "Did you mean" for lesson files: keys, step kinds, node ids, enum values.
import { editDistance } from '../did-you-mean.js';

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
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
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
