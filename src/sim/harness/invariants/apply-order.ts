// Nodes apply in LSN order, each entry once, nothing beyond what they received: a node's
// data is exactly its log up to its applied LSN, replayed in order (the last write of each
// key wins). A skipped, repeated or reordered entry leaves some key at the wrong version.
import { leaderKey, NO_ROW } from '../../row-scan.js';
import type { Simulation } from '../../simulation.js';
import type { SimNode } from '../../state.js';
import { reexecutes } from '../../statement-pinned.js';
import type { Value } from '../../types.js';
import { capped, type Invariant } from './invariant.js';

interface Expected {
  lsn: number;
  value: Value;
}

/**
 * Each key's expected version from `n`'s applied log, or undefined when some entry's key
 * cannot be known: a statement-based NOW()/RAND()/auto-increment entry that the node got in a
 * copied snapshot was evaluated on another node, which kept no record of it here.
 */
function replay(n: SimNode): Map<string, Expected> | undefined {
  const out = new Map<string, Expected>();
  for (let i = 0; i < n.applied; i++) {
    const e = n.log[i]!;
    let key = leaderKey(e);
    let value = e.value;
    if (reexecutes(e)) {
      const ev = n.evaluated[i];
      if (ev === undefined) return undefined;
      key = ev.key;
      value = ev.value;
    }
    // A LIMIT statement that matched no row changed nothing.
    if (key !== NO_ROW) out.set(key, { lsn: e.lsn, value });
  }
  return out;
}

export function applyOrderViolations(_sim: Simulation, n: SimNode): string[] {
  if (n.applied > n.log.length) {
    return [`${n.id} applied LSN ${n.applied} but received only ${n.log.length}`];
  }
  const expected = replay(n);
  if (!expected) return [];
  const out: string[] = [];
  for (const [key, want] of expected) {
    const have = n.data.get(key);
    if (!have) out.push(`${n.id}: "${key}" missing; LSN ${want.lsn} wrote it`);
    else if (have.lsn !== want.lsn || have.value !== want.value) {
      out.push(
        `${n.id}: "${key}" is at LSN ${have.lsn} (${JSON.stringify(have.value)}) but its applied log ends with LSN ${want.lsn} (${JSON.stringify(want.value)})`,
      );
    }
  }
  for (const key of n.data.keys()) {
    if (!expected.has(key)) out.push(`${n.id}: "${key}" is set but no applied entry wrote it`);
  }
  return out;
}

export const applyOrder: Invariant = {
  name: 'apply-order',
  says: "a node's data is its log replayed in LSN order up to its applied LSN",
  when: 'always',
  applies: () => true,
  check: (sim: Simulation) => capped(sim.nodes.flatMap((n) => applyOrderViolations(sim, n))),
};
