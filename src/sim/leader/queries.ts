// Questions about a leader-based cluster as it is now: who leads, whose log counts, which
// leader a client or a follower ends up at, what the leader still keeps. Reading only.
import type { Simulation } from '../simulation.js';
import type { SimNode } from '../state.js';
import { keptForArchive } from './archive.js';
import type { LeaderGroup } from './group.js';
import { slotFloor } from './slots.js';

/** The group (shard) `n` belongs to. */
export function groupOf(sim: Simulation, n: SimNode): LeaderGroup {
  return sim.groups[n.group]!;
}

/** The nodes sharing `n`'s log: its group's members (every node when unsharded). */
export function peersOf(sim: Simulation, n: SimNode): SimNode[] {
  return sim.groups[n.group]!.nodes;
}

/** The leader of the group's highest epoch that is not fenced (it may be down). */
export function currentLeader(g: LeaderGroup): SimNode | undefined {
  let best: SimNode | undefined;
  for (const n of g.nodes) {
    if (n.role !== 'leader' || n.fenced) continue;
    if (!best || n.epoch > best.epoch) best = n;
  }
  return best;
}

/**
 * The log that counts: the current leader's or, when a leader stepped down for lack of a
 * majority and nobody replaced it, that deposed leader's (its log is still the newest).
 */
export function referenceLeader(g: LeaderGroup): SimNode | undefined {
  const cur = currentLeader(g);
  if (cur) return cur;
  let best: SimNode | undefined;
  for (const n of g.nodes) {
    if (n.lostLease && (!best || n.epoch > best.epoch)) best = n;
  }
  return best;
}

/** The group's leader a client would send a write to: the newest one it can reach. */
export function leaderFor(sim: Simulation, client: string, g: LeaderGroup): SimNode | undefined {
  let best: SimNode | undefined;
  for (const n of g.nodes) {
    if (n.role !== 'leader' || n.fenced || !sim.net.clientReaches(client, n.id)) continue;
    if (!best || n.epoch > best.epoch) best = n;
  }
  return best ?? referenceLeader(g);
}

/** The root of a node's replication chain (the leader it ultimately follows). */
export function chainLeader(sim: Simulation, n: SimNode): SimNode | undefined {
  let cur: SimNode | undefined = n;
  for (let hops = 0; cur && hops <= peersOf(sim, n).length; hops++) {
    if (cur.role === 'leader') return cur;
    cur = cur.source;
  }
  return undefined;
}

/**
 * First LSN the leader still keeps for catch-up: `retain` entries (or everything), or with
 * `slots` what the slots need beyond `retain`, never below what was recycled already.
 */
export function firstRetained(sim: Simulation, leader: SimNode): number {
  const keep = sim.cfg.retain;
  let first: number;
  if (!sim.cfg.slots) {
    first = keep === undefined ? 1 : Math.max(1, leader.log.length - keep + 1);
  } else {
    const byRetain = keep === undefined ? leader.log.length + 1 : leader.log.length - keep + 1;
    first = Math.min(byRetain, slotFloor(sim, leader));
  }
  // With a WAL archive, nothing is recycled before the archive has it.
  if (sim.archive.config) first = Math.min(first, keptForArchive(sim));
  return Math.max(1, first, leader.recycledBelow);
}
