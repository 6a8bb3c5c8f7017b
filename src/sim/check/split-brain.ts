// Split brain: two nodes acknowledging writes at overlapping times, or in the same epoch.
import { type Anomaly, type CheckInput, secs } from './anomaly.js';

interface Span {
  node: string;
  epoch: number;
  from: number;
  to: number;
  ops: number[];
}

export function checkSplitBrain(input: CheckInput): Anomaly[] {
  const spans = new Map<string, Span>();
  for (const op of input.ops) {
    if (op.kind !== 'write' || op.outcome !== 'ok' || op.acceptedAt === undefined) continue;
    const k = `${op.node}\u0000${op.epoch}`;
    const s = spans.get(k);
    if (!s)
      spans.set(k, {
        node: op.node,
        epoch: op.epoch ?? 0,
        from: op.acceptedAt,
        to: op.acceptedAt,
        ops: [op.id],
      });
    else {
      s.from = Math.min(s.from, op.acceptedAt);
      s.to = Math.max(s.to, op.acceptedAt);
      s.ops.push(op.id);
    }
  }
  const list = [...spans.values()];
  const out: Anomaly[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      if (a.node === b.node) continue;
      const sameEpoch = a.epoch === b.epoch;
      const overlap = a.from <= b.to && b.from <= a.to;
      if (!sameEpoch && !overlap) continue;
      const why = sameEpoch
        ? `both accepted writes in epoch ${a.epoch}`
        : `${a.node} (epoch ${a.epoch}) accepted writes from ${secs(a.from)} to ${secs(a.to)} while ${b.node} (epoch ${b.epoch}) did from ${secs(b.from)} to ${secs(b.to)}`;
      out.push({
        checker: 'split-brain',
        nodes: [a.node, b.node],
        epochs: [a.epoch, b.epoch],
        related: [...a.ops.slice(0, 3), ...b.ops.slice(0, 3)],
        message: `two leaders: ${why}`,
      });
    }
  }
  return out;
}
