// Epochs are handed out once, at a promotion: only the node promoted in an epoch ever
// accepts writes in it, whatever else happens (partitions, an old leader leading on). Each
// shard has epochs of its own: judged per shard.
import type { Simulation } from '../../simulation.js';
import { capped, type Invariant } from './invariant.js';

/** Epoch → the nodes that acknowledged writes in it. */
export function writersByEpoch(sim: Simulation): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const op of sim.ops) {
    if (op.kind !== 'write' || op.outcome !== 'ok') continue;
    const epoch = op.epoch ?? 0;
    let set = out.get(epoch);
    if (!set) {
      set = new Set();
      out.set(epoch, set);
    }
    set.add(op.node);
  }
  return out;
}

export const oneLeaderPerEpoch: Invariant = {
  name: 'one-leader-per-epoch',
  says: 'at most one node accepts (acknowledged) writes in any epoch',
  when: 'end',
  applies: () => true,
  check: (sim: Simulation) => {
    const out: string[] = [];
    for (const g of sim.groups) {
      const mine = new Set(g.nodes.map((n) => n.id));
      const of = g.shard === undefined ? '' : `shard ${g.shard} `;
      for (const [epoch, nodes] of writersByEpoch(sim)) {
        const here = [...nodes].filter((id) => mine.has(id));
        if (here.length > 1)
          out.push(`${of}epoch ${epoch}: ${here.join(' and ')} all accepted writes`);
      }
    }
    return capped(out);
  },
};
