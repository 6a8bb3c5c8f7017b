// Session guarantees and consistent prefix judged on versions (multi-leader runs), per client
// from the history:
// - read-your-writes: a read that reflects neither a surviving write of the reader's user,
//   acknowledged before it began, nor anything that followed it (LWW: nor a newer stamp);
// - monotonic reads: a read that returned something older than (or nothing instead of) a
//   version an earlier read of the same client and key returned;
// - consistent prefix: after a client read a version written by w, a read that returned
//   something older than (or nothing instead of) what w's writer had seen of that key before
//   writing w — the answer seen, then the question missing. Over unequal links an update can
//   reach a datacenter before the write it depends on.
// "Older" is causal: the version seen follows what came back. A concurrent version is no
// session anomaly (the conflicts checker names it).
import type { OpRecord } from '../types.js';
import { type KeyVersion, reflects } from '../versioning/versions.js';
import { type Anomaly, type CheckInput, secs } from './anomaly.js';
import { lostSet, showVersions } from './version-anomalies.js';
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
  const lost = lostSet(input, view);
  const mine = new Map<string, OpRecord[]>();
  for (const w of input.ops) {
    if (w.kind !== 'write' || w.outcome !== 'ok' || lost.has(w.id)) continue;
    const slot = `${w.user}\u0000${w.key}`;
    const list = mine.get(slot);
    if (list) list.push(w);
    else mine.set(slot, [w]);
  }
  const out: Anomaly[] = [];
  for (const r of byInvoke(input.ops)) {
    if (r.kind !== 'read' || r.outcome !== 'ok') continue;
    const result = view.readResult(r.id) ?? [];
    const missed = (mine.get(`${r.user}\u0000${r.key}`) ?? []).find((w) => {
      const v = view.versionOf(w.id);
      return (
        v !== undefined &&
        w.completeSeq! < r.invokeSeq &&
        !reflects(result, v, view.mode, view.follows, view.newer)
      );
    });
    if (!missed) continue;
    out.push({
      checker: 'read-your-writes',
      op: r.id,
      related: [missed.id],
      node: r.node,
      key: r.key,
      message: `${r.client} read "${r.key}" from ${r.node} at ${secs(r.invokedAt)} and got ${showVersions(result)}, but its own ${JSON.stringify(missed.value)} (write #${missed.id}) was acknowledged at ${secs(missed.completedAt!)}`,
    });
  }
  return out;
}

export function checkVersionMonotonicReads(input: CheckInput, view: VersionView): Anomaly[] {
  const out: Anomaly[] = [];
  for (const reads of okReadsByClient(input).values()) {
    const ordered = byInvoke(reads);
    for (const r of ordered) {
      const result = view.readResult(r.id) ?? [];
      let earlier: { op: OpRecord; v: KeyVersion } | undefined;
      for (const p of ordered) {
        if (p.key !== r.key || p.completeSeq! >= r.invokeSeq) continue;
        const v = (view.readResult(p.id) ?? []).find((x) => behind(view, result, x));
        if (v) earlier = { op: p, v };
      }
      if (!earlier) continue;
      out.push({
        checker: 'monotonic-reads',
        op: r.id,
        related: [earlier.op.id],
        node: r.node,
        key: r.key,
        message: `${r.client} read "${r.key}" from ${r.node} at ${secs(r.invokedAt)} and got ${showVersions(result)}, older than ${showVersions([earlier.v])}, which it had read from ${earlier.op.node} at ${secs(earlier.op.invokedAt)}`,
      });
    }
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
