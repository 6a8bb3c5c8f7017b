// Reused ids (the GitHub 2012 case): a promoted follower whose auto-increment counter was
// behind hands out ids that the old leader had already given to other rows.

import type { OpRecord } from '../types.js';
import { type Anomaly, type CheckInput, show } from './anomaly.js';

export function checkReusedIds(input: CheckInput): Anomaly[] {
  const byId = new Map<string, OpRecord[]>();
  for (const op of input.ops) {
    if (op.kind !== 'write' || op.outcome !== 'ok' || op.autoId === undefined) continue;
    const list = byId.get(op.key) ?? [];
    list.push(op);
    byId.set(op.key, list);
  }
  const out: Anomaly[] = [];
  for (const [key, ops] of byId) {
    if (ops.length < 2) continue;
    const [a, b] = ops as [OpRecord, OpRecord];
    out.push({
      checker: 'reused-id',
      op: b.id,
      related: ops.map((o) => o.id),
      key,
      nodes: [...new Set(ops.map((o) => o.node))],
      message: `id "${key}" was handed out twice: ${show(a.value)} by ${a.node} (epoch ${a.epoch}) and ${show(b.value)} by ${b.node} (epoch ${b.epoch})`,
    });
  }
  return out;
}
