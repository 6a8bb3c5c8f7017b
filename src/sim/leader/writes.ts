// A write arriving at a node of a leader-based cluster: refused unless the node leads (with
// a lease, under quorum), else given its auto-increment id, held for its transaction time,
// appended to the leader's log, applied, shipped, and left waiting for acknowledgements.
import { fail, type WritePayload } from '../clients.js';
import { CLS_TIMER, EV, type Ev } from '../events.js';
import { pickRow } from '../row-scan.js';
import type { Simulation } from '../simulation.js';
import type { Entry, SimNode } from '../state.js';
import { leaderStatement, statementKind } from '../statement-pinned.js';
import type { OpError } from '../types.js';
import { awaitAcks } from './acks.js';
import { diskFull } from './disk.js';
import { hasLease, stepDownForLease } from './lease.js';
import { applyEntry, nextAutoId, shipDownstream } from './replication.js';
import { noteRecycled } from './slots.js';

/** Why a node refuses a write right now, if it does. */
function writeRefusal(sim: Simulation, n: SimNode): OpError | undefined {
  if (n.busy === 'restoring' || n.busy === 'copying') return 'restoring';
  if (n.fenced) return 'fenced';
  if (n.role !== 'leader') return n.lostLease ? 'no-quorum' : 'not-leader';
  const fo = sim.cfg.failover;
  if (fo?.quorum && !hasLease(sim, n)) return 'no-quorum';
  return undefined;
}

/** A write request reached `n` (up, not paused): refuse it, or start committing it. */
export function acceptWrite(sim: Simulation, n: SimNode, op: number, p: WritePayload): void {
  const refusal = writeRefusal(sim, n) ?? (diskFull(sim, n, p.size) ? 'disk-full' : undefined);
  if (refusal) {
    if (refusal === 'no-quorum') stepDownForLease(sim, n);
    fail(sim, op, n, refusal);
    return;
  }
  if (p.autoId) p.id = nextAutoId(n, sim.ops.key(op));
  if (p.txnTime > 0) {
    const at = sim.now + p.txnTime;
    sim.schedule(at, CLS_TIMER, EV.COMMIT, n.idx, -1, 0, n.inc, undefined, op, undefined, 0, p);
    return;
  }
  commit(sim, n, op, p);
}

export function onCommit(sim: Simulation, ev: Ev): void {
  const n = sim.nodes[ev.n]!;
  const op = ev.op;
  if (!n.up || n.inc !== ev.g) return; // crashed mid-transaction: the client times out
  if (sim.isPaused(n)) {
    sim.defer(ev, n.pausedUntil);
    return;
  }
  const refusal = writeRefusal(sim, n) ?? (diskFull(sim, n, ev.p!.size) ? 'disk-full' : undefined);
  if (refusal) {
    fail(sim, op, n, refusal);
    return;
  }
  commit(sim, n, op, ev.p!);
}

/** Appends the write to the leader's log, applies it, ships it, and waits for acks. */
function commit(sim: Simulation, leader: SimNode, op: number, p: WritePayload): void {
  const ops = sim.ops;
  const key = ops.key(op);
  const log = leader.log;
  const prev = log[log.length - 1];
  // The leader evaluates NOW()/RAND()/UUID()/SYSDATE() itself; statement logs also keep the
  // text, which followers re-run (with the pinned values under statement-pinned).
  const stmt = statementKind(sim.cfg.log);
  const st = leaderStatement(stmt, p.value, sim.now + (leader.cfg.clockSkew ?? 0), leader.rng);
  const value = st.value;
  // UPDATE/DELETE … LIMIT 1: the leader changes the first matching row in its own row order.
  const scan = p.limit ? { where: p.where } : undefined;
  const row = scan ? pickRow(leader, key, scan.where) : undefined;
  const e: Entry = {
    epoch: leader.epoch,
    lsn: log.length + 1,
    key,
    value,
    expr: st.expr,
    stmt,
    clock: st.clock,
    seed: st.seed,
    scan,
    row,
    autoId: p.autoId,
    id: p.id,
    size: p.size,
    op,
    at: sim.now,
    bytesBefore: prev ? prev.bytesBefore + prev.size : 0,
  };
  log.push(e);
  if (sim.cfg.slots) noteRecycled(sim, leader);
  applyEntry(sim, leader, e, true);
  const rowKey = scan ? (row ?? key) : p.autoId ? `${key}/${p.id}` : key;
  ops.accept(op, rowKey, value, e.lsn, e.epoch, sim.now, p.id);
  shipDownstream(sim, leader, e);
  awaitAcks(sim, leader, op, e.lsn);
}
