// "Caught up" without a log. A leader-based follower is caught up when it applied the
// leader's log; a leaderless replica has no log to compare, so it is caught up when it holds,
// for every key written, the newest versions anyone has: the versions no other version
// anywhere in the cluster supersedes (every replica's store, every hint, every write, repair,
// handoff and sync on its way), compared as sets (siblings) or as the one winner (LWW). A
// replica that holds them has nothing left to receive: no message, hint or repair on its way
// can change what it holds. A down replica is never caught up, and a message on its way to a
// down replica does not count (it will be refused), as in the drained picture.
//
// A fallback (a node beyond the first n) holds no key of its own: it is caught up when it is
// up and holds no hint left to hand off. The cluster is caught up when every home replica is.
import type { Simulation } from '../simulation.js';
import { type KeyVersion, mergeVersion, sameVersions } from '../versioning/versions.js';
import type { LeaderlessState } from './state.js';

/** Per key, the versions nothing anywhere in the cluster supersedes. */
function newestByKey(sim: Simulation, ll: LeaderlessState): Map<string, KeyVersion[]> {
  const out = new Map<string, KeyVersion[]>();
  const add = (v: KeyVersion) => {
    out.set(v.key, mergeVersion(out.get(v.key) ?? [], v, ll.conflict).versions);
  };
  for (const r of ll.replicas) {
    for (const versions of r.store.values()) for (const v of versions) add(v);
    for (const h of r.hints) add(h.version);
  }
  for (const m of ll.slots) {
    if (!m) continue;
    // Data on its way: writes (a hint is a write to a fallback), repairs, handoffs, syncs.
    const data = m.kind === 'write' || m.kind === 'hint' || m.kind === 'repair';
    if (!(data || m.kind === 'handoff' || m.kind === 'sync')) continue;
    if (!sim.nodes[m.toNode]!.up) continue;
    for (const v of m.versions) add(v);
  }
  return out;
}

function replicaCaughtUp(
  sim: Simulation,
  ll: LeaderlessState,
  node: number,
  newest: Map<string, KeyVersion[]>,
): boolean {
  if (!sim.nodes[node]!.up) return false;
  const rep = ll.replicas[node]!;
  if (node >= ll.quorum.n) return rep.hints.length === 0;
  for (const [key, versions] of newest) {
    if (!sameVersions(rep.store.get(key) ?? [], versions)) return false;
  }
  return true;
}

/**
 * Whether node `node` (an index) is caught up, or with no node whether every home replica
 * is (see the rule above).
 */
export function leaderlessCaughtUp(sim: Simulation, ll: LeaderlessState, node?: number): boolean {
  const newest = newestByKey(sim, ll);
  if (node !== undefined) return replicaCaughtUp(sim, ll, node, newest);
  for (let i = 0; i < ll.quorum.n; i++) if (!replicaCaughtUp(sim, ll, i, newest)) return false;
  return true;
}
