// A quiet, whole cluster converges: once the network is whole, every node is up, and no
// command has been given for `QUIET_MS`, the leader is up and every follower that can stream
// (nothing in its chain being copied or needing a resync) has applied the leader's whole log,
// entry for entry. Promised with failover configured (without heartbeats an old leader cut
// off at a manual promote leads on) and no wipe or restore (which rewrite logs).
import { chainLeader, currentLeader, peersOf } from '../../leader/queries.js';
import type { Simulation } from '../../simulation.js';
import type { SimNode } from '../../state.js';
import { anyInput, capped, type Invariant, rewritesLogs } from './invariant.js';

/** How long nothing may have been given before the cluster must have converged. */
export const QUIET_MS = 30_000;

/**
 * Followers that could stream (their chain has no node being copied, needing a resync, or
 * refusing WAL of another major version).
 */
export function streamable(sim: Simulation, leader: SimNode): SimNode[] {
  const stuck = (n: SimNode) => n.needsResync || n.busy !== undefined || n.versionRefused;
  return peersOf(sim, leader).filter((f) => {
    if (f === leader || stuck(f)) return false;
    let hops = 0;
    for (let c = f.source; c && c !== leader; c = c.source) {
      if (stuck(c) || ++hops > sim.nodes.length) return false;
    }
    return true;
  });
}

function quiet(sim: Simulation): boolean {
  const last = sim.inputs[sim.inputs.length - 1];
  if (last && sim.now - last.t < QUIET_MS) return false;
  if (sim.net.isPartitioned) return false;
  return sim.nodes.every((n) => n.up && !sim.isPaused(n));
}

export const convergence: Invariant = {
  name: 'convergence',
  says: 'a quiet, whole cluster with failover ends with every follower caught up',
  when: 'end',
  applies: (sim: Simulation) =>
    sim.cfg.failover !== undefined && !anyInput(sim, rewritesLogs) && quiet(sim),
  check: (sim: Simulation) => {
    const out: string[] = [];
    for (const g of sim.groups) {
      const leader = currentLeader(g);
      const of = g.shard === undefined ? '' : ` of shard ${g.shard}`;
      if (!leader) out.push(`no leader${of}`);
      else if (!leader.up) out.push(`the leader${of} ${leader.id} is down`);
      else checkFollowers(sim, leader, out);
    }
    return capped(out);
  },
};

function checkFollowers(sim: Simulation, leader: SimNode, out: string[]): void {
  for (const f of streamable(sim, leader)) {
    if (f.role !== 'follower') out.push(`${f.id} is still a ${f.role}`);
    else if (chainLeader(sim, f) !== leader) out.push(`${f.id} does not follow ${leader.id}`);
    else if (f.applied !== leader.log.length) {
      out.push(`${f.id} applied LSN ${f.applied} of ${leader.id}'s ${leader.log.length}`);
    } else if (!f.log.slice(0, f.applied).every((e, k) => e === leader.log[k])) {
      out.push(`${f.id}'s log differs from ${leader.id}'s`);
    }
  }
}
