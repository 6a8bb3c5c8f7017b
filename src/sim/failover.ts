// Failure detection and leader election. The leader sends heartbeats; a follower that has
// heard nothing for `timeout` (plus a margin of its index in ms, so elections do not
// collide) starts an election. The winner is the reachable follower with the highest
// (epoch, received LSN), ties by node id. Optional guards: fencing (the old leader is shut
// off on promotion) and quorum (elections need a majority; a leader without one steps down).
import { abandonPending } from './acks.js';
import { hasLease, stepDownForLease } from './clients.js';
import { applyEntry, catchUp } from './replication.js';
import { CLS_MESSAGE, CLS_TIMER, EV, type Ev, type Simulation } from './simulation.js';
import type { SimNode } from './state.js';

function lastEpoch(n: SimNode): number {
  return n.log.length > 0 ? n.log[n.log.length - 1]!.epoch : 0;
}

/** Starts heartbeats on leaders and election timers on followers (all nodes, or one). */
export function startFailoverTimers(sim: Simulation, only?: SimNode): void {
  const fo = sim.cfg.failover;
  if (!fo) return;
  for (const n of only ? [only] : sim.nodes) {
    if (!n.up) continue;
    n.lastHeard = sim.now;
    if (n.role === 'leader') {
      for (const f of sim.nodes) f.lastContact = sim.now;
      sim.schedule(sim.now, CLS_TIMER, EV.HB_TICK, n.idx, -1, 0, n.inc);
    } else {
      scheduleElectionCheck(sim, n);
    }
  }
}

function scheduleElectionCheck(sim: Simulation, n: SimNode): void {
  const fo = sim.cfg.failover!;
  sim.schedule(n.lastHeard + fo.timeout + n.idx, CLS_TIMER, EV.ELECTION_CHECK, n.idx, -1, 0, n.inc);
}

export function onHeartbeatTick(sim: Simulation, ev: Ev): void {
  const l = sim.nodes[ev.n]!;
  const fo = sim.cfg.failover;
  if (!fo || !l.up || l.inc !== ev.g || l.role !== 'leader' || l.fenced) return;
  if (sim.isPaused(l)) {
    sim.defer(ev, l.pausedUntil);
    return;
  }
  if (fo.quorum && !hasLease(sim, l)) {
    stepDownForLease(sim, l);
    return;
  }
  for (const f of sim.nodes) {
    if (f === l) continue;
    sim.schedule(
      sim.now + sim.cfg.netDelay,
      CLS_MESSAGE,
      EV.HEARTBEAT,
      f.idx,
      l.idx,
      l.epoch,
      l.log.length,
    );
  }
  sim.schedule(sim.now + fo.heartbeat, CLS_TIMER, EV.HB_TICK, l.idx, -1, 0, l.inc);
}

export function onHeartbeat(sim: Simulation, ev: Ev): void {
  const f = sim.nodes[ev.n]!;
  const l = sim.nodes[ev.m]!;
  const epoch = ev.x;
  if (!f.up || !sim.reachable(l, f)) return;
  if (sim.isPaused(f)) {
    sim.defer(ev, f.pausedUntil);
    return;
  }
  if (epoch >= f.epoch) {
    f.epoch = epoch;
    f.lastHeard = sim.now;
    f.leaderLsnSeen = ev.g;
    if (f.role === 'leader' && f !== l) {
      // An old leader hears of a newer one: it steps down, and what it alone has is truncated.
      f.role = 'follower';
      abandonPending(sim, f);
      sim.record({
        t: sim.now,
        type: 'step-down',
        node: f.id,
        epoch,
        reason: `heard from ${l.id}, leader of epoch ${epoch}`,
      });
      f.lostLease = false;
      sim.follow(f, l);
      scheduleElectionCheck(sim, f);
    } else if (
      f.role === 'follower' &&
      sim.chainLeader(f) !== l &&
      !f.needsResync &&
      f.busy === undefined
    ) {
      f.lostLease = false;
      sim.follow(
        f,
        f.cfg.upstream && sim.byId.get(f.cfg.upstream)?.up ? sim.node(f.cfg.upstream) : l,
      );
    }
  }
  sim.schedule(sim.now + sim.cfg.netDelay, CLS_MESSAGE, EV.HB_REPLY, l.idx, f.idx, f.epoch, l.inc);
}

export function onHeartbeatReply(sim: Simulation, ev: Ev): void {
  const l = sim.nodes[ev.n]!;
  const f = sim.nodes[ev.m]!;
  if (!l.up || l.inc !== ev.g || !sim.reachable(l, f)) return;
  if (sim.isPaused(l)) {
    sim.defer(ev, l.pausedUntil);
    return;
  }
  if (ev.x > l.epoch && l.role === 'leader') {
    l.epoch = ev.x;
    l.role = 'follower';
    abandonPending(sim, l);
    sim.record({
      t: sim.now,
      type: 'step-down',
      node: l.id,
      epoch: ev.x,
      reason: `${f.id} knows a newer epoch`,
    });
    const cur = sim.currentLeader();
    if (cur && cur !== l) sim.follow(l, cur);
    return;
  }
  f.lastContact = sim.now;
}

