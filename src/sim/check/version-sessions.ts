// Session guarantees judged on versions instead of log positions (leaderless runs; any run
// that gives a VersionHistory):
// - read-your-writes: a read must reflect every write of the same user (any of its clients)
//   to that key acknowledged before the read began and not lost: return it, a version that
//   causally follows it, or under LWW one stamped later. A newer write by someone else, or a
//   concurrent sibling returned beside it, is no violation.
// - monotonic reads: per client and key, a read must not return something strictly older
//   than what a read that completed before it returned: older means the earlier read
//   reflects every version the later one returned and the later one misses one the earlier
//   returned. A concurrent result (each has something the other lacks) is not older.
import type { LlVersion } from '../leaderless/versions.js';
import type { OpRecord } from '../types.js';
import { type Anomaly, type CheckInput, secs } from './anomaly.js';
import {
  frontierAdd,
  readSaw,
  showVersions,
  strictlyOlder,
  type VersionHistory,
} from './version-history.js';

export function checkVersionReadYourWrites(
  input: CheckInput,
  view: VersionHistory,
  lost: ReadonlySet<number>,
): Anomaly[] {
  const writes = input.ops
    .filter((o) => o.kind === 'write' && o.outcome === 'ok' && !lost.has(o.id))
    .sort((a, b) => a.completeSeq! - b.completeSeq!);
  const reads = input.ops
    .filter((o) => o.kind === 'read' && o.outcome === 'ok')
    .sort((a, b) => a.invokeSeq - b.invokeSeq);
  // Per user and key, that user's acknowledged writes nothing of theirs acknowledged since covers.
  const frontier = new Map<string, { op: OpRecord; v: LlVersion }[]>();
  const out: Anomaly[] = [];
  let wi = 0;
  for (const r of reads) {
    while (wi < writes.length && writes[wi]!.completeSeq! < r.invokeSeq) {
      const w = writes[wi++]!;
      const v = view.versionOf(w.id);
      if (!v) continue;
      const slot = `${w.user}\u0000${w.key}`;
      frontier.set(slot, frontierAdd(view, frontier.get(slot) ?? [], { op: w, v }));
    }
    const result = view.readResult(r.id) ?? [];
    const missed = frontier
      .get(`${r.user}\u0000${r.key}`)
      ?.find((x) => !readSaw(view, result, x.v));
    if (!missed) continue;
    const w = missed.op;
    const device =
      w.client === r.client ? '' : ` (written from ${w.client}, read from ${r.client})`;
    out.push({
      checker: 'read-your-writes',
      op: r.id,
      related: [w.id],
      node: r.node,
      key: r.key,
      message: `${r.user} wrote ${JSON.stringify(w.value)} to "${r.key}" (write #${w.id}, acknowledged at ${secs(w.completedAt!)}) but then read ${showVersions(result)} at ${secs(r.invokedAt)}, which does not reflect it${device}`,
    });
  }
  return out;
}

export function checkVersionMonotonicReads(input: CheckInput, view: VersionHistory): Anomaly[] {
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
  const seen = new Map<string, { op: OpRecord; result: readonly LlVersion[] }[]>();
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
