// Turning a computed answer into multiple choice: the right set of nodes among plausible
// wrong ones (each the result of a classic mistake), deduplicated and shuffled by the seed.
import type { Prng } from '../../sim/index.js';
import { nodeList } from './cluster.js';
import { shuffle } from './params.js';

function key(set: readonly string[], order: readonly string[]): string {
  return order.filter((id) => set.includes(id)).join(',');
}

/**
 * Choices naming sets of nodes: the correct set and up to `max - 1` distinct wrong ones (in
 * the order given, most instructive first). Sets are printed in configuration order.
 */
export function nodeSetChoices(
  rng: Prng,
  correct: readonly string[],
  wrong: readonly (readonly string[])[],
  order: readonly string[],
  max = 4,
): { choices: string[]; correct: number[] } {
  const right = key(correct, order);
  const seen = new Set([right]);
  const sets: string[] = [right];
  for (const w of wrong) {
    const k = key(w, order);
    if (k === '' || seen.has(k)) continue;
    seen.add(k);
    sets.push(k);
    if (sets.length >= max) break;
  }
  shuffle(rng, sets);
  return {
    choices: sets.map((s) => nodeList(s.split(','))),
    correct: [sets.indexOf(right)],
  };
}
