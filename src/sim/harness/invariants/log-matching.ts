// Log matching (as in Raft): an entry is identified by its (epoch, LSN); two logs never hold
// different entries with the same identity, and logs that share an entry share every entry
// before it. Every entry sits at its own LSN. A wipe or a restore rewrites a log wholesale,
// after which a reused LSN may carry another entry of the same epoch: not promised then.
// Sharded: within each shard (shards have logs of their own).
import type { Simulation } from '../../simulation.js';
import type { SimNode } from '../../state.js';
import { anyInput, capped, type Invariant, rewritesLogs } from './invariant.js';

/** The first violation between any two of `nodes`' logs, or undefined. */
export function logMatchingViolation(nodes: readonly SimNode[]): string | undefined {
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i]!.log;
      const b = nodes[j]!.log;
      const pair = `${nodes[i]!.id}/${nodes[j]!.id}`;
      const n = Math.min(a.length, b.length);
      let lastShared = -1;
      for (let k = 0; k < n; k++) {
        const x = a[k]!;
        const y = b[k]!;
        if (x.lsn !== k + 1 || y.lsn !== k + 1) return `${pair}: entry out of place at ${k + 1}`;
        if (x.epoch === y.epoch && x !== y) {
          return `${pair}: two different entries with epoch ${x.epoch} at LSN ${k + 1}`;
        }
        if (x === y) lastShared = k;
      }
      for (let k = 0; k < lastShared; k++) {
        if (a[k] !== b[k]) return `${pair}: share LSN ${lastShared + 1} but not LSN ${k + 1}`;
      }
    }
  }
  return undefined;
}

export const logMatching: Invariant = {
  name: 'log-matching',
  says: 'entries with the same (epoch, LSN) are the same entry, and logs sharing one share all before it',
  when: 'always',
  applies: (sim: Simulation) => !anyInput(sim, rewritesLogs),
  check: (sim: Simulation) => {
    const out: string[] = [];
    for (const g of sim.groups) {
      const v = logMatchingViolation(g.nodes);
      if (v !== undefined) out.push(v);
    }
    return capped(out);
  },
};
