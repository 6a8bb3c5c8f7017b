// Monotonic reads, per client and key: once a client has seen a version, a later read must
// not return an older one ("time going backwards").

import type { OpRecord } from '../types.js';
import {
  type Anomaly,
  atLeast,
  type CheckInput,
  completedBefore,
  okReads,
  secs,
  show,
} from './anomaly.js';

/** Whether read `a` returned an older version than read `b` did. */
function older(a: OpRecord, b: OpRecord): boolean {
  return !atLeast(a.versionEpoch ?? 0, a.versionLsn ?? 0, b.versionEpoch ?? 0, b.versionLsn ?? 0);
}

export function checkMonotonicReads(input: CheckInput): Anomaly[] {
  const out: Anomaly[] = [];
  const newest = new Map<string, OpRecord>();
  const reads = okReads(input).sort((a, b) => a.invokeSeq - b.invokeSeq);
  for (const r of reads) {
    const k = `${r.client}\u0000${r.key}`;
    const prev = newest.get(k);
    const v = r.versionLsn ?? 0;
    if (prev && completedBefore(prev, r) && older(r, prev)) {
      out.push({
        checker: 'monotonic-reads',
        op: r.id,
        related: [prev.id],
        node: r.node,
        nodes: [prev.node, r.node],
        key: r.key,
        lsns: [prev.versionLsn ?? 0, v],
        message: `${r.client} read ${show(prev.value)} (LSN ${prev.versionLsn}) from ${prev.node} at ${secs(prev.invokedAt)}, then the older ${show(r.value)} (LSN ${v}) from ${r.node} at ${secs(r.invokedAt)}`,
      });
      continue;
    }
    if (!prev || older(prev, r)) newest.set(k, r);
  }
  return out;
}
