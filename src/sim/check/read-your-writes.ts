// Read-your-writes, judged per user (clients of one user are that user's devices): a read
// must reflect every write the same user had acknowledged before the read began.
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

export function checkReadYourWrites(input: CheckInput): Anomaly[] {
  const byKey = survivingWritesByKey(input);
  const out: Anomaly[] = [];
  for (const r of okReads(input)) {
    const own = byKey.get(r.key)?.filter((w) => w.user === r.user);
    const w = newestAckedBefore(own, r);
    if (!w || readReflects(r, w)) continue;
    const device =
      w.client === r.client ? '' : ` (written from ${w.client}, read from ${r.client})`;
    out.push({
      checker: 'read-your-writes',
      op: r.id,
      related: [w.id],
      node: r.node,
      key: r.key,
      lsns: [r.versionLsn ?? 0, w.lsn!],
      message: `${r.user} wrote ${show(w.value)} to "${r.key}" (LSN ${w.lsn}, acknowledged at ${secs(w.completedAt!)}) but then read ${show(r.value)} from ${r.node}, which had applied only LSN ${r.lsn}${device}`,
    });
  }
  return out;
}
