// Frontiers of versions a read must reflect, and "strictly older" between two reads' results:
// what the version-based session checkers compare (causality, and LWW stamps).
import type { OpRecord } from '../types.js';
import { type KeyVersion, reflects } from '../versioning/versions.js';
import type { CheckInput } from './anomaly.js';
import type { VersionView } from './version-view.js';

/** Whether a read that returned `result` reflects `v`: it, a version following it, or (LWW) a later stamp. */
export function readSaw(view: VersionView, result: readonly KeyVersion[], v: KeyVersion): boolean {
  return reflects(result, v, view.mode, view.follows, view.newer);
}

/**
 * Adds `x` to a frontier of versions that must be reflected (a list where none reflects
 * another): unchanged when something in it already reflects `x`, else `x` replaces what it
 * reflects.
 */
export function frontierAdd<T extends { v: KeyVersion }>(
  view: VersionView,
  list: readonly T[],
  x: T,
): T[] {
  if (
    readSaw(
      view,
      list.map((e) => e.v),
      x.v,
    )
  ) {
    return list as T[];
  }
  const next = list.filter(
    (e) => !(view.follows(x.v, e.v) || (view.mode === 'lww' && view.newer(x.v, e.v))),
  );
  next.push(x);
  return next;
}

/**
 * Whether what read `b` returned is strictly older than what read `a` returned: `a` reflects
 * every version `b` returned, and `b` misses something `a` returned. Concurrent results
 * (each returned something the other lacks) are neither older nor newer.
 */
export function strictlyOlder(
  view: VersionView,
  b: readonly KeyVersion[],
  a: readonly KeyVersion[],
): boolean {
  return b.every((y) => readSaw(view, a, y)) && a.some((x) => !readSaw(view, b, x));
}

/**
 * Each ok read that misses an acknowledged write of its slot not `lost` (`slot` groups writes
 * and reads: per key for stale reads, per user and key for read-your-writes), with the first
 * write it missed. Per slot, the writes acknowledged before the read began that nothing
 * acknowledged since covers are kept as a frontier; the read must reflect each.
 */
export function readsMissingWrites(
  input: CheckInput,
  view: VersionView,
  lost: ReadonlyMap<number, OpRecord>,
  slot: (op: OpRecord) => string,
): { read: OpRecord; result: readonly KeyVersion[]; missed: OpRecord }[] {
  const writes = input.ops
    .filter((o) => o.kind === 'write' && o.outcome === 'ok' && !lost.has(o.id))
    .sort((a, b) => a.completeSeq! - b.completeSeq!);
  const reads = input.ops
    .filter((o) => o.kind === 'read' && o.outcome === 'ok')
    .sort((a, b) => a.invokeSeq - b.invokeSeq);
  const frontier = new Map<string, { op: OpRecord; v: KeyVersion }[]>();
  const out: { read: OpRecord; result: readonly KeyVersion[]; missed: OpRecord }[] = [];
  let wi = 0;
  for (const r of reads) {
    while (wi < writes.length && writes[wi]!.completeSeq! < r.invokeSeq) {
      const w = writes[wi++]!;
      const v = view.versionOf(w.id);
      if (!v) continue;
      const s = slot(w);
      frontier.set(s, frontierAdd(view, frontier.get(s) ?? [], { op: w, v }));
    }
    const result = view.readResult(r.id) ?? [];
    const missed = frontier.get(slot(r))?.find((x) => !readSaw(view, result, x.v));
    if (missed) out.push({ read: r, result, missed: missed.op });
  }
  return out;
}
