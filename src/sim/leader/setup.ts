// Forming a leader-based cluster: exactly one leader, every follower streaming from it or
// from its configured upstream, the first lease granted, and failure detection started.
import type { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import { startFailoverTimers } from './failover.js';
import type { LeaderGroup } from './group.js';
import { chainLeader } from './queries.js';
import { recheckVersions } from './version-check.js';

/** Wires a freshly created simulation's nodes into one leader's chains per group (shard). */
export function formLeaderCluster(sim: Simulation): void {
  for (const g of sim.groups) formGroup(sim, g);
  // A follower on another major version than the leader's WAL refuses it from the start.
  recheckVersions(sim);
  startFailoverTimers(sim);
}

function formGroup(sim: Simulation, g: LeaderGroup): void {
  const leaders = g.nodes.filter((n) => n.role === 'leader');
  if (leaders.length !== 1) {
    const where = g.shard === undefined ? 'a leader topology' : `shard "${g.shard}"`;
    throw new SimulationError(`${where} needs exactly one leader, found ${leaders.length}`);
  }
  const leader = leaders[0]!;
  for (const n of g.nodes) {
    if (n === leader) continue;
    const up = n.cfg.upstream ? sim.node(n.cfg.upstream) : leader;
    if (up.group !== n.group) {
      throw new SimulationError(`"${n.id}": upstream "${up.id}" holds another shard`);
    }
    n.source = up;
    n.caughtUpOnce = true;
  }
  for (const n of g.nodes) {
    if (!chainLeader(sim, n)) {
      throw new SimulationError(`"${n.id}": its upstream chain never reaches the leader`);
    }
  }
  // The first leader starts with a lease from everyone: the cluster was just formed.
  for (const n of g.nodes) leader.heardAt[n.idx] = 0;
}
