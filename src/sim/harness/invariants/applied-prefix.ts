// What a follower of the current leader has applied is the leader's log up to there: a
// follower in the leader's epoch and chain never shows data the leader does not have (per
// shard: each has its own leader and log).
import { chainLeader, currentLeader } from '../../leader/queries.js';
import type { Simulation } from '../../simulation.js';
import type { SimNode } from '../../state.js';
import { anyInput, capped, type Invariant, rewritesLogs } from './invariant.js';

export const appliedPrefix: Invariant = {
  name: 'applied-prefix',
  says: "a follower's applied entries are a prefix of its leader's log at the same epoch",
  when: 'always',
  applies: (sim: Simulation) => !anyInput(sim, rewritesLogs),
  check: (sim: Simulation) => {
    const out: string[] = [];
    for (const g of sim.groups) {
      const leader = currentLeader(g);
      if (leader) checkGroup(sim, leader, g.nodes, out);
    }
    return capped(out);
  },
};

function checkGroup(
  sim: Simulation,
  leader: SimNode,
  nodes: readonly SimNode[],
  out: string[],
): void {
  for (const f of nodes) {
    if (f === leader || f.role !== 'follower' || !f.up || f.needsResync) continue;
    if (f.busy !== undefined || f.epoch !== leader.epoch || chainLeader(sim, f) !== leader) {
      continue;
    }
    if (f.applied > leader.log.length) {
      out.push(
        `${f.id} applied LSN ${f.applied} but ${leader.id} (epoch ${leader.epoch}) has only ${leader.log.length}`,
      );
      continue;
    }
    for (let i = 0; i < f.applied; i++) {
      const mine = f.log[i]!;
      if (mine === leader.log[i]) continue;
      out.push(
        `${f.id} applied LSN ${i + 1} (epoch ${mine.epoch}) that ${leader.id}, leader of epoch ${leader.epoch}, does not have there`,
      );
      break;
    }
  }
}
