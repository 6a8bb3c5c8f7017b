// Consistent prefix: a client that has seen a write must not afterwards miss a write it
// depended on (the answer seen, then the question missing). Each write carries the
// versions its writer had seen (its causal dependencies).

import type { OpRecord } from '../types.js';
import { type Anomaly, type CheckInput, okReads, secs, show } from './anomaly.js';

export function checkConsistentPrefix(input: CheckInput): Anomaly[] {
  const producer = new Map<string, OpRecord>();
  for (const op of input.ops) {
    if (op.kind === 'write' && op.lsn !== undefined && op.outcome !== 'fail')
      producer.set(`${op.key}@${op.lsn}`, op);
  }
  const out: Anomaly[] = [];
  const required = new Map<string, Map<string, { lsn: number; because: OpRecord }>>();
  const reads = okReads(input).sort((a, b) => a.invokeSeq - b.invokeSeq);
  for (const r of reads) {
    const req = required.get(r.client) ?? new Map<string, { lsn: number; because: OpRecord }>();
    required.set(r.client, req);
    const need = req.get(r.key);
    const v = r.versionLsn ?? 0;
    if (need && v < need.lsn) {
      out.push({
        checker: 'consistent-prefix',
        op: r.id,
        related: [need.because.id],
        node: r.node,
        key: r.key,
        lsns: [v, need.lsn],
        message: `${r.client} saw ${show(need.because.value)} ("${need.because.key}"), which was written after "${r.key}" LSN ${need.lsn}, but then read ${show(r.value)} for "${r.key}" from ${r.node} at ${secs(r.invokedAt)}`,
      });
    }
    const w = v > 0 ? producer.get(`${r.key}@${v}`) : undefined;
    if (!w?.deps) continue;
    for (const [k, lsn] of Object.entries(w.deps)) {
      if (k === r.key) continue;
      const cur = req.get(k);
      if (!cur || lsn > cur.lsn) req.set(k, { lsn, because: w });
    }
  }
  return out;
}
