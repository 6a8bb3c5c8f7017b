// What the checkers see of a run that keeps versions instead of a log (leaderless and
// multi-leader): each write's version, what each read returned, the replicas as they will be
// once every queue has drained, the conflicts replicas met, and the two orders the judgement
// needs (causality, and last write wins).
import type { ConflictRecord, KeyVersion, Store } from '../versioning/versions.js';

export interface VersionView {
  topology: 'leaderless' | 'multi-leader';
  /** The cluster's conflict policy (names how a conflict was resolved). */
  conflict: 'lww' | 'siblings' | 'replica-id' | 'none';
  /** How reads reflect writes: `lww` lets a newer stamp stand for an older write. */
  mode: 'lww' | 'siblings';
  nodeIds: readonly string[];
  /** Node indices whose drained copies must agree (leaderless: the home replicas). */
  members: readonly number[];
  up: readonly boolean[];
  versionOf(op: number): KeyVersion | undefined;
  readResult(op: number): readonly KeyVersion[] | undefined;
  /** Replicas (by node index) as they will be once every queue has drained. */
  drained(): readonly Store[];
  conflicts: readonly ConflictRecord[];
  /** Whether `a` causally follows `b` (its writer had seen b, or what followed it). */
  follows(a: KeyVersion, b: KeyVersion): boolean;
  /** Last write wins: whether `a` beats `b`. */
  newer(a: KeyVersion, b: KeyVersion): boolean;
}
