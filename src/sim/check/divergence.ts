// Replica divergence: two live nodes hold different entries (or, with statement-based
// replication, computed different rows) at the same LSN.
import { type Anomaly, type CheckInput, show } from './anomaly.js';

export function checkDivergence(input: CheckInput): Anomaly[] {
  const out: Anomaly[] = [];
  const live = input.nodes.filter((n) => n.up);
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const a = live[i]!;
      const b = live[j]!;
      if (a.shard !== b.shard) continue;
      const upTo = Math.min(a.applied, b.applied);
      for (let lsn = 1; lsn <= upTo; lsn++) {
        const x = a.entryAt(lsn);
        const y = b.entryAt(lsn);
        if (!x || !y) break;
        const same = x.epoch === y.epoch && x.op === y.op && x.key === y.key && x.value === y.value;
        if (same) continue;
        out.push({
          checker: 'divergence',
          nodes: [a.id, b.id],
          key: x.key,
          lsns: [lsn],
          message: `at LSN ${lsn} ${a.id} has "${x.key}" = ${show(x.value)} (epoch ${x.epoch}) but ${b.id} has "${y.key}" = ${show(y.value)} (epoch ${y.epoch})`,
        });
        break;
      }
    }
  }
  return out;
}
