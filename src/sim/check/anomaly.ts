import type { HistoryView, OpRecord, Value } from '../types.js';
import type { VersionView } from './version-view.js';

export const CHECKERS = [
  'stale-read',
  'read-your-writes',
  'monotonic-reads',
  'consistent-prefix',
  'lost-writes',
  'divergence',
  'split-brain',
  'reused-id',
  // Versioned stores only (leaderless, multi-leader): concurrent writes a replica met, and
  // reads that returned siblings.
  'conflicts',
  'siblings',
] as const;
export type CheckerName = (typeof CHECKERS)[number];

/** One violation, with the minimal facts that explain it. */
export interface Anomaly {
  checker: CheckerName;
  message: string;
  /** The operation that shows it (a read, or a lost write). */
  op?: number;
  /** Other operations involved (the write a read missed, the earlier read...). */
  related?: number[];
  node?: string;
  nodes?: string[];
  key?: string;
  lsns?: number[];
  /** Epochs involved (of the two leaders in a split brain, of a lost write). */
  epochs?: number[];
}

export interface NodeLogView {
  id: string;
  up: boolean;
  applied: number;
  /** The entry a node holds at an LSN, with the key and value as this node computed them. */
  entryAt(lsn: number): { epoch: number; op: number; key: string; value: Value } | undefined;
}

/** What the checkers read: the client history, and the logs as they are now. */
export interface CheckInput {
  ops: readonly OpRecord[];
  history: HistoryView;
  /** Whether a write's entry is in the current leader's log. */
  survives(op: OpRecord): boolean;
  nodes: readonly NodeLogView[];
  /** Leaderless and multi-leader runs: versions instead of logs (the checkers judge by these). */
  versions?: VersionView;
}

export function secs(ms: number): string {
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

export function show(v: Value | undefined): string {
  return v === null || v === undefined ? 'nothing' : JSON.stringify(v);
}

/** Acknowledged writes (ok) that survive, grouped by key, in acknowledgement order. */
export function survivingWritesByKey(input: CheckInput): Map<string, OpRecord[]> {
  const byKey = new Map<string, OpRecord[]>();
  for (const op of input.ops) {
    if (op.kind !== 'write' || op.outcome !== 'ok' || !input.survives(op)) continue;
    const list = byKey.get(op.key);
    if (list) list.push(op);
    else byKey.set(op.key, [op]);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.completeSeq! - b.completeSeq!);
  return byKey;
}

/**
 * Whether the version (epoch, lsn) is at least as new as (wEpoch, wLsn) in log order. Along
 * one history epochs and LSNs grow together; between a lost branch and the surviving one the
 * later epoch is newer whatever its LSN (an isolated old leader's LSN 7 is older than the new
 * leader's LSN 6), which is how Raft compares logs too.
 */
export function atLeast(epoch: number, lsn: number, wEpoch: number, wLsn: number): boolean {
  return epoch > wEpoch || (epoch === wEpoch && lsn >= wLsn);
}

/** Whether a read returned `w`'s write or something newer. */
export function readReflects(r: OpRecord, w: OpRecord): boolean {
  return atLeast(r.versionEpoch ?? 0, r.versionLsn ?? 0, w.epoch ?? 0, w.lsn ?? 0);
}

/** True when `a` completed before `b` was invoked. */
export function completedBefore(a: OpRecord, b: OpRecord): boolean {
  return a.completeSeq !== undefined && a.completeSeq < b.invokeSeq;
}

/** Newest (highest LSN) write in `writes` acknowledged before `op` was invoked. */
export function newestAckedBefore(
  writes: readonly OpRecord[] | undefined,
  op: OpRecord,
): OpRecord | undefined {
  if (!writes) return undefined;
  let best: OpRecord | undefined;
  for (const w of writes) {
    if (w.completeSeq! >= op.invokeSeq) break;
    if (!best || w.lsn! > best.lsn!) best = w;
  }
  return best;
}

export function okReads(input: CheckInput): OpRecord[] {
  return input.ops.filter((op) => op.kind === 'read' && op.outcome === 'ok');
}
