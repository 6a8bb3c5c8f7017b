// An acknowledged write is lost when its entry is not in the current leader's log; a later
// write to the same key does not hide it.
import { type Anomaly, type CheckInput, secs, show } from './anomaly.js';

export function checkLostWrites(input: CheckInput): Anomaly[] {
  const out: Anomaly[] = [];
  for (const op of input.ops) {
    if (op.kind !== 'write' || op.outcome !== 'ok' || input.survives(op)) continue;
    out.push({
      checker: 'lost-writes',
      op: op.id,
      node: op.node,
      key: op.key,
      lsns: [op.lsn ?? 0],
      epochs: [op.epoch ?? 0],
      message: `${show(op.value)} to "${op.key}" was acknowledged by ${op.node} at ${secs(op.completedAt!)} (epoch ${op.epoch}, LSN ${op.lsn}) but is not in the current leader's log`,
    });
  }
  return out;
}
