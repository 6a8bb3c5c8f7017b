// Shipping the log: append on the leader, deliver to followers over FIFO links with lag,
// apply in LSN order, relay down cascades, catch up after a reconnect, repoint a follower
// (truncation.ts drops what its new leader never had).
import { CLS_MESSAGE, CLS_TIMER, EV, type Ev } from '../events.js';
import { NO_NODE } from '../history.js';
import { rememberApplied } from '../node-data.js';
import { NO_ROW } from '../row-scan.js';
import type { Simulation } from '../simulation.js';
import type { Entry, SimNode, Version } from '../state.js';
import { reexecute, reexecutes } from '../statement-pinned.js';
import type { Delay, Value } from '../types.js';
import { fetchFromArchive, streamingFromLeader } from './archive.js';
import { chainLeader, currentLeader, firstRetained, groupOf } from './queries.js';
import { truncateDivergent, truncateFrom } from './truncation.js';
import { refuseWalStream } from './version-check.js';

function sampleDelay(sim: Simulation, d: Delay | undefined): number {
  if (d === undefined) return 0;
  if (typeof d === 'number') return d;
  return sim.rng.int(d.min, d.max);
}

/** Schedules delivery of `e` from `from` to `to`, honouring lag, throughput and FIFO order. */
export function ship(sim: Simulation, from: SimNode, to: SimNode, e: Entry): void {
  const now = sim.now;
  let base = now;
  const tp = to.cfg.throughput;
  if (tp !== undefined && tp > 0) {
    const start = Math.max(to.linkBusyUntil, now);
    to.linkBusyUntil = start + 1000 / tp;
    base = to.linkBusyUntil;
  }
  const lag = sampleDelay(sim, to.cfg.lag);
  const delay = Math.max(lag, sim.cfg.netDelay);
  let at = base + delay;
  if (at < to.linkLastArrival) at = to.linkLastArrival;
  to.linkLastArrival = at;
  sim.schedule(
    at,
    CLS_MESSAGE,
    EV.DELIVER,
    to.idx,
    from.idx,
    from.inc,
    to.linkGen,
    e,
    undefined,
    undefined,
    now,
  );
  sim.recordMessage('send', from.idx, to.idx, 'entry', e.lsn);
}

/** Ships `e` to every node that streams from `from`. */
export function shipDownstream(sim: Simulation, from: SimNode, e: Entry): void {
  const nodes = sim.nodes;
  for (let i = 0; i < nodes.length; i++) {
    const f = nodes[i]!;
    if (f.source === from && f.up && !f.needsResync && f.busy === undefined && !f.versionRefused) {
      ship(sim, from, f, e);
    }
  }
}

export function onDeliver(sim: Simulation, ev: Ev): void {
  const to = sim.nodes[ev.n]!;
  const from = sim.nodes[ev.m]!;
  const e = ev.e!;
  if (ev.g !== to.linkGen || to.source !== from) return;
  if (!from.up || from.inc !== ev.x) {
    // The sender crashed: what it had not delivered is gone.
    drop(sim, from, to, e);
    return;
  }
  if (!to.up || to.busy !== undefined) {
    drop(sim, from, to, e);
    return;
  }
  if (!sim.reachable(from, to)) {
    // The stream stalls at the cut; `heal` resumes it from the follower's last LSN.
    to.stalled = true;
    to.linkGen++;
    return;
  }
  if (sim.isPaused(to)) {
    sim.defer(ev, to.pausedUntil);
    return;
  }
  if (from.role === 'leader') {
    if (e.lsn < firstRetained(sim, from)) {
      if (!fetchFromArchive(sim, to, from, e.lsn, e.lsn)) {
        breakStream(sim, to, `LSN ${e.lsn} was removed from ${from.id}'s log before it was sent`);
        return;
      }
    } else if (sim.archive.fetching.size > 0) streamingFromLeader(sim, to, from);
  }
  receive(sim, to, e);
}

function drop(sim: Simulation, from: SimNode, to: SimNode, e: Entry): void {
  sim.recordMessage('drop', from.idx, to.idx, 'entry', e.lsn);
}

