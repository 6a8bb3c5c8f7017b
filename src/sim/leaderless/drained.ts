// What every replica will hold once every queue has drained: what it stores, plus the
// versions on their way to it (writes, repairs, handoffs, syncs) and the hints held for it.
// The checkers judge loss and divergence on this picture, so that a write still travelling
// is neither lost nor a divergence. A message to a down replica is not counted: it will be
// refused. Pure: it never changes the simulation.
import type { Simulation } from '../simulation.js';
import { type KeyVersion, mergeVersion, type Store } from '../versioning/versions.js';
import type { LeaderlessState } from './state.js';

function put(stores: Store[], ll: LeaderlessState, node: number, v: KeyVersion): void {
  const s = stores[node]!;
  const held = s.get(v.key) ?? [];
  s.set(v.key, mergeVersion(held, v, ll.conflict).versions);
}

export function drainedStores(sim: Simulation, ll: LeaderlessState): Store[] {
  const stores = ll.replicas.map((r) => new Map(r.store));
  for (const m of ll.slots) {
    if (!m) continue;
    if (m.kind === 'hint') {
      if (sim.nodes[m.toNode]!.up && m.hintFor >= 0) put(stores, ll, m.hintFor, m.versions[0]!);
      continue;
    }
    if (m.kind !== 'write' && m.kind !== 'repair' && m.kind !== 'sync' && m.kind !== 'handoff') {
      continue;
    }
    // A handoff's hint is still in its holder's list: counted below, once.
    if (m.kind === 'handoff' || !sim.nodes[m.toNode]!.up) continue;
    for (const v of m.versions) put(stores, ll, m.toNode, v);
  }
  for (const r of ll.replicas) for (const h of r.hints) put(stores, ll, h.home, h.version);
  return stores;
}
