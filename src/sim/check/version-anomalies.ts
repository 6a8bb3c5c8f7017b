// Stale reads, lost writes and divergence in a leaderless or multi-leader run, judged on
// versions instead of log positions:
// - lost: an acknowledged write that, once every queue has drained, no replica holds, nor a
//   version that causally follows it (LWW throwing a write away counts);
// - stale: a read that reflects neither a surviving write acknowledged before it began nor
//   anything that follows it (or, under LWW, carries a higher stamp);
// - divergence: once drained, two live replicas that should agree (leaderless: home replicas;
//   multi-leader: every node) hold different versions of a key (siblings compare as sets).

import type { OpRecord } from '../types.js';
import type { KeyVersion } from '../versioning/versions.js';
import { type Anomaly, type CheckInput, secs } from './anomaly.js';
import { readsMissingWrites } from './version-frontier.js';
import type { VersionView } from './version-view.js';

export function showVersions(vs: readonly KeyVersion[] | undefined): string {
  if (!vs || vs.length === 0) return 'nothing';
  return vs.map((v) => `${JSON.stringify(v.value)} (write #${v.op})`).join(' and ');
}

/** Every version some replica will hold, per key, once drained (one per write). */
function heldByKey(view: VersionView): Map<string, KeyVersion[]> {
  const out = new Map<string, KeyVersion[]>();
  const seen = new Set<number>();
  for (const store of view.drained()) {
    for (const [key, versions] of store) {
      for (const v of versions) {
        if (seen.has(v.op)) continue;
        seen.add(v.op);
        const list = out.get(key);
        if (list) list.push(v);
        else out.set(key, [v]);
      }
    }
  }
  return out;
}

export function lostSet(input: CheckInput, view: VersionView): Map<number, OpRecord> {
  const held = heldByKey(view);
  const lost = new Map<number, OpRecord>();
  for (const op of input.ops) {
    if (op.kind !== 'write' || op.outcome !== 'ok') continue;
    const v = view.versionOf(op.id);
    if (!v) continue;
    const list = held.get(op.key);
    if (list?.some((h) => h.op === v.op || view.follows(h, v))) continue;
    lost.set(op.id, op);
  }
  return lost;
}

export function checkQuorumLostWrites(input: CheckInput, view: VersionView): Anomaly[] {
  const out: Anomaly[] = [];
  for (const op of lostSet(input, view).values()) {
    out.push({
      checker: 'lost-writes',
      op: op.id,
      node: op.node,
      key: op.key,
      message: `${JSON.stringify(op.value)} to "${op.key}" (write #${op.id} by ${op.client}) was acknowledged at ${secs(op.completedAt!)}, but no replica holds it or a later version that saw it`,
    });
  }
  return out;
}

export function checkQuorumStaleReads(input: CheckInput, view: VersionView): Anomaly[] {
  // Per key: a read must reflect every surviving write acknowledged before it began.
  return readsMissingWrites(input, view, lostSet(input, view), (o) => o.key).map(
    ({ read: r, result, missed: w }) => ({
      checker: 'stale-read',
      op: r.id,
      related: [w.id],
      node: r.node,
      key: r.key,
      message: `read of "${r.key}" by ${r.client} at ${secs(r.invokedAt)} returned ${showVersions(result)}, but ${JSON.stringify(w.value)} (write #${w.id}) was acknowledged at ${secs(w.completedAt!)}`,
    }),
  );
}

function sameSet(a: readonly KeyVersion[], b: readonly KeyVersion[]): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => y.op === x.op));
}

export function checkQuorumDivergence(_input: CheckInput, view: VersionView): Anomaly[] {
  const stores = view.drained();
  const live = view.members.filter((i) => view.up[i]);
  const keys = new Set<string>();
  for (const i of live) for (const k of stores[i]!.keys()) keys.add(k);
  const out: Anomaly[] = [];
  for (const key of keys) {
    const a = live[0]!;
    const va = stores[a]!.get(key) ?? [];
    const b = live.find((j) => !sameSet(va, stores[j]!.get(key) ?? []));
    if (b === undefined) continue;
    const vb = stores[b]!.get(key) ?? [];
    out.push({
      checker: 'divergence',
      nodes: [view.nodeIds[a]!, view.nodeIds[b]!],
      key,
      message: `once every message has arrived, ${view.nodeIds[a]} holds "${key}" = ${showVersions(va)} but ${view.nodeIds[b]} holds ${showVersions(vb)}`,
    });
  }
  return out;
}

/** Pairs of writes to one key that a replica found concurrent (neither had seen the other). */
export function checkConflicts(input: CheckInput, view: VersionView): Anomaly[] {
  const ids = new Set(input.ops.map((o) => o.id));
  const out: Anomaly[] = [];
  for (const c of view.conflicts) {
    if (!ids.has(c.ops[0]) || !ids.has(c.ops[1])) continue;
    // Under LWW a replica judges by what writers had seen, which generated clients do not
    // record: the pair is a conflict only if neither writer had seen the other.
    if (view.mode === 'lww') {
      const a = view.versionOf(c.ops[0]);
      const b = view.versionOf(c.ops[1]);
      if (a && b && (view.follows(a, b) || view.follows(b, a))) continue;
    }
    const how =
      c.discarded !== undefined
        ? `kept one and discarded write #${c.discarded} (${view.conflict === 'replica-id' ? 'the leader listed first wins' : 'last write wins'})`
        : view.conflict === 'none'
          ? 'applied them in arrival order (nothing resolves conflicts)'
          : 'kept both as siblings';
    out.push({
      checker: 'conflicts',
      op: c.ops[1],
      related: [c.ops[0]],
      node: view.nodeIds[c.node],
      key: c.key,
      message: `writes #${c.ops[0]} and #${c.ops[1]} to "${c.key}" were concurrent (neither had seen the other); ${view.nodeIds[c.node]} ${how} at ${secs(c.t)}`,
    });
  }
  return out;
}

/** Reads that returned more than one version (siblings). */
export function checkSiblings(input: CheckInput, view: VersionView): Anomaly[] {
  const out: Anomaly[] = [];
  for (const op of input.ops) {
    if (op.kind !== 'read' || op.outcome !== 'ok') continue;
    const result = view.readResult(op.id);
    if (!result || result.length < 2) continue;
    out.push({
      checker: 'siblings',
      op: op.id,
      related: result.map((v) => v.op),
      key: op.key,
      message: `read of "${op.key}" by ${op.client} at ${secs(op.invokedAt)} returned ${result.length} siblings: ${showVersions(result)}`,
    });
  }
  return out;
}
