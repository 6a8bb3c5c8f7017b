// Session guarantees and consistent prefix judged on versions instead of log positions
// (leaderless and multi-leader runs):
// - read-your-writes: a read must reflect every write of the same user (any of its clients)
//   to that key acknowledged before the read began and not lost: return it, a version that
//   causally follows it, or under LWW one stamped later. A newer write by someone else, or a
//   concurrent sibling returned beside it, is no violation.
// - monotonic reads: per client and key, a read must not return something strictly older
//   than what a read that completed before it returned: older means the earlier read
//   reflects every version the later one returned and the later one misses one the earlier
//   returned. A concurrent result (each has something the other lacks) is not older.
// - consistent prefix (multi-leader): after a client read a version written by w, a read
//   that returned something older than (or nothing instead of) what w's writer had seen of
//   that key before writing w — the answer seen, then the question missing. Over unequal
//   links an update can reach a datacenter before the write it depends on.
import type { OpRecord } from '../types.js';
import { type KeyVersion, reflects } from '../versioning/versions.js';
import { type Anomaly, type CheckInput, secs } from './anomaly.js';
import { lostSet, showVersions } from './version-anomalies.js';
import { readSaw, readsMissingWrites, strictlyOlder } from './version-frontier.js';
import type { VersionView } from './version-view.js';

/** Whether a read that returned `result` went back behind `v`: nothing, or something v follows. */
function behind(view: VersionView, result: readonly KeyVersion[], v: KeyVersion): boolean {
  if (reflects(result, v, view.mode, view.follows, view.newer)) return false;
  return result.length === 0 || result.some((h) => view.follows(v, h));
}

function byInvoke(ops: readonly OpRecord[]): OpRecord[] {
  return ops.slice().sort((a, b) => a.invokeSeq - b.invokeSeq);
}

function okReadsByClient(input: CheckInput): Map<string, OpRecord[]> {
  const out = new Map<string, OpRecord[]>();
  for (const op of input.ops) {
    if (op.kind !== 'read' || op.outcome !== 'ok') continue;
    const list = out.get(op.client);
    if (list) list.push(op);
    else out.set(op.client, [op]);
  }
  return out;
}

export function checkVersionReadYourWrites(input: CheckInput, view: VersionView): Anomaly[] {
  // Per user and key: a read must reflect the user's own surviving acknowledged writes.
  const slot = (o: OpRecord) => `${o.user}\u0000${o.key}`;
  return readsMissingWrites(input, view, lostSet(input, view), slot).map(
    ({ read: r, result, missed: w }) => {
      const device =
        w.client === r.client ? '' : ` (written from ${w.client}, read from ${r.client})`;
      return {
        checker: 'read-your-writes',
        op: r.id,
        related: [w.id],
        node: r.node,
        key: r.key,
        message: `${r.user} wrote ${JSON.stringify(w.value)} to "${r.key}" (write #${w.id}, acknowledged at ${secs(w.completedAt!)}) but then read ${showVersions(result)} at ${secs(r.invokedAt)}, which does not reflect it${device}`,
      };
    },
  );
}

export function checkVersionMonotonicReads(input: CheckInput, view: VersionView): Anomaly[] {
  // Each ok read is judged when it begins and counts for later reads once it completed;
  // invocations and completions share one sequence.
  const points: { seq: number; op: OpRecord; done: boolean }[] = [];
  for (const o of input.ops) {
    if (o.kind !== 'read' || o.outcome !== 'ok' || o.completeSeq === undefined) continue;
    points.push({ seq: o.invokeSeq, op: o, done: false });
    points.push({ seq: o.completeSeq, op: o, done: true });
  }
  points.sort((a, b) => a.seq - b.seq);
  // Per client and key, the earlier results none of which is older than another.
  const seen = new Map<string, { op: OpRecord; result: readonly KeyVersion[] }[]>();
  const out: Anomaly[] = [];
  for (const { op: r, done } of points) {
    const slot = `${r.client}\u0000${r.key}`;
    const list = seen.get(slot) ?? [];
    const result = view.readResult(r.id) ?? [];
    if (!done) {
      const prev = list.find((p) => strictlyOlder(view, result, p.result));
      if (!prev) continue;
      out.push({
        checker: 'monotonic-reads',
        op: r.id,
        related: [prev.op.id],
        node: r.node,
        nodes: [prev.op.node, r.node],
        key: r.key,
        message: `${r.client} read "${r.key}" = ${showVersions(prev.result)} at ${secs(prev.op.invokedAt)}, then the older ${showVersions(result)} at ${secs(r.invokedAt)}`,
      });
      continue;
    }
    // Nothing new: an earlier result already reflects everything this one returned.
    if (list.some((p) => result.every((y) => readSaw(view, p.result, y)))) continue;
    const next = list.filter((p) => !p.result.every((y) => readSaw(view, result, y)));
    next.push({ op: r, result });
    seen.set(slot, next);
  }
  return out;
}

/** What each write's client had seen of every key when it wrote (its writes and reads). */
function writersSight(
  input: CheckInput,
  view: VersionView,
): Map<number, Map<string, KeyVersion[]>> {
  const points: { seq: number; op: OpRecord }[] = [];
  for (const op of input.ops) {
    if (op.kind === 'write' && view.versionOf(op.id)) points.push({ seq: op.invokeSeq, op });
    else if (op.kind === 'read' && op.outcome === 'ok') points.push({ seq: op.completeSeq!, op });
  }
  points.sort((a, b) => a.seq - b.seq);
  const latest = new Map<string, Map<string, KeyVersion[]>>();
  const out = new Map<number, Map<string, KeyVersion[]>>();
  for (const { op } of points) {
    let mine = latest.get(op.client);
    if (!mine) {
      mine = new Map();
      latest.set(op.client, mine);
    }
    if (op.kind === 'write') {
      out.set(op.id, new Map(mine));
      mine.set(op.key, [view.versionOf(op.id)!]);
    } else {
      mine.set(op.key, (view.readResult(op.id) ?? []).slice());
    }
  }
  return out;
}

export function checkVersionConsistentPrefix(input: CheckInput, view: VersionView): Anomaly[] {
  const sight = writersSight(input, view);
  const writeOf = new Map<number, OpRecord>();
  for (const op of input.ops) if (op.kind === 'write') writeOf.set(op.id, op);
  const out: Anomaly[] = [];
  for (const reads of okReadsByClient(input).values()) {
    const ordered = byInvoke(reads);
    for (const r of ordered) {
      const result = view.readResult(r.id) ?? [];
      let found: { need: KeyVersion; because: OpRecord } | undefined;
      for (const p of ordered) {
        if (p.completeSeq! >= r.invokeSeq) continue;
        for (const h of view.readResult(p.id) ?? []) {
          const deps = sight.get(h.op)?.get(r.key) ?? [];
          const need = deps.find((d) => behind(view, result, d));
          const because = writeOf.get(h.op);
          if (need && because) found = { need, because };
        }
      }
      if (!found) continue;
      const { need, because } = found;
      out.push({
        checker: 'consistent-prefix',
        op: r.id,
        related: [because.id, need.op],
        node: r.node,
        key: r.key,
        message: `${r.client} saw ${JSON.stringify(because.value)} ("${because.key}", write #${because.id}), written after ${JSON.stringify(need.value)} ("${r.key}", write #${need.op}), but then read ${showVersions(result)} for "${r.key}" from ${r.node} at ${secs(r.invokedAt)}`,
      });
    }
  }
  return out;
}
