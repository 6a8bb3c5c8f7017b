// Truncation: a node drops the part of its log that the leader it now follows never had (as
// pg_rewind or Raft do), and rebuilds its data from what is left. Acknowledged writes that
// existed only in the dropped part are lost; the history records them.
import { clearData, rememberApplied } from '../node-data.js';
import { OK, PENDING } from '../op-table.js';
import { leaderKey, NO_ROW } from '../row-scan.js';
import type { Simulation } from '../simulation.js';
import type { SimNode } from '../state.js';
import { chainLeader } from './queries.js';
import { catchUp } from './replication.js';

/**
 * Truncates `n`'s log where it diverges from `ref`'s (as pg_rewind or Raft do). Writes that
 * were acknowledged but exist only in the truncated part are lost.
 */
export function truncateDivergent(sim: Simulation, n: SimNode, ref: SimNode): void {
  if (n === ref) return;
  const a = n.log;
  const b = ref.log;
  let i = 0;
  const max = Math.min(a.length, b.length);
  while (i < max && a[i] === b[i]) i++;
  if (i < a.length) truncateFrom(sim, n, i + 1, `diverged from ${ref.id}`);
}

/** Removes entries from `lsn` on, rebuilding the node's data if they had been applied. */
export function truncateFrom(sim: Simulation, n: SimNode, lsn: number, _why: string): void {
  const removed = n.log.slice(lsn - 1);
  if (removed.length === 0) return;
  n.log.length = lsn - 1;
  const lostOps: number[] = [];
  for (const e of removed) {
    // Acknowledged: the client heard ok, or the acknowledgement is on its way to it.
    if (e.op < 0) continue;
    const outcome = sim.ops.outcome(e.op);
    if (outcome === OK || (outcome === PENDING && sim.ops.wasAcked(e.op))) lostOps.push(e.op);
  }
  sim.record({
    t: sim.now,
    type: 'truncate',
    node: n.id,
    fromLsn: lsn,
    toLsn: lsn + removed.length - 1,
    lostOps,
  });
  if (n.applied >= lsn) rebuildData(n, lsn - 1);
  // Whoever streams from `n` received entries `n` no longer has: reconcile them too, against
  // the leader of their chain (they may hold its entries already), and restart their streams.
  for (const f of sim.nodes) {
    if (f.source !== n || f === n) continue;
    truncateDivergent(sim, f, chainLeader(sim, f) ?? n);
    catchUp(sim, f);
  }
}

/** Rebuilds a node's data from the first `upTo` entries of its log. */
function rebuildData(n: SimNode, upTo: number): void {
  const evaluated = n.evaluated;
  clearData(n);
  n.evaluated = evaluated;
  for (let i = 0; i < upTo; i++) {
    const e = n.log[i]!;
    const ev = e.stmt !== undefined ? evaluated[i] : undefined;
    const key = ev?.key ?? leaderKey(e);
    const value = ev ? ev.value : e.value;
    if (key !== NO_ROW) {
      n.data.set(key, value === e.value ? e : { value, lsn: e.lsn, epoch: e.epoch });
      rememberApplied(n, key, value, e.lsn);
    }
    if (e.autoId && e.id !== undefined) {
      n.autoInc.set(e.key, Math.max(n.autoInc.get(e.key) ?? 0, e.id));
    }
  }
  if (evaluated.length > upTo) evaluated.length = upTo;
  n.applied = upTo;
}
