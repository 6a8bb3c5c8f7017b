// `UPDATE … LIMIT 1` and `DELETE … LIMIT 1` without ORDER BY: the node changes the first
// matching row it meets in its own row order. Servers holding the same rows rarely store them
// in the same order (pages split, updated rows move, free space is reused differently), so a
// node re-running the statement can pick another row than the leader did. The simulator
// models each node's storage order as a fixed order of its own: a hash of the node id and the
// row key, the same on every seed.
import { hashString } from './prng.js';
import type { Entry, SimNode } from './state.js';
import type { Value } from './types.js';

/** The key a LIMIT statement that matched no row records: nothing changed. */
export const NO_ROW = '';

/** Where `row` sits in `node`'s storage order (lower comes first in a scan). */
export function storageRank(node: string, row: string): number {
  // FNV-1a, then a finalizer: keys that differ in their last character scatter too.
  let h = hashString(`${node}\u0000${row}`);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The row of `table` (keys `table/…`) a scan of `n` meets first among live rows (not deleted)
 * holding `where` (any value when undefined); undefined when none matches.
 */
export function pickRow(n: SimNode, table: string, where: Value | undefined): string | undefined {
  const prefix = `${table}/`;
  let best: string | undefined;
  let bestRank = 0;
  for (const [key, v] of n.data) {
    if (!key.startsWith(prefix) || v.value === null) continue;
    if (where !== undefined && v.value !== where) continue;
    const rank = storageRank(n.id, key);
    if (best === undefined || rank < bestRank || (rank === bestRank && key < best)) {
      best = key;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * The key an entry wrote as the leader executed it: the row of a LIMIT statement (NO_ROW when
 * none matched), `key/id` for an auto-increment insert, else its key.
 */
export function leaderKey(e: Entry): string {
  if (e.scan !== undefined) return e.row ?? NO_ROW;
  return e.autoId && e.id !== undefined ? `${e.key}/${e.id}` : e.key;
}
