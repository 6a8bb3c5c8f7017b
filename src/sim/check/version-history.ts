// What the version-based checkers need of a run whose writes make versions with a causal past
// (leaderless now; multi-leader can give the same view): each write's version, what each read
// returned, and causality. Nothing here reads replicas, hints or quorum state.
import { type LlVersion, lwwNewer, reflects } from '../leaderless/versions.js';

export interface VersionHistory {
  mode: 'lww' | 'siblings';
  versionOf(op: number): LlVersion | undefined;
  readResult(op: number): readonly LlVersion[] | undefined;
  /** Whether `a` causally follows `b`: a's writer had written or read b (or what followed it). */
  follows(a: LlVersion, b: LlVersion): boolean;
}

/** Whether a read that returned `result` reflects `v`: it, a version following it, or (LWW) a later stamp. */
export function readSaw(view: VersionHistory, result: readonly LlVersion[], v: LlVersion): boolean {
  return reflects(result, v, view.mode, view.follows);
}

/**
 * Adds `x` to a frontier of versions that must be reflected (a list where none reflects
 * another): unchanged when something in it already reflects `x`, else `x` replaces what it
 * reflects.
 */
export function frontierAdd<T extends { v: LlVersion }>(
  view: VersionHistory,
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
    (e) => !(view.follows(x.v, e.v) || (view.mode === 'lww' && lwwNewer(x.v, e.v))),
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
  view: VersionHistory,
  b: readonly LlVersion[],
  a: readonly LlVersion[],
): boolean {
  return b.every((y) => readSaw(view, a, y)) && a.some((x) => !readSaw(view, b, x));
}

export function showVersions(vs: readonly LlVersion[] | undefined): string {
  if (!vs || vs.length === 0) return 'nothing';
  return vs.map((v) => `${JSON.stringify(v.value)} (write #${v.op})`).join(' and ');
}