export function onElectionCheck(sim: Simulation, ev: Ev): void {
  const n = sim.nodes[ev.n]!;
  const fo = sim.cfg.failover;
  if (!fo || !n.up || n.inc !== ev.g || n.role === 'leader') return;
  if (sim.isPaused(n)) {
    sim.defer(ev, n.pausedUntil);
    return;
  }
  if (sim.now - n.lastHeard < fo.timeout) {
    scheduleElectionCheck(sim, n);
    return;
  }
  if (fo.auto && !sim.electionPending) startElection(sim, n);
  // Try again a timeout later if nobody took over.
  n.lastHeard = sim.now;
  scheduleElectionCheck(sim, n);
}

/** Nodes `c` can reach that are alive and responsive, `c` included. */
function reachableFrom(sim: Simulation, c: SimNode): SimNode[] {
  return sim.nodes.filter((n) => n.up && !sim.isPaused(n) && sim.reachable(c, n));
}

function startElection(sim: Simulation, c: SimNode): void {
  const fo = sim.cfg.failover!;
  const reach = reachableFrom(sim, c);
  if (fo.quorum && reach.length * 2 <= sim.nodes.length) {
    sim.record({
      t: sim.now,
      type: 'note',
      text: `${c.id}: leader silent, but only ${reach.length} of ${sim.nodes.length} nodes reachable: no majority, no election`,
    });
    return;
  }
  const known = Math.max(c.leaderLsnSeen, ...reach.map((n) => n.log.length));
  const eligible = reach.filter((n) => {
    if (n.role !== 'follower' || n.needsResync || n.busy !== undefined || n.fenced) return false;
    return fo.maxLagOnFailover === undefined || known - n.log.length <= fo.maxLagOnFailover;
  });
  if (eligible.length === 0) {
    sim.record({
      t: sim.now,
      type: 'note',
      text: `${c.id}: leader silent, but no follower is eligible for promotion`,
    });
    return;
  }
  eligible.sort(
    (a, b) => lastEpoch(b) - lastEpoch(a) || b.log.length - a.log.length || (a.id < b.id ? -1 : 1),
  );
  const winner = eligible[0]!;
  sim.electionPending = true;
  sim.record({
    t: sim.now,
    type: 'note',
    text: `${c.id}: no heartbeat for ${fo.timeout} ms, election started; ${winner.id} has the newest log (LSN ${winner.log.length})`,
  });
  // A round of votes takes a round trip.
  sim.schedule(
    sim.now + 2 * sim.cfg.netDelay,
    CLS_TIMER,
    EV.PROMOTE,
    winner.idx,
    c.idx,
    0,
    winner.inc,
  );
}

export function onPromote(sim: Simulation, ev: Ev): void {
  sim.electionPending = false;
  const w = sim.nodes[ev.n]!;
  if (!w.up || w.inc !== ev.g || w.role === 'leader') return;
  promote(sim, w, false);
}

/** Makes `w` the leader of a new epoch and repoints everyone it can reach. */
export function promote(sim: Simulation, w: SimNode, manual: boolean): void {
  const fo = sim.cfg.failover;
  const previous = sim.currentLeader();
  const epoch = ++sim.maxEpoch;
  w.role = 'leader';
  w.epoch = epoch;
  w.source = undefined;
  w.cfg.upstream = undefined;
  w.linkGen++;
  w.degraded = false;
  w.lostLease = false;
  w.needsResync = false;
  // Like PostgreSQL's promote: first apply everything already received.
  while (w.applied < w.log.length) applyEntry(sim, w, w.log[w.applied]!);
  sim.record({ t: sim.now, type: 'election', leader: w.id, epoch, previous: previous?.id, manual });
  for (const x of sim.nodes) {
    if (x === w) continue;
    x.ackedLsn = 0;
    x.lastContact = sim.now;
    const reach = x.up && sim.reachable(w, x);
    if (reach) {
      x.epoch = epoch;
      if (x.role === 'leader') {
        x.role = 'follower';
        abandonPending(sim, x);
        sim.record({
          t: sim.now,
          type: 'step-down',
          node: x.id,
          epoch,
          reason: `demoted: ${w.id} was promoted`,
        });
      }
      x.cfg.upstream = undefined;
      x.lostLease = false;
      if (!x.needsResync && x.busy === undefined) sim.follow(x, w);
      else x.source = w;
    } else if (x.role === 'leader' && fo?.fencing && !x.fenced) {
      // STONITH works out of band, even across the partition.
      x.fenced = true;
      abandonPending(sim, x);
      sim.record({
        t: sim.now,
        type: 'fault',
        fault: 'fenced',
        node: x.id,
        detail: `fenced off when ${w.id} was promoted`,
      });
    }
  }
  for (const f of sim.nodes)
    if (f.source === w && f.up && f.log.length >= w.log.length) f.caughtUpOnce = true;
  if (fo) {
    w.lastHeard = sim.now;
    sim.schedule(sim.now, CLS_TIMER, EV.HB_TICK, w.idx, -1, 0, w.inc);
  }
  catchUpAll(sim, w);
}

function catchUpAll(sim: Simulation, w: SimNode): void {
  for (const f of sim.nodes) {
    if (f.source === w && f.up && f.stalled) catchUp(sim, f);
  }
}
