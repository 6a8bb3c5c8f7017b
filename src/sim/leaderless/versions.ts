// Versions of a key in a leaderless store, and how two of them compare. Every write makes one
// immutable version: its value, the writing client's clock (last write wins compares those)
// and a dotted version vector — a dot (the coordinating replica's counter for this write)
// plus the context the client had seen of the key. A version causally follows another when
// its context covers the other's dot; neither following the other is a conflict.
import type { Ms, Value } from '../types.js';

/** A version vector indexed by node index (missing entries are 0). */
export type Clock = readonly number[];

export interface LlVersion {
  /** The write operation that made it. */
  readonly op: number;
  readonly key: string;
  readonly value: Value;
  readonly client: string;
  /** The client's clock when it wrote: virtual time plus its clockSkew. */
  readonly stamp: Ms;
  /** The dot: which replica counted this write, and its counter there. */
  readonly dotNode: number;
  readonly dotCounter: number;
  /** What the writer had seen of the key (its own earlier writes and reads). */
  readonly context: Clock;
  /** context with the dot added: the version vector shown to learners. */
  readonly clock: Clock;
  readonly size: number;
  /** Written by a generated workload client (its conflicts are counted, not narrated). */
  readonly generated: boolean;
}

/** Whether `a` causally follows `b` (a's writer had seen b). */
export function follows(a: LlVersion, b: LlVersion): boolean {
  return a.op !== b.op && (a.context[b.dotNode] ?? 0) >= b.dotCounter;
}

/** Whether `a` beats `b` under last write wins: higher stamp, then client id, then later op. */
export function lwwNewer(a: LlVersion, b: LlVersion): boolean {
  if (a.stamp !== b.stamp) return a.stamp > b.stamp;
  if (a.client !== b.client) return a.client > b.client;
  return a.op > b.op;
}

export function mergeClocks(a: Clock | undefined, b: Clock): number[] {
  const out = a ? [...a] : [];
  for (let i = 0; i < b.length; i++) {
    const v = b[i] ?? 0;
    if (v > (out[i] ?? 0)) out[i] = v;
  }
  for (let i = 0; i < out.length; i++) out[i] ??= 0;
  return out;
}

/** The version vector of a set of versions (what a client saw when it read them). */
export function clockOf(versions: readonly LlVersion[]): number[] {
  let c: number[] = [];
  for (const v of versions) c = mergeClocks(c, v.clock);
  return c;
}

/** What happened when a version met a replica's versions of its key. */
export interface MergeResult {
  /** The replica's versions afterwards (the same array when nothing changed). */
  versions: LlVersion[];
  /** Whether the incoming version was kept. */
  kept: boolean;
  /** Versions that were thrown away although nothing kept follows them (LWW's losses). */
  discarded: LlVersion[];
  /** Versions the incoming one is concurrent with (conflicts it met). */
  concurrent: LlVersion[];
}

// Shared empty lists and the "nothing changed" result: merges run for every message, and
// most change one version for one other, so the common cases allocate nothing extra.
const NONE: LlVersion[] = [];
/** The one result object: read at once by every caller, overwritten by the next merge. */
const SCRATCH: MergeResult = { versions: NONE, kept: false, discarded: NONE, concurrent: NONE };
function result(
  versions: LlVersion[],
  kept: boolean,
  discarded: LlVersion[],
  concurrent: LlVersion[],
): MergeResult {
  SCRATCH.versions = versions;
  SCRATCH.kept = kept;
  SCRATCH.discarded = discarded;
  SCRATCH.concurrent = concurrent;
  return SCRATCH;
}

/**
 * Merges `v` into a replica's versions of its key. `siblings` keeps every version no other
 * follows; `lww` keeps the one with the highest stamp. The result is overwritten by the
 * next merge, and its lists must not be changed.
 */
export function mergeVersion(
  held: readonly LlVersion[],
  v: LlVersion,
  mode: 'lww' | 'siblings',
): MergeResult {
  const same = held as LlVersion[];
  if (held.length === 0) return result([v], true, NONE, NONE);
  let concurrent = NONE;
  for (const h of held) {
    if (h.op === v.op) return result(same, false, NONE, NONE);
    if (!follows(h, v) && !follows(v, h)) {
      if (concurrent === NONE) concurrent = [];
      concurrent.push(h);
    }
  }
  if (mode === 'siblings') {
    for (const h of held) if (follows(h, v)) return result(same, false, NONE, NONE);
    const next = held.filter((h) => !follows(v, h));
    next.push(v);
    return result(next, true, NONE, concurrent);
  }
  const cur = held[0]!;
  if (lwwNewer(v, cur)) return result([v], true, follows(v, cur) ? NONE : [cur], concurrent);
  return result(same, false, follows(cur, v) ? NONE : [v], concurrent);
}

/** Merges a set of versions (a read's answers, a repair) in order. */
export function mergeAll(
  held: readonly LlVersion[],
  incoming: readonly LlVersion[],
  mode: 'lww' | 'siblings',
): LlVersion[] {
  let out = held as LlVersion[];
  for (const v of incoming) out = mergeVersion(out, v, mode).versions;
  return out;
}

/** Whether two version sets are the same writes (order aside). */
export function sameVersions(a: readonly LlVersion[], b: readonly LlVersion[]): boolean {
  if (a.length !== b.length) return false;
  for (const x of a) if (!b.some((y) => y.op === x.op)) return false;
  return true;
}

/** Whether `held` already reflects `v`: holds it, or a version that follows or (LWW) beats it. */
export function covers(
  held: readonly LlVersion[],
  v: LlVersion,
  mode: 'lww' | 'siblings',
): boolean {
  for (const h of held) {
    if (h.op === v.op || follows(h, v)) return true;
    if (mode === 'lww' && lwwNewer(h, v)) return true;
  }
  return false;
}
