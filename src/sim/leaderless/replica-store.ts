// A replica taking in a version of a key: keep it, drop it as superseded, keep it beside
// concurrent siblings, or (last write wins) keep only the highest stamp. Conflicts and the
// writes LWW throws away are recorded, and named in the history once each.
import type { Simulation } from '../simulation.js';
import { type KeyVersion, mergeVersion } from '../versioning/versions.js';
import type { LeaderlessState } from './state.js';

const NONE: readonly KeyVersion[] = [];

export function versionsAt(ll: LeaderlessState, node: number, key: string): readonly KeyVersion[] {
  return ll.replicas[node]!.store.get(key) ?? NONE;
}

function show(v: KeyVersion): string {
  return `${JSON.stringify(v.value)} (write #${v.op} by ${v.client})`;
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

/** Stores `v` on replica `node`; true when it changed what the replica holds. */
export function storeVersion(
  sim: Simulation,
  ll: LeaderlessState,
  node: number,
  v: KeyVersion,
): boolean {
  const rep = ll.replicas[node]!;
  const held = rep.store.get(v.key) ?? NONE;
  const res = mergeVersion(held, v, ll.conflict);
  if (res.versions !== held) rep.store.set(v.key, res.versions);
  const id = sim.nodes[node]!.id;
  for (const c of res.concurrent) {
    const a = Math.min(c.op, v.op);
    const b = Math.max(c.op, v.op);
    const pair = a * 67_108_864 + b;
    if (ll.conflictPairs.has(pair)) continue;
    ll.conflictPairs.add(pair);
    const lost = res.discarded.find((d) => d.op === a || d.op === b);
    ll.conflicts.push({ t: sim.now, node: node, key: v.key, ops: [a, b], discarded: lost?.op });
    if (ll.conflict === 'siblings' && sim.recordMessages && !(c.generated && v.generated)) {
      sim.record({
        t: sim.now,
        type: 'note',
        text: `conflict on ${id}: "${v.key}" keeps siblings ${show(c)} and ${show(v)}, neither had seen the other`,
      });
    }
  }
  // A generated workload's discards are counted (checkers), not narrated one by one.
  if (!sim.recordMessages) return res.versions !== held;
  const discarded = res.discarded;
  const concurrent = res.concurrent;
  const versions = res.versions;
  for (const d of discarded) {
    if (d.generated || ll.discardNoted.has(d.op)) continue;
    ll.discardNoted.add(d.op);
    const kept = d === v ? versions[0]! : v;
    const why = concurrent.includes(d === v ? kept : d)
      ? 'concurrent writes, last write wins'
      : 'it came later, but its client clock was behind';
    sim.record({
      t: sim.now,
      type: 'note',
      text: `discarded on ${id}: "${d.key}" = ${show(d)} stamped ${secs(d.stamp)} loses to ${show(kept)} stamped ${secs(kept.stamp)} (${why})`,
    });
  }
  return versions !== held;
}