/** The follower needs an entry the leader no longer keeps: only a full resync helps. */
export function breakStream(sim: Simulation, f: SimNode, why: string): void {
  if (f.needsResync) return;
  f.needsResync = true;
  f.linkGen++;
  sim.record({ t: sim.now, type: 'fault', fault: 'needs-resync', node: f.id, detail: why });
}

export function receive(sim: Simulation, f: SimNode, e: Entry): void {
  const log = f.log;
  const prev = e.lsn - 2;
  if (prev >= 0 && prev < log.length && log[prev] !== f.source?.log[prev]) {
    // The entry does not continue what this node has: its source's history forked below it
    // (it became or followed a new leader while this node was cut off). As Raft's check of
    // the previous entry, or PostgreSQL's of the timeline history: reconnect from the fork.
    catchUp(sim, f);
    return;
  }
  if (e.lsn <= log.length) {
    if (log[e.lsn - 1] === e) return;
    truncateFrom(sim, f, e.lsn, 'replaced by the leader');
  } else if (e.lsn > log.length + 1) {
    // A gap cannot happen on a FIFO stream; should one ever appear, restart the stream from
    // the last entry this node has rather than wait forever.
    catchUp(sim, f);
    return;
  }
  log.push(e);
  f.lastReceivedAt = sim.now;
  sim.recordMessage('deliver', f.source?.idx ?? NO_NODE, f.idx, 'entry', e.lsn);
  if (!f.caughtUpOnce && e.lsn >= f.catchUpTo) f.caughtUpOnce = true;
  if (sim.cfg.ackOn === 'receive') sendAck(sim, f, e.lsn);
  const replay = f.cfg.replay ?? 0;
  if (replay <= 0 && f.lastApplyAt <= sim.now && f.applied === e.lsn - 1) {
    applyNext(sim, f);
  } else {
    const at = Math.max(sim.now + replay, f.lastApplyAt);
    f.lastApplyAt = at;
    sim.schedule(at, CLS_TIMER, EV.APPLY, f.idx, -1, e.lsn, f.inc);
  }
  shipDownstream(sim, f, e);
}

export function onApply(sim: Simulation, ev: Ev): void {
  const f = sim.nodes[ev.n]!;
  if (!f.up || f.inc !== ev.g || f.busy !== undefined) return;
  if (sim.isPaused(f)) {
    sim.defer(ev, f.pausedUntil);
    return;
  }
  let advanced = false;
  while (f.applied < ev.x && f.applied < f.log.length) {
    applyNext(sim, f, false);
    advanced = true;
  }
  if (advanced && sim.cfg.ackOn === 'apply') sendAck(sim, f, f.applied);
}

/** Applies the follower's next received entry. */
function applyNext(sim: Simulation, f: SimNode, ack = true): void {
  const e = f.log[f.applied]!;
  applyEntry(sim, f, e);
  if (ack && sim.cfg.ackOn === 'apply') sendAck(sim, f, f.applied);
}

/**
 * Applies an entry to a node's data. `original` marks the leader applying the entry it just
 * created, whose values it computed itself; under a statement log everyone else re-executes
 * the statement (statement-pinned.ts).
 */
export function applyEntry(sim: Simulation, n: SimNode, e: Entry, original = false): void {
  let key = e.key;
  let value: Value = e.value;
  if (!original && reexecutes(e)) {
    // Re-execute the statement here, with this node's clock, randomness, counters and rows.
    ({ key, value } = reexecute(n, e, sim.now + (n.cfg.clockSkew ?? 0), nextAutoId));
  } else if (e.scan !== undefined) {
    key = e.row ?? NO_ROW;
  } else if (e.autoId && e.id !== undefined) {
    key = `${e.key}/${e.id}`;
    const cur = n.autoInc.get(e.key) ?? 0;
    if (e.id > cur) n.autoInc.set(e.key, e.id);
  }
  if (key !== NO_ROW) {
    // The entry itself is the version when the value is the leader's (no copy per apply).
    const version: Version = value === e.value ? e : { value, lsn: e.lsn, epoch: e.epoch };
    n.data.set(key, version);
  }
  if (e.stmt !== undefined) n.evaluated[e.lsn - 1] = { key, value };
  n.applied = e.lsn;
  n.lastAppliedAt = sim.now;
  if (key !== NO_ROW) rememberApplied(n, key, value, e.lsn);
}

