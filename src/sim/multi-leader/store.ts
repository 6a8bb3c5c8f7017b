// A multi-leader node taking in a version of a key: its own client's write, an entry from
// another leader, or (a follower) what its upstream took in. Conflicts and discarded writes
// are recorded by leaders (a follower repeats its leader's choices) and named in the history
// once each; so is an entry that arrives before a write it depends on (a causality
// violation: over unequal links an update can overtake its insert).
import type { Simulation } from '../simulation.js';
import { includes, joinCausal, NO_CAUSAL } from '../versioning/causal.js';
import type { KeyVersion } from '../versioning/versions.js';
import { reconcile } from './reconcile.js';
import { isLeader, type MultiLeaderState } from './state.js';

const NONE: readonly KeyVersion[] = [];

export function heldAt(ml: MultiLeaderState, node: number, key: string): readonly KeyVersion[] {
  return ml.stores[node]!.get(key) ?? NONE;
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

/** A version as the history names it. */
export function describeVersion(sim: Simulation, v: KeyVersion): string {
  return `${JSON.stringify(v.value)} (write #${v.op} by ${v.client} via ${sim.nodes[v.dotNode]!.id})`;
}

function note(sim: Simulation, text: string): void {
  sim.record({ t: sim.now, type: 'note', text });
}

/** The writes of the key that `v` depends on and `node` has not taken in yet. */
function missing(ml: MultiLeaderState, node: number, v: KeyVersion): KeyVersion[] {
  const seen = ml.seen[node]!.get(v.key) ?? NO_CAUSAL;
  return (ml.written.get(v.key) ?? []).filter(
    (w) => w.op !== v.op && includes(v.context, w.full) && !includes(seen, w.full),
  );
}

function recordConflicts(
  sim: Simulation,
  ml: MultiLeaderState,
  node: number,
  v: KeyVersion,
  concurrent: readonly KeyVersion[],
  discarded: readonly KeyVersion[],
): void {
  const id = sim.nodes[node]!.id;
  for (const c of concurrent) {
    const a = Math.min(c.op, v.op);
    const b = Math.max(c.op, v.op);
    const pair = a * 67_108_864 + b;
    if (ml.conflictPairs.has(pair)) continue;
    ml.conflictPairs.add(pair);
    const lost = discarded.find((d) => d.op === a || d.op === b);
    ml.conflicts.push({ t: sim.now, node, key: v.key, ops: [a, b], discarded: lost?.op });
    if (!sim.recordMessages || (c.generated && v.generated)) continue;
    const pairText = `${describeVersion(sim, c)} and ${describeVersion(sim, v)}`;
    if (ml.conflict === 'siblings') {
      note(
        sim,
        `conflict on ${id}: "${v.key}" keeps siblings ${pairText}, neither had seen the other`,
      );
    } else if (ml.conflict === 'none') {
      note(
        sim,
        `conflict on ${id}: "${v.key}" = ${pairText}, neither had seen the other; nothing resolves it, ${id} keeps what arrived last (${describeVersion(sim, v)})`,
      );
    } else {
      note(sim, `conflict on ${id}: "${v.key}" = ${pairText}, neither had seen the other`);
    }
  }
}

function recordDiscards(
  sim: Simulation,
  ml: MultiLeaderState,
  node: number,
  v: KeyVersion,
  kept: readonly KeyVersion[],
  concurrent: readonly KeyVersion[],
  discarded: readonly KeyVersion[],
): void {
  if (!sim.recordMessages) return;
  const id = sim.nodes[node]!.id;
  for (const d of discarded) {
    if (d.generated || ml.discardNoted.has(d.op)) continue;
    ml.discardNoted.add(d.op);
    const winner =
      d === v
        ? (concurrent.find((c) => ml.rank[c.dotNode]! <= ml.rank[v.dotNode]!) ?? kept[0]!)
        : v;
    if (ml.conflict === 'replica-id') {
      note(
        sim,
        `discarded on ${id}: "${d.key}" = ${describeVersion(sim, d)} loses to ${describeVersion(sim, winner)}: ${sim.nodes[winner.dotNode]!.id} is listed first (replica id)`,
      );
      continue;
    }
    const why = concurrent.includes(d === v ? winner : d)
      ? 'concurrent writes, last write wins'
      : `it came later, but ${sim.nodes[d.dotNode]!.id}'s clock was behind`;
    note(
      sim,
      `discarded on ${id}: "${d.key}" = ${describeVersion(sim, d)} stamped ${secs(d.stamp)} loses to ${describeVersion(sim, winner)} stamped ${secs(winner.stamp)} (${why})`,
    );
  }
}

/**
 * Node `node` takes in `v` — an entry `arriving` on a link, or its own client's write; true
 * when what it holds changed.
 */
export function takeIn(
  sim: Simulation,
  ml: MultiLeaderState,
  node: number,
  v: KeyVersion,
  arriving: boolean,
): boolean {
  const store = ml.stores[node]!;
  const held = store.get(v.key) ?? NONE;
  const leader = isLeader(ml, node);
  const seen = ml.seen[node]!;
  const had = seen.get(v.key) ?? NO_CAUSAL;
  if (arriving && leader && sim.recordMessages && !v.generated && !includes(had, v.context)) {
    const early = missing(ml, node, v);
    const mark = v.op * 4096 + node;
    if (early.length > 0 && !ml.earlyNoted.has(mark)) {
      ml.earlyNoted.add(mark);
      note(
        sim,
        `causality violation on ${sim.nodes[node]!.id}: "${v.key}" = ${describeVersion(sim, v)} arrived before ${early.map((w) => `write #${w.op}`).join(', ')}, which it depends on`,
      );
    }
  }
  const res = reconcile(held, v, ml.conflict, ml.rank, ml.ids);
  if (res.versions !== held) store.set(v.key, res.versions);
  seen.set(v.key, joinCausal(had, v.full));
  if (leader && res.concurrent.length > 0) {
    recordConflicts(sim, ml, node, v, res.concurrent, res.discarded);
  }
  if (leader && res.discarded.length > 0) {
    recordDiscards(sim, ml, node, v, res.versions, res.concurrent, res.discarded);
  }
  return res.versions !== held;
}
