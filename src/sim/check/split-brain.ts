// Split brain: two nodes accepting writes at overlapping times. A node that accepts (and
// acknowledges) a write in its epoch after a leader of a newer epoch was elected is a second
// leader; so are two nodes accepting writes in the same epoch. Comparing leadership, not the
// spans between the first and last write of each, also catches a single stale write.
import type { OpRecord } from '../types.js';
import { type Anomaly, type CheckInput, secs } from './anomaly.js';

interface Election {
  t: number;
  epoch: number;
  leader: string;
}

interface Pair {
  old: { node: string; epoch: number; ops: OpRecord[] };
  newer: Election;
}

/**
 * The first election of an epoch above `epoch` held before `t`. Within one millisecond
 * messages (a client's request) run before timers (an election's promotion), so a write
 * accepted in the same millisecond as an election counts as accepted before it.
 */
function newerLeader(
  elections: readonly Election[],
  epoch: number,
  t: number,
): Election | undefined {
  let best: Election | undefined;
  for (const e of elections) {
    if (e.epoch > epoch && e.t < t && (!best || e.epoch < best.epoch)) best = e;
  }
  return best;
}

export function checkSplitBrain(input: CheckInput): Anomaly[] {
  const elections: Election[] = [];
  // Elections are among the "other" events; a compact history lists those without the rest.
  for (const e of input.history.others?.() ?? input.history) {
    if (e.type === 'election') elections.push({ t: e.t, epoch: e.epoch, leader: e.leader });
  }
  const shardOf = input.shardOfNode;
  if (!shardOf) return splitBrainIn(elections, input.ops);
  // Sharded: each shard has its own epochs and elections; judge each apart.
  const out: Anomaly[] = [];
  for (const shard of new Set(input.ops.map((op) => op.shard))) {
    out.push(
      ...splitBrainIn(
        elections.filter((e) => shardOf(e.leader) === shard),
        input.ops.filter((op) => op.shard === shard),
      ),
    );
  }
  return out;
}

function splitBrainIn(elections: readonly Election[], ops: readonly OpRecord[]): Anomaly[] {
  const acceptedBy = new Map<number, Map<string, OpRecord[]>>();
  const pairs = new Map<string, Pair>();
  for (const op of ops) {
    if (op.kind !== 'write' || op.outcome !== 'ok' || op.acceptedAt === undefined) continue;
    const epoch = op.epoch ?? 0;
    const byNode = acceptedBy.get(epoch) ?? new Map<string, OpRecord[]>();
    acceptedBy.set(epoch, byNode);
    const mine = byNode.get(op.node);
    if (mine) mine.push(op);
    else byNode.set(op.node, [op]);
    const newer = newerLeader(elections, epoch, op.acceptedAt);
    if (!newer || newer.leader === op.node) continue;
    const key = `${op.node}\u0000${epoch}\u0000${newer.epoch}`;
    const pair = pairs.get(key) ?? { old: { node: op.node, epoch, ops: [] }, newer };
    pair.old.ops.push(op);
    pairs.set(key, pair);
  }
  const out: Anomaly[] = [];
  for (const [epoch, byNode] of acceptedBy) {
    const nodes = [...byNode.keys()];
    if (nodes.length < 2) continue;
    out.push({
      checker: 'split-brain',
      nodes,
      epochs: [epoch, epoch],
      related: nodes.flatMap((n) =>
        byNode
          .get(n)!
          .slice(0, 3)
          .map((o) => o.id),
      ),
      message: `two leaders: ${nodes.join(' and ')} both accepted writes in epoch ${epoch}`,
    });
  }
  for (const { old, newer } of pairs.values()) {
    const theirs = acceptedBy.get(newer.epoch)?.get(newer.leader) ?? [];
    const first = old.ops[0]!;
    const last = old.ops[old.ops.length - 1]!;
    const when =
      first === last
        ? `at ${secs(first.acceptedAt!)}`
        : `from ${secs(first.acceptedAt!)} to ${secs(last.acceptedAt!)}`;
    out.push({
      checker: 'split-brain',
      op: first.id,
      nodes: [old.node, newer.leader],
      epochs: [old.epoch, newer.epoch],
      related: [...old.ops.slice(0, 3), ...theirs.slice(0, 3)].map((o) => o.id),
      message: `two leaders: ${old.node} (epoch ${old.epoch}) accepted writes ${when}, after ${newer.leader} became leader of epoch ${newer.epoch} at ${secs(newer.t)}`,
    });
  }
  return out;
}
