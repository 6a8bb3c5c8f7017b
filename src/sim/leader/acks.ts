// Acknowledgement modes. async: acknowledged once the leader applied. sync: once every
// member of the sync set acknowledged. semi-sync: once `minAcks` of them did. A member that
// is down or cut off blocks writes; after `ackTimeout` a write is indeterminate, or with
// `onTimeout: degrade` the leader acknowledges and carries on asynchronously (as MySQL does).
import { respond } from '../clients.js';
import { CLS_TIMER, EV, type Ev } from '../events.js';
import { writeAcked, writeUnknown } from '../response.js';
import type { Simulation } from '../simulation.js';
import type { SimNode } from '../state.js';

/**
 * Whether `n` could be in `leader`'s sync set: a follower (a crashed or fenced old leader is
 * not one) that is not still being copied (a new standby joins once it streams).
 */
function candidate(leader: SimNode, n: SimNode): boolean {
  return n !== leader && n.role === 'follower' && n.busy !== 'copying';
}

/** True when some follower is marked `sync`: then only marked followers are members. */
function anyMarked(sim: Simulation, leader: SimNode): boolean {
  for (const n of sim.nodes) if (candidate(leader, n) && n.cfg.sync === true) return true;
  return false;
}

function isMember(leader: SimNode, n: SimNode, marked: boolean): boolean {
  return candidate(leader, n) && (!marked || n.cfg.sync === true);
}

/** Members of the sync set for a leader: followers marked `sync`, or every follower. */
export function syncSet(sim: Simulation, leader: SimNode): SimNode[] {
  const marked = anyMarked(sim, leader);
  return sim.nodes.filter((n) => isMember(leader, n, marked));
}

function memberCount(sim: Simulation, leader: SimNode, marked: boolean): number {
  let count = 0;
  for (const n of sim.nodes) if (isMember(leader, n, marked)) count++;
  return count;
}

/** Acknowledgements a write needs with `members` in the sync set (mode permitting). */
function needed(sim: Simulation, members: number): number {
  if (sim.cfg.mode === 'sync') return members;
  return Math.min(Math.max(1, sim.cfg.minAcks), members);
}

/** How many acknowledgements a write on this leader needs right now. */
export function requiredAcks(sim: Simulation, leader: SimNode): number {
  if (sim.cfg.mode === 'async' || leader.degraded) return 0;
  return needed(sim, memberCount(sim, leader, anyMarked(sim, leader)));
}

/** Registers a freshly appended write: acknowledged now, or when enough followers ack. */
export function awaitAcks(sim: Simulation, leader: SimNode, op: number, lsn: number): void {
  if (requiredAcks(sim, leader) === 0) {
    respond(sim, op, leader, writeAcked(lsn, leader.epoch));
    return;
  }
  sim.pending.push({ op, lsn, leader, done: false });
  if (sim.cfg.ackTimeout !== undefined) {
    sim.schedule(
      sim.now + sim.cfg.ackTimeout,
      CLS_TIMER,
      EV.ACK_TIMEOUT,
      leader.idx,
      -1,
      lsn,
      leader.inc,
      undefined,
      op,
    );
  }
}

export function onAck(sim: Simulation, ev: Ev): void {
  const leader = sim.nodes[ev.n]!;
  const from = sim.nodes[ev.m]!;
  if (!leader.up || leader.inc !== ev.g || !sim.reachable(leader, from)) return;
  if (sim.isPaused(leader)) {
    sim.defer(ev, leader.pausedUntil);
    return;
  }
  sim.recordMessage('deliver', from.idx, leader.idx, 'ack', ev.x);
  const prev = leader.ackedBy[from.idx];
  if (prev === undefined || ev.x > prev) leader.ackedBy[from.idx] = ev.x;
  if (leader.role === 'leader') releaseAcknowledged(sim, leader);
}

/** Members of the sync set that acknowledged the leader's own entry at `lsn`. */
function acksFor(sim: Simulation, leader: SimNode, lsn: number, marked: boolean): number {
  const entry = leader.log[lsn - 1];
  let acks = 0;
  const nodes = sim.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const m = nodes[i]!;
    if (!isMember(leader, m, marked)) continue;
    // The identity check guards against an acknowledgement of another leader's entry.
    if ((leader.ackedBy[i] ?? 0) >= lsn && m.log[lsn - 1] === entry) acks++;
  }
  return acks;
}

/** Acknowledges every pending write of `leader` that now has enough acks, in LSN order. */
export function releaseAcknowledged(sim: Simulation, leader: SimNode): void {
  if (sim.pending.length === 0 && !leader.degraded) return;
  const marked = anyMarked(sim, leader);
  const members = memberCount(sim, leader, marked);
  const need = sim.cfg.mode === 'async' || leader.degraded ? 0 : needed(sim, members);
  let removed = 0;
  for (const p of sim.pending) {
    if (p.done || p.leader !== leader) continue;
    if (need > 0 && acksFor(sim, leader, p.lsn, marked) < need) break;
    p.done = true;
    removed++;
    respond(sim, p.op, leader, writeAcked(p.lsn, sim.ops.epoch(p.op) ?? leader.epoch));
  }
  if (removed > 0) compactPending(sim);
  if (leader.degraded) {
    // Back to semi-sync once enough of the sync set has caught up again.
    let caught = 0;
    for (const m of sim.nodes) {
      if (isMember(leader, m, marked) && (leader.ackedBy[m.idx] ?? 0) >= leader.log.length)
        caught++;
    }
    if (caught >= needed(sim, members) && sim.cfg.mode !== 'async') {
      leader.degraded = false;
      sim.record({
        t: sim.now,
        type: 'note',
        text: `${leader.id}: sync set caught up, ${sim.cfg.mode} again`,
      });
    }
  }
}

function compactPending(sim: Simulation): void {
  let w = 0;
  for (const p of sim.pending) if (!p.done) sim.pending[w++] = p;
  sim.pending.length = w;
}

export function ackTimedOut(sim: Simulation, ev: Ev): void {
  const op = ev.op;
  const p = sim.pending.find((x) => x.op === op && !x.done);
  if (!p) return;
  const leader = p.leader;
  if (!leader.up || leader.inc !== ev.g) return;
  if (sim.isPaused(leader)) {
    sim.defer(ev, leader.pausedUntil);
    return;
  }
  if (sim.cfg.onTimeout === 'degrade') {
    leader.degraded = true;
    sim.record({
      t: sim.now,
      type: 'note',
      text: `${leader.id}: no acknowledgement within ${sim.cfg.ackTimeout} ms, degrading to async`,
    });
    for (const q of sim.pending) {
      if (q.done || q.leader !== leader) continue;
      q.done = true;
      respond(sim, q.op, leader, writeAcked(q.lsn, sim.ops.epoch(q.op) ?? leader.epoch));
    }
  } else {
    p.done = true;
    // The entry stays in the leader's log and may still replicate: the outcome is unknown.
    respond(sim, op, leader, writeUnknown(p.lsn, sim.ops.epoch(op) ?? leader.epoch));
  }
  compactPending(sim);
}

/** Drops the waits of a leader that crashed or stepped down: its clients will time out. */
export function abandonPending(sim: Simulation, leader: SimNode): void {
  if (sim.pending.length === 0) return;
  for (const p of sim.pending) if (p.leader === leader) p.done = true;
  compactPending(sim);
}
