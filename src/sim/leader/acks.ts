// Acknowledgement modes. async: acknowledged once the leader applied. sync: once every
// member of the sync set acknowledged. semi-sync: once `minAcks` of them did. A member that
// is down or cut off blocks writes; after `ackTimeout` a write is indeterminate, or with
// `onTimeout: degrade` the leader acknowledges and carries on asynchronously (as MySQL does).
// With `syncStandbys` the synchronous followers are chosen as PostgreSQL chooses them:
// `{first: k}`, the first k connected, streaming ones in listed order (a crashed one is
// replaced at once, one cut off once a write has waited `ackTimeout` for it); `{any: k}`,
// any k acknowledgements (quorum commit).
import { respond } from '../clients.js';
import { CLS_TIMER, EV, type Ev } from '../events.js';
import { writeAcked, writeUnknown } from '../response.js';
import type { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import type { PendingWrite, SimNode } from '../state.js';
import type { SyncStandbys } from '../types.js';
import { groupOf, peersOf } from './queries.js';

/** Throws unless `s` is `{first: k}` or `{any: k}` with k a whole number ≥ 1 (or absent). */
export function checkSyncStandbys(s: SyncStandbys | undefined): void {
  if (s === undefined) return;
  const keys = Object.keys(s);
  const k = 'first' in s ? s.first : 'any' in s ? s.any : undefined;
  if (keys.length !== 1 || !Number.isInteger(k) || (k as number) < 1) {
    throw new SimulationError(
      `syncStandbys must be {first: k} or {any: k} with k a whole number ≥ 1, got ${JSON.stringify(s)}`,
    );
  }
}

/**
 * Whether `n` could be in `leader`'s sync set: a follower (a crashed or fenced old leader is
 * not one) that is not still being copied (a new standby joins once it streams).
 */
function candidate(leader: SimNode, n: SimNode): boolean {
  return n !== leader && n.role === 'follower' && n.busy !== 'copying';
}

/** True when some follower is marked `sync`: then only marked followers are members. */
function anyMarked(sim: Simulation, leader: SimNode): boolean {
  for (const n of peersOf(sim, leader))
    if (candidate(leader, n) && n.cfg.sync === true) return true;
  return false;
}

function isMember(leader: SimNode, n: SimNode, marked: boolean): boolean {
  return candidate(leader, n) && (!marked || n.cfg.sync === true);
}

/** Members of the sync set for a leader: followers marked `sync`, or every follower. */
export function syncSet(sim: Simulation, leader: SimNode): SimNode[] {
  const marked = anyMarked(sim, leader);
  const first = firstCount(sim);
  if (first !== undefined) return firstStandbys(sim, leader, marked, first);
  return peersOf(sim, leader).filter((n) => isMember(leader, n, marked));
}

function memberCount(sim: Simulation, leader: SimNode, marked: boolean): number {
  let count = 0;
  for (const n of peersOf(sim, leader)) if (isMember(leader, n, marked)) count++;
  return count;
}

/** k of `syncStandbys: {first: k}`, else undefined. */
function firstCount(sim: Simulation): number | undefined {
  const s = sim.cfg.syncStandbys;
  return s !== undefined && 'first' in s ? s.first : undefined;
}

/**
 * A member the leader can wait for under `{first}`: up, streaming (one still catching up is
 * not chosen yet, as PostgreSQL's `catchup` state), and not given up on after a timeout.
 */
function connected(leader: SimNode, n: SimNode): boolean {
  return (
    n.up &&
    n.caughtUpOnce &&
    !n.needsResync &&
    !n.versionRefused &&
    n.busy === undefined &&
    leader.droppedStandbys[n.idx] !== true
  );
}

/** The synchronous standbys under `{first: k}`: the first k connected members, listed order. */
function firstStandbys(sim: Simulation, leader: SimNode, marked: boolean, k: number): SimNode[] {
  const out: SimNode[] = [];
  for (const n of peersOf(sim, leader)) {
    if (out.length === k) break;
    if (isMember(leader, n, marked) && connected(leader, n)) out.push(n);
  }
  return out;
}

/** Acknowledgements a write needs with `members` in the sync set (mode permitting). */
function needed(sim: Simulation, members: number): number {
  const s = sim.cfg.syncStandbys;
  // PostgreSQL waits for k even when fewer are connected; never for more than there are.
  if (s !== undefined) return Math.min('first' in s ? s.first : s.any, members);
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
  groupOf(sim, leader).pending.push({ op, lsn, leader, done: false });
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
  // It answers again: under `{first}` it may be chosen again once it streams.
  if (leader.droppedStandbys[from.idx] === true) leader.droppedStandbys[from.idx] = false;
  const prev = leader.ackedBy[from.idx];
  if (prev === undefined || ev.x > prev) leader.ackedBy[from.idx] = ev.x;
  if (leader.role === 'leader') releaseAcknowledged(sim, leader);
}

/** Whether `m` holds and acknowledged the leader's own entry at `lsn`. */
function acked(leader: SimNode, m: SimNode, lsn: number): boolean {
  // The identity check guards against an acknowledgement of another leader's entry.
  return (leader.ackedBy[m.idx] ?? 0) >= lsn && m.log[lsn - 1] === leader.log[lsn - 1];
}

/**
 * Members of the sync set that acknowledged the leader's own entry at `lsn`: among `chosen`
 * when the standbys are chosen (`{first}`), else among all members.
 */
function acksFor(
  sim: Simulation,
  leader: SimNode,
  lsn: number,
  marked: boolean,
  chosen: SimNode[] | undefined,
): number {
  let acks = 0;
  if (chosen !== undefined) {
    for (const m of chosen) if (acked(leader, m, lsn)) acks++;
    return acks;
  }
  const entry = leader.log[lsn - 1];
  const nodes = peersOf(sim, leader);
  for (let i = 0; i < nodes.length; i++) {
    const m = nodes[i]!;
    if (!isMember(leader, m, marked)) continue;
    // The identity check guards against an acknowledgement of another leader's entry.
    if ((leader.ackedBy[m.idx] ?? 0) >= lsn && m.log[lsn - 1] === entry) acks++;
  }
  return acks;
}

/** Acknowledges every pending write of `leader` that now has enough acks, in LSN order. */
export function releaseAcknowledged(sim: Simulation, leader: SimNode): void {
  const pending = groupOf(sim, leader).pending;
  if (pending.length === 0 && !leader.degraded) return;
  const marked = anyMarked(sim, leader);
  const members = memberCount(sim, leader, marked);
  const first = firstCount(sim);
  const chosen = first === undefined ? undefined : firstStandbys(sim, leader, marked, first);
  const need = sim.cfg.mode === 'async' || leader.degraded ? 0 : needed(sim, members);
  let removed = 0;
  for (const p of pending) {
    if (p.done || p.leader !== leader) continue;
    if (need > 0 && acksFor(sim, leader, p.lsn, marked, chosen) < need) break;
    p.done = true;
    removed++;
    respond(sim, p.op, leader, writeAcked(p.lsn, sim.ops.epoch(p.op) ?? leader.epoch));
  }
  if (removed > 0) compactPending(pending);
  if (leader.degraded) {
    // Back to semi-sync once enough of the sync set has caught up again.
    let caught = 0;
    for (const m of chosen ?? peersOf(sim, leader)) {
      if (
        (chosen !== undefined || isMember(leader, m, marked)) &&
        (leader.ackedBy[m.idx] ?? 0) >= leader.log.length
      )
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

function compactPending(pending: PendingWrite[]): void {
  let w = 0;
  for (const p of pending) if (!p.done) pending[w++] = p;
  pending.length = w;
}

export function ackTimedOut(sim: Simulation, ev: Ev): void {
  const op = ev.op;
  // The timer names the leader it was set on: its group holds the wait.
  const pending = groupOf(sim, sim.nodes[ev.n]!).pending;
  const p = pending.find((x) => x.op === op && !x.done);
  if (!p) return;
  const leader = p.leader;
  if (!leader.up || leader.inc !== ev.g) return;
  if (sim.isPaused(leader)) {
    sim.defer(ev, leader.pausedUntil);
    return;
  }
  if (firstCount(sim) !== undefined && dropSilentStandbys(sim, leader, p)) {
    if (p.done) return;
    // The next standbys were chosen: the write waits for them, another ackTimeout at most.
    sim.schedule(
      sim.now + sim.cfg.ackTimeout!,
      CLS_TIMER,
      EV.ACK_TIMEOUT,
      leader.idx,
      -1,
      p.lsn,
      leader.inc,
      undefined,
      op,
    );
    return;
  }
  if (sim.cfg.onTimeout === 'degrade') {
    leader.degraded = true;
    sim.record({
      t: sim.now,
      type: 'note',
      text: `${leader.id}: no acknowledgement within ${sim.cfg.ackTimeout} ms, degrading to async`,
    });
    for (const q of pending) {
      if (q.done || q.leader !== leader) continue;
      q.done = true;
      respond(sim, q.op, leader, writeAcked(q.lsn, sim.ops.epoch(q.op) ?? leader.epoch));
    }
  } else {
    p.done = true;
    // The entry stays in the leader's log and may still replicate: the outcome is unknown.
    respond(sim, op, leader, writeUnknown(p.lsn, sim.ops.epoch(op) ?? leader.epoch));
  }
  compactPending(pending);
}

/** Drops the waits of a leader that crashed or stepped down: its clients will time out. */
export function abandonPending(sim: Simulation, leader: SimNode): void {
  const pending = groupOf(sim, leader).pending;
  if (pending.length === 0) return;
  for (const p of pending) if (p.leader === leader) p.done = true;
  compactPending(pending);
}

/**
 * Under `{first}`: the chosen standbys that have not acknowledged `p` and are cut off from the
 * leader are given up on (as PostgreSQL's walsender times out), so the next listed ones are
 * chosen, and whatever they already acknowledged is released. True if any was given up on.
 */
function dropSilentStandbys(sim: Simulation, leader: SimNode, p: PendingWrite): boolean {
  const marked = anyMarked(sim, leader);
  const silent = firstStandbys(sim, leader, marked, firstCount(sim)!).filter(
    (m) => !acked(leader, m, p.lsn) && !sim.reachable(leader, m),
  );
  if (silent.length === 0) return false;
  for (const m of silent) leader.droppedStandbys[m.idx] = true;
  const next = firstStandbys(sim, leader, marked, firstCount(sim)!);
  sim.record({
    t: sim.now,
    type: 'note',
    text: `${leader.id}: no answer from ${silent.map((m) => m.id).join(', ')} for ${sim.cfg.ackTimeout} ms, stopped waiting for ${silent.length > 1 ? 'them' : 'it'}; synchronous now: ${next.length > 0 ? next.map((m) => m.id).join(', ') : 'none'}`,
  });
  releaseAcknowledged(sim, leader);
  return true;
}
