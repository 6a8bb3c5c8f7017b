// Labels for operations in the UI: what each read violated, and the writes a split brain, a
// reused id or a divergence concerns, by the checkers' judgement. The engine decides; views
// only print them.
import {
  type Anomaly,
  type CheckerName,
  checkInput,
  runChecker,
  type Simulation,
} from '../../sim/index.js';

const READ_CHECKERS: [CheckerName, string][] = [
  ['stale-read', 'stale'],
  ['read-your-writes', 'read-your-writes'],
  ['monotonic-reads', 'monotonic'],
  ['consistent-prefix', 'consistent-prefix'],
];

const cache = new WeakMap<Simulation, { seq: number; labels: Map<number, string[]> }>();

function add(labels: Map<number, string[]>, op: number, label: string): void {
  const list = labels.get(op) ?? [];
  if (!list.includes(label)) list.push(label);
  labels.set(op, list);
}

/**
 * The writes a split brain concerns: those the stale leader accepted after a newer epoch had
 * a leader, or every write of two nodes leading the same epoch.
 */
function splitBrainLabels(labels: Map<number, string[]>, a: Anomaly, sim: Simulation): void {
  const [oldNode, newLeader] = a.nodes ?? [];
  const [oldEpoch, newEpoch] = a.epochs ?? [];
  if (oldNode === undefined || newLeader === undefined || oldEpoch === undefined) return;
  if (oldEpoch === newEpoch) {
    const all = a.nodes ?? [];
    for (const id of a.related ?? []) {
      const op = sim.ops.at(id);
      if (!op) continue;
      const others = all.filter((n) => n !== op.node).join(', ');
      add(labels, id, `split brain: ${op.node} and ${others} both led epoch ${oldEpoch}`);
    }
    return;
  }
  const label = `split brain: accepted by ${oldNode} in epoch ${oldEpoch} after ${newLeader} led epoch ${newEpoch}`;
  for (const id of [a.op, ...(a.related ?? [])]) {
    if (id === undefined) continue;
    const op = sim.ops.at(id);
    if (op?.node === oldNode && op.epoch === oldEpoch) add(labels, id, label);
  }
}

/**
 * The write behind the first LSN at which two nodes hold different rows (a statement a
 * follower re-ran to another result): labelled with the nodes that disagree with the leader.
 */
function divergenceLabels(labels: Map<number, string[]>, found: Anomaly[], sim: Simulation): void {
  const byOp = new Map<number, string[]>();
  for (const a of found) {
    // The log that counts is the one of the shard the diverging nodes hold.
    const first = a.nodes?.[0] === undefined ? undefined : sim.byId.get(a.nodes[0]);
    const leader = sim.referenceLeader(first ? sim.groups[first.group] : undefined);
    const lsn = a.lsns?.[0];
    const op = lsn === undefined ? undefined : leader?.log[lsn - 1]?.op;
    if (op === undefined || op < 0) continue;
    const nodes = byOp.get(op) ?? [];
    for (const n of a.nodes ?? []) if (n !== leader?.id && !nodes.includes(n)) nodes.push(n);
    byOp.set(op, nodes);
  }
  for (const [op, nodes] of byOp) {
    if (nodes.length > 0) add(labels, op, `diverged on ${nodes.join(', ')}`);
  }
}

/** op id → labels such as ['stale', 'read-your-writes'], recomputed only when ops change. */
export function readLabels(sim: Simulation): Map<number, string[]> {
  const hit = cache.get(sim);
  if (hit && hit.seq === sim.opSeq) return hit.labels;
  const input = checkInput(sim);
  const labels = new Map<number, string[]>();
  for (const [name, label] of READ_CHECKERS) {
    for (const a of runChecker(name, input)) {
      if (a.op !== undefined) add(labels, a.op, label);
    }
  }
  for (const a of runChecker('split-brain', input)) splitBrainLabels(labels, a, sim);
  // Every write that got the id, the first holder included: both rows now claim it.
  for (const a of runChecker('reused-id', input)) {
    for (const id of a.related ?? []) add(labels, id, `reused id ${a.key}`);
  }
  divergenceLabels(labels, runChecker('divergence', input), sim);
  cache.set(sim, { seq: sim.opSeq, labels });
  return labels;
}
