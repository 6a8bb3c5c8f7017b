// How a multi-leader node reconciles a version of a key with what it holds, per `conflict`:
// - lww: keep the highest stamp (the originating leader's clock), ties by that leader's id;
// - replica-id: keep every version nothing has superseded, show the one from the leader
//   listed first (a total rule: every node holding the same versions shows the same one);
// - siblings: keep every version nothing has superseded, show them all;
// - none: keep whatever arrived last (so leaders that saw writes in another order differ).
// A version supersedes another when its context holds the other's dot (the accepting leader,
// or the writing client, had seen it). Pure: it never changes the simulation.
import type { ConflictMode } from '../types.js';
import { type KeyVersion, mergeVersion, supersedes } from '../versioning/versions.js';

export interface Reconciled {
  /** The node's versions afterwards (the same array when nothing changed). */
  versions: KeyVersion[];
  /** Versions the incoming one is concurrent with (conflicts it met). */
  concurrent: KeyVersion[];
  /** Versions that lose a conflict and are no longer shown (LWW, replica id). */
  discarded: KeyVersion[];
}

const NONE: KeyVersion[] = [];

/** Whether `a` beats `b` under last write wins: higher stamp, then leader id, then later op. */
export function stampNewer(ids: readonly string[], a: KeyVersion, b: KeyVersion): boolean {
  if (a.stamp !== b.stamp) return a.stamp > b.stamp;
  const ia = ids[a.dotNode]!;
  const ib = ids[b.dotNode]!;
  if (ia !== ib) return ia > ib;
  return a.op > b.op;
}

/** The version a node shows among those it keeps (replica id: the first-listed leader's). */
export function shown(
  held: readonly KeyVersion[],
  mode: ConflictMode,
  rank: readonly number[],
): readonly KeyVersion[] {
  if (mode !== 'replica-id' || held.length < 2) return held;
  let best = held[0]!;
  for (const h of held) {
    const a = rank[h.dotNode]!;
    const b = rank[best.dotNode]!;
    if (a < b || (a === b && h.op < best.op)) best = h;
  }
  return [best];
}

function concurrentWith(held: readonly KeyVersion[], v: KeyVersion): KeyVersion[] {
  let out = NONE;
  for (const h of held) {
    if (!supersedes(h, v) && !supersedes(v, h)) {
      if (out === NONE) out = [];
      out.push(h);
    }
  }
  return out;
}

export function reconcile(
  held: readonly KeyVersion[],
  v: KeyVersion,
  mode: ConflictMode,
  rank: readonly number[],
  ids: readonly string[],
): Reconciled {
  const same = held as KeyVersion[];
  for (const h of held)
    if (h.op === v.op) return { versions: same, concurrent: NONE, discarded: NONE };
  if (held.length === 0) return { versions: [v], concurrent: NONE, discarded: NONE };
  const concurrent = concurrentWith(held, v);
  switch (mode) {
    case 'siblings':
    case 'replica-id': {
      const versions = mergeVersion(held, v, 'siblings').versions;
      if (mode === 'siblings') return { versions, concurrent, discarded: NONE };
      // Each conflict's loser is the version from the leader listed later.
      const discarded = concurrent.map((c) => (rank[c.dotNode]! <= rank[v.dotNode]! ? v : c));
      return { versions, concurrent, discarded: discarded.length > 0 ? discarded : NONE };
    }
    case 'lww': {
      const cur = held[0]!;
      if (stampNewer(ids, v, cur)) {
        return { versions: [v], concurrent, discarded: supersedes(v, cur) ? NONE : [cur] };
      }
      return { versions: same, concurrent, discarded: supersedes(cur, v) ? NONE : [v] };
    }
    case 'none':
      return { versions: [v], concurrent, discarded: NONE };
  }
}
