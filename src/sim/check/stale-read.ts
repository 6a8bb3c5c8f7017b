// A read is stale when it returns something older than the newest surviving write to that
// key that was acknowledged before the read began, whoever wrote it.
import {
  type Anomaly,
  type CheckInput,
  newestAckedBefore,
  okReads,
  readReflects,
  secs,
  show,
  survivingWritesByKey,
} from './anomaly.js';

export function checkStaleReads(input: CheckInput): Anomaly[] {
  const writes = survivingWritesByKey(input);
  const out: Anomaly[] = [];
  for (const r of okReads(input)) {
    const w = newestAckedBefore(writes.get(r.key), r);
    if (!w || readReflects(r, w)) continue;
    out.push({
      checker: 'stale-read',
      op: r.id,
      related: [w.id],
      node: r.node,
      key: r.key,
      lsns: [r.versionLsn ?? 0, w.lsn!],
      message: `read of "${r.key}" on ${r.node} at ${secs(r.invokedAt)} returned ${show(r.value)} (LSN ${r.versionLsn ?? 0}), but ${show(w.value)} (LSN ${w.lsn}) was acknowledged at ${secs(w.completedAt!)}`,
    });
  }
  return out;
}
