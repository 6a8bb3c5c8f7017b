// Versions of a key, as leaderless and multi-leader stores keep them, and how two of them
// compare. Every write makes one immutable version: its value, a clock stamp (last write
// wins compares those) and a dotted version vector — a dot (the replica that counted this
// write of this key, and its counter) plus the context the write carried (leaderless: what
// the client's last read of the key returned; multi-leader: what the accepting leader had
// seen of the key, see multi-leader/writes.ts). A version supersedes another when its context holds the other's dot; a write
// with no context supersedes nothing, so it is concurrent with everything (siblings).
//
// Beside it a leaderless version keeps `past`: everything its writer had written or read of the key
// before. That is causality as the checkers judge it (a write by a client that had written or
// read another follows it), and what tells an LWW loser that was concurrent from one that came
// later but carried an older stamp. It is a vector by writing client: a client's writes of a
// key are numbered 1, 2, … and every one's past holds the ones before, so having seen a
// client's m-th write means having seen all its earlier ones — exact without exceptions, and
// cheap to merge (a 100-client workload merges it on every operation).
import type { Ms, Value } from '../types.js';
import { type Causal, hasDot } from './causal.js';

/** A replica's versions of every key. */
export type Store = Map<string, KeyVersion[]>;

/** A conflict a replica met: two writes to one key, neither of which had seen the other. */
export interface ConflictRecord {
  t: Ms;
  node: number;
  key: string;
  ops: [number, number];
  /** The write that was thrown away (last write wins, replica id), else undefined. */
  discarded: number | undefined;
}

export interface KeyVersion {
  /** The write operation that made it. */
  readonly op: number;
  readonly key: string;
  readonly value: Value;
  readonly client: string;
  /** The client's clock when it wrote: virtual time plus its clockSkew. */
  readonly stamp: Ms;
  /** The dot: which replica counted this write of the key, and its counter there. */
  readonly dotNode: number;
  readonly dotCounter: number;
  /** The context the write carried (the client's last read of the key). */
  readonly context: Causal;
  /** context plus the dot: what a client that reads this version has seen. */
  readonly full: Causal;
  /** The writing client (session index) and this write's number among its writes of the key. */
  readonly writer: number;
  readonly seq: number;
  /**
   * By client: how many of its writes of the key the writer had written or read (this one
   * too). Empty for a generated workload client's write (the checkers derive it).
   */
  readonly past: readonly number[];
  readonly size: number;
  /** Written by a generated workload client (its conflicts are counted, not narrated). */
  readonly generated: boolean;
}

/** Whether `a` supersedes `b` on a replica: a's write carried a context that held b. */
export function supersedes(a: KeyVersion, b: KeyVersion): boolean {
  return a.op !== b.op && hasDot(a.context, b.dotNode, b.dotCounter);
}

/** Whether `a` causally follows `b`: a's writer had written or read b (or what followed it). */
export function follows(a: KeyVersion, b: KeyVersion): boolean {
  return a.op !== b.op && (a.past[b.writer] ?? 0) >= b.seq;
}

/** Whether `a` beats `b` under last write wins: higher stamp, then client id, then later op. */
export function lwwNewer(a: KeyVersion, b: KeyVersion): boolean {
  if (a.stamp !== b.stamp) return a.stamp > b.stamp;
  if (a.client !== b.client) return a.client > b.client;
  return a.op > b.op;
}

/** What happened when a version met a replica's versions of its key. */
export interface MergeResult {
  /** The replica's versions afterwards (the same array when nothing changed). */
  versions: KeyVersion[];
  /** Whether the incoming version was kept. */
  kept: boolean;
  /** Versions that were thrown away although nothing kept follows them (LWW's losses). */
  discarded: KeyVersion[];
  /** Versions the incoming one is concurrent with (conflicts it met). */
  concurrent: KeyVersion[];
}

// Shared empty lists and the "nothing changed" result: merges run for every message, and
// most change one version for one other, so the common cases allocate nothing extra.
const NONE: KeyVersion[] = [];
/** The one result object: read at once by every caller, overwritten by the next merge. */
const SCRATCH: MergeResult = { versions: NONE, kept: false, discarded: NONE, concurrent: NONE };
function result(
  versions: KeyVersion[],
  kept: boolean,
  discarded: KeyVersion[],
  concurrent: KeyVersion[],
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
  held: readonly KeyVersion[],
  v: KeyVersion,
  mode: 'lww' | 'siblings',
): MergeResult {
  const same = held as KeyVersion[];
  if (held.length === 0) return result([v], true, NONE, NONE);
  // Siblings: concurrent means neither carried the other (they stay side by side). LWW:
  // neither writer had seen the other (a client's own blind rewrite is no conflict).
  const related = mode === 'siblings' ? supersedes : follows;
  let concurrent = NONE;
  for (const h of held) {
    if (h.op === v.op) return result(same, false, NONE, NONE);
    if (!related(h, v) && !related(v, h)) {
      if (concurrent === NONE) concurrent = [];
      concurrent.push(h);
    }
  }
  if (mode === 'siblings') {
    for (const h of held) if (supersedes(h, v)) return result(same, false, NONE, NONE);
    const next = held.filter((h) => !supersedes(v, h));
    next.push(v);
    return result(next, true, NONE, concurrent);
  }
  const cur = held[0]!;
  if (lwwNewer(v, cur)) return result([v], true, follows(v, cur) ? NONE : [cur], concurrent);
  return result(same, false, follows(cur, v) ? NONE : [v], concurrent);
}

/** Merges a set of versions (a read's answers, a repair) in order. */
export function mergeAll(
  held: readonly KeyVersion[],
  incoming: readonly KeyVersion[],
  mode: 'lww' | 'siblings',
): KeyVersion[] {
  let out = held as KeyVersion[];
  for (const v of incoming) out = mergeVersion(out, v, mode).versions;
  return out;
}

/** Whether two version sets are the same writes (order aside). */
export function sameVersions(a: readonly KeyVersion[], b: readonly KeyVersion[]): boolean {
  if (a.length !== b.length) return false;
  for (const x of a) if (!b.some((y) => y.op === x.op)) return false;
  return true;
}

/** Whether a replica holding `held` has no use for `v`: it holds it, or what replaces it. */
export function covers(
  held: readonly KeyVersion[],
  v: KeyVersion,
  mode: 'lww' | 'siblings',
): boolean {
  for (const h of held) {
    if (h.op === v.op) return true;
    if (mode === 'lww' ? lwwNewer(h, v) : supersedes(h, v)) return true;
  }
  return false;
}

/**
 * Whether a read that returned `result` reflects the write `v` (the checkers' view): it
 * returned it, or a version whose writer had seen it, or (LWW) one stamped later.
 */
export function reflects(
  result: readonly KeyVersion[],
  v: KeyVersion,
  mode: 'lww' | 'siblings',
  follow: (a: KeyVersion, b: KeyVersion) => boolean = follows,
  newer: (a: KeyVersion, b: KeyVersion) => boolean = lwwNewer,
): boolean {
  for (const h of result) {
    if (h.op === v.op || follow(h, v)) return true;
    if (mode === 'lww' && newer(h, v)) return true;
  }
  return false;
}
