// Acknowledgement modes. async: acknowledged once the leader applied. sync: once every
// member of the sync set acknowledged. semi-sync: once `minAcks` of them did. A member that
// is down or cut off blocks writes; after `ackTimeout` a write is indeterminate, or with
// `onTimeout: degrade` the leader acknowledges and carries on asynchronously (as MySQL does).
import { respond } from './clients.js';
import { CLS_TIMER, EV, type Ev, type Simulation } from './simulation.js';
import type { SimNode } from './state.js';
import type { OpRecord } from './types.js';

/** Members of the sync set for a leader: followers marked `sync`, or every follower. */
export function syncSet(sim: Simulation, leader: SimNode): SimNode[] {
  const followers = sim.nodes.filter((n) => n !== leader);
  const marked = followers.filter((n) => n.cfg.sync === true);
  return marked.length > 0 ? marked : followers;
}

/** How many acknowledgements a write on this leader needs right now. */
export function requiredAcks(sim: Simulation, leader: SimNode): number {
  if (sim.cfg.mode === 'async' || leader.degraded) return 0;
  const members = syncSet(sim, leader).length;
  if (sim.cfg.mode === 'sync') return members;
  return Math.min(Math.max(1, sim.cfg.minAcks), members);
}

/** Registers a freshly appended write: acknowledged now, or when enough followers ack. */
export function awaitAcks(sim: Simulation, leader: SimNode, op: OpRecord, lsn: number): void {
  const need = requiredAcks(sim, leader);
  if (need === 0) {
    respond(sim, op, leader, { outcome: 'ok', lsn, epoch: leader.epoch });
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
  if (sim.recordMessages) {
    sim.record({
      t: sim.now,
      type: 'deliver',
      from: from.id,
      to: leader.id,
      msg: 'ack',
      lsn: ev.x,
    });
  }
  if (ev.x > from.ackedLsn) from.ackedLsn = ev.x;
  from.lastContact = sim.now;
  releaseAcknowledged(sim, leader);
}

/** Acknowledges every pending write of `leader` that now has enough acks, in LSN order. */
export function releaseAcknowledged(sim: Simulation, leader: SimNode): void {
  if (sim.pending.length === 0) return;
  const members = syncSet(sim, leader);
  const need = requiredAcks(sim, leader);
  let removed = 0;
  for (const p of sim.pending) {
    if (p.done || p.leader !== leader) continue;
    let acks = 0;
    for (const m of members)
      if (m.ackedLsn >= p.lsn && m.log[p.lsn - 1] === leader.log[p.lsn - 1]) acks++;
    if (acks < need) break;
    p.done = true;
    removed++;
    respond(sim, p.op, leader, { outcome: 'ok', lsn: p.lsn, epoch: p.op.epoch ?? leader.epoch });
  }
  if (removed > 0) compactPending(sim);
  if (leader.degraded) {
    // Back to semi-sync once enough of the sync set has caught up again.
    const caught = members.filter((m) => m.ackedLsn >= leader.log.length).length;
    const want =
      sim.cfg.mode === 'sync'
        ? members.length
        : Math.min(Math.max(1, sim.cfg.minAcks), members.length);
    if (caught >= want) {
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
  const op = ev.o!;
  const p = sim.pending.find((x) => x.op === op && !x.done);
  if (!p) return;
  const leader = p.leader;
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
      respond(sim, q.op, leader, { outcome: 'ok', lsn: q.lsn, epoch: q.op.epoch ?? leader.epoch });
    }
  } else {
    p.done = true;
    // The entry stays in the leader's log and may still replicate: the outcome is unknown.
    respond(sim, op, leader, {
      outcome: 'info',
      error: 'timeout',
      lsn: p.lsn,
      epoch: op.epoch ?? leader.epoch,
    });
  }
  compactPending(sim);
}

/** Drops the waits of a leader that crashed or stepped down: its clients will time out. */
export function abandonPending(sim: Simulation, leader: SimNode): void {
  for (const p of sim.pending) if (p.leader === leader) p.done = true;
  compactPending(sim);
}
