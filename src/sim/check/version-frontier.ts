// Frontiers of versions a read must reflect, and "strictly older" between two reads' results:
// what the version-based session checkers compare (causality, and LWW stamps).
import { type KeyVersion, reflects } from '../versioning/versions.js';
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
