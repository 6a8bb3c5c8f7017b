// The quorum guard's leader lease: a leader may accept writes only while it has heard from a
// majority of the configured members within `timeout`. "Heard" dates from when the leader
// sent the heartbeat they answered, which is never later than when they last heard from it;
// so the lease ends before any follower's election timer can fire, and an old and a new
// leader never accept writes at the same time.
import type { Simulation } from '../simulation.js';
import type { SimNode } from '../state.js';
import { stepDown } from './failover.js';
import { peersOf } from './queries.js';

export function hasLease(sim: Simulation, leader: SimNode): boolean {
  const fo = sim.cfg.failover;
  if (!fo?.quorum) return true;
  let count = 1;
  const nodes = peersOf(sim, leader);
  for (let i = 0; i < nodes.length; i++) {
    const m = nodes[i]!;
    if (m === leader) continue;
    const heard = leader.heardAt[m.idx];
    if (heard !== undefined && sim.now - heard < fo.timeout) count++;
  }
  return count * 2 > nodes.length;
}

/** A leader that lost its majority lease steps down and refuses writes (no-quorum). */
export function stepDownForLease(sim: Simulation, n: SimNode): void {
  if (n.role !== 'leader') return;
  n.lostLease = true;
  n.source = undefined;
  stepDown(sim, n, n.epoch, 'lost contact with a majority');
}