export function nextAutoId(n: SimNode, table: string): number {
  const id = (n.autoInc.get(table) ?? 0) + 1;
  n.autoInc.set(table, id);
  return id;
}

export function sendAck(sim: Simulation, f: SimNode, lsn: number): void {
  const leader = chainLeader(sim, f);
  if (!leader || leader === f) return;
  sim.schedule(
    sim.now + sim.cfg.netDelay,
    CLS_MESSAGE,
    EV.ACK,
    leader.idx,
    f.idx,
    lsn,
    leader.inc,
    undefined,
    undefined,
    undefined,
    sim.now,
  );
  sim.recordMessage('send', f.idx, leader.idx, 'ack', lsn);
}

/**
 * (Re)starts the stream to `f` from its last received LSN: a new stream generation, so
 * anything still in flight on the old one is ignored.
 */
export function catchUp(sim: Simulation, f: SimNode): void {
  const src = f.source;
  f.linkGen++;
  f.stalled = false;
  f.linkLastArrival = sim.now;
  f.linkBusyUntil = sim.now;
  if (!src || !f.up || f.busy !== undefined || f.needsResync) return;
  if (f.versionRefused || sim.cfg.log === 'wal') {
    if (refuseWalStream(sim, f)) return;
  }
  if (src.up && sim.reachable(src, f)) {
    // On connecting, the two agree where their histories fork: whatever the chain's leader
    // does not have is dropped first (a source that became leader, or follows a new one,
    // while this node was cut off has a history this node's log may have left).
    const root = chainLeader(sim, src);
    if (root && root !== f) truncateDivergent(sim, f, root);
  }
  const from = f.log.length + 1;
  if (
    src.role === 'leader' &&
    from < firstRetained(sim, src) &&
    from <= src.log.length &&
    !fetchFromArchive(sim, f, src, from, firstRetained(sim, src) - 1)
  ) {
    breakStream(
      sim,
      f,
      `it needs LSN ${from}, but ${src.id} keeps only LSN ${firstRetained(sim, src)} onwards`,
    );
    return;
  }
  f.catchUpTo = src.log.length;
  f.caughtUpOnce = from > src.log.length;
  if (!src.up || !sim.reachable(src, f)) {
    if (from <= src.log.length) f.stalled = true;
    return;
  }
  for (let lsn = from; lsn <= src.log.length; lsn++) ship(sim, src, f, src.log[lsn - 1]!);
}

/** Whether streaming from `source` would make `n` part of its own chain. */
export function makesCycle(sim: Simulation, n: SimNode, source: SimNode): boolean {
  let cur: SimNode | undefined = source;
  for (let hops = 0; cur && hops <= sim.nodes.length; hops++, cur = cur.source) {
    if (cur === n) return true;
    if (cur.role === 'leader') return false;
  }
  return cur !== undefined;
}

/** Points `n` at a new source: truncate what the source's leader does not have, catch up. */
export function follow(sim: Simulation, n: SimNode, source: SimNode): void {
  // An upstream that (now) streams from `n` itself would make a loop, and a fenced node is
  // shut off (its log ends in writes nobody acknowledged): take the leader instead.
  if (makesCycle(sim, n, source) || source.fenced)
    source = currentLeader(groupOf(sim, n)) ?? source;
  n.source = source;
  const root = chainLeader(sim, source);
  if (root) truncateDivergent(sim, n, root);
  if (n.applied < n.log.length) {
    // Received but not yet applied: replay resumes.
    const at = Math.max(sim.now + (n.cfg.replay ?? 0), n.lastApplyAt);
    n.lastApplyAt = at;
    sim.schedule(at, CLS_TIMER, EV.APPLY, n.idx, -1, n.log.length, n.inc);
  }
  catchUp(sim, n);
}
