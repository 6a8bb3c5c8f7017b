// Failure detection and leader election. The leader sends heartbeats; a follower that has
// heard nothing for `timeout` (plus a margin of its index in ms, so elections do not
// collide) starts an election. The winner is the reachable follower with the highest
// (epoch, received LSN), ties by node id. Optional guards: fencing (the old leader is shut
// off on promotion) and quorum (elections need a majority; a leader without one steps down,
// see lease.ts).
import { CLS_MESSAGE, CLS_TIMER, EV, type Ev } from '../events.js';
import { nodeViews, type SimHooks } from '../hooks.js';
import type { Simulation } from '../simulation.js';
import type { SimNode } from '../state.js';
import { abandonPending } from './acks.js';
import { hasLease, stepDownForLease } from './lease.js';
import { currentLeader, groupOf, peersOf } from './queries.js';
import { applyEntry, catchUp, follow, makesCycle } from './replication.js';
import { truncateDivergent } from './truncation.js';

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
    if (n.role === 'leader') startHeartbeats(sim, n);
    else scheduleElectionCheck(sim, n);
  }
}

function startHeartbeats(sim: Simulation, l: SimNode): void {
  l.heartbeatTimer++;
  sim.schedule(sim.now, CLS_TIMER, EV.HB_TICK, l.idx, -1, l.heartbeatTimer, l.inc);
}

/** (Re)arms the node's election timer; an earlier timer of the node is superseded. */
export function scheduleElectionCheck(sim: Simulation, n: SimNode): void {
  const fo = sim.cfg.failover;
  if (!fo || !n.up) return;
  n.electionTimer++;
  const at = Math.max(sim.now, n.lastHeard + fo.timeout + n.idx);
  sim.schedule(at, CLS_TIMER, EV.ELECTION_CHECK, n.idx, -1, n.electionTimer, n.inc);
}

/** A leader becomes a follower (it learned of a newer epoch, or lost its lease). */
export function stepDown(sim: Simulation, n: SimNode, epoch: number, reason: string): void {
  n.role = 'follower';
  if (epoch > n.epoch) n.epoch = epoch;
  n.degraded = false;
  abandonPending(sim, n);
  sim.record({ t: sim.now, type: 'step-down', node: n.id, epoch: n.epoch, reason });
  n.lastHeard = sim.now;
  scheduleElectionCheck(sim, n);
}

/**
 * A deposed leader rejoins as a follower of `leader`: it steps down, its fencing is lifted
 * (it has been rewound and is harmless now), and it truncates what the new leader never had.
 */
export function rejoin(
  sim: Simulation,
  n: SimNode,
  leader: SimNode,
  epoch: number,
  reason: string,
): void {
  if (n.role === 'leader') stepDown(sim, n, epoch, reason);
  else if (epoch > n.epoch) n.epoch = epoch;
  if (n.fenced) {
    n.fenced = false;
    sim.record({
      t: sim.now,
      type: 'note',
      text: `${n.id} rejoined as a follower of ${leader.id}: fencing lifted`,
    });
  }
  n.lostLease = false;
  follow(sim, n, leader);
}

export function onHeartbeatTick(sim: Simulation, ev: Ev): void {
  const l = sim.nodes[ev.n]!;
  const fo = sim.cfg.failover;
  if (!fo || !l.up || l.inc !== ev.g || ev.x !== l.heartbeatTimer) return;
  if (l.role !== 'leader' || l.fenced) return;
  if (sim.isPaused(l)) {
    sim.defer(ev, l.pausedUntil);
    return;
  }
  if (fo.quorum && !hasLease(sim, l)) {
    stepDownForLease(sim, l);
    return;
  }
  const now = sim.now;
  for (const f of peersOf(sim, l)) {
    if (f === l) continue;
    sim.schedule(
      now + sim.cfg.netDelay,
      CLS_MESSAGE,
      EV.HEARTBEAT,
      f.idx,
      l.idx,
      l.epoch,
      l.log.length,
      undefined,
      undefined,
      undefined,
      now,
    );
  }
  sim.schedule(now + fo.heartbeat, CLS_TIMER, EV.HB_TICK, l.idx, -1, ev.x, l.inc);
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
    const newer = epoch > f.epoch;
    f.epoch = epoch;
    f.lastHeard = sim.now;
    f.leaderLsnSeen = ev.g;
    if (f.role === 'leader' && f !== l) {
      // An old leader hears of a newer one: it steps down, and what it alone has is truncated.
      rejoin(sim, f, l, epoch, `heard from ${l.id}, leader of epoch ${epoch}`);
    } else if (f.role === 'follower' && !f.needsResync && f.busy === undefined) {
      // Stream from the configured upstream if it is alive, else from the leader itself
      // (not through a deposed leader that happens to follow it now, nor a fenced one).
      const up = f.cfg.upstream ? sim.byId.get(f.cfg.upstream) : undefined;
      const want = up?.up && !up.fenced && up !== f && !makesCycle(sim, f, up) ? up : l;
      if (f.source !== want) rejoin(sim, f, want, epoch, '');
      else if (newer) {
        // Its source stays, but a new epoch began while it was cut off: what the new leader
        // never had goes (a source that was itself reconciled meanwhile does not resend it).
        const had = f.log.length;
        truncateDivergent(sim, f, l);
        if (f.log.length < had) catchUp(sim, f);
      }
    }
  }
  sim.schedule(
    sim.now + sim.cfg.netDelay,
    CLS_MESSAGE,
    EV.HB_REPLY,
    l.idx,
    f.idx,
    f.epoch,
    l.inc,
    undefined,
    undefined,
    undefined,
    ev.y,
  );
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
    const cur = currentLeader(groupOf(sim, l));
    const reason = `${f.id} knows a newer epoch`;
    if (cur && cur !== l) rejoin(sim, l, cur, ev.x, reason);
    else stepDown(sim, l, ev.x, reason);
    return;
  }
  // The lease runs from when the heartbeat was sent: the follower's election timer started
  // no earlier than that, so the old lease always ends before anyone else can be elected.
  const prev = l.heardAt[f.idx];
  if (prev === undefined || ev.y > prev) l.heardAt[f.idx] = ev.y;
}

export function onElectionCheck(sim: Simulation, ev: Ev): void {
  const n = sim.nodes[ev.n]!;
  const fo = sim.cfg.failover;
  if (!fo || !n.up || n.inc !== ev.g || ev.x !== n.electionTimer || n.role === 'leader') return;
  if (sim.isPaused(n)) {
    sim.defer(ev, n.pausedUntil);
    return;
  }
  // The same sum as scheduleElectionCheck's, not `now - lastHeard < timeout`: at fractional
  // times the two roundings can disagree, and a timer due at exactly that sum would re-arm
  // itself at the same instant forever (found by the fuzzer).
  if (n.lastHeard + fo.timeout > sim.now) {
    scheduleElectionCheck(sim, n);
    return;
  }
  if (fo.auto && !groupOf(sim, n).electionPending) startElection(sim, n);
  // Try again a timeout later if nobody took over.
  n.lastHeard = sim.now;
  scheduleElectionCheck(sim, n);
}

/** Nodes of `c`'s group it can reach that are alive and responsive, `c` included. */
function reachableFrom(sim: Simulation, c: SimNode): SimNode[] {
  return peersOf(sim, c).filter((n) => n.up && !sim.isPaused(n) && sim.reachable(c, n));
}

function startElection(sim: Simulation, c: SimNode): void {
  const fo = sim.cfg.failover!;
  const reach = reachableFrom(sim, c);
  const members = peersOf(sim, c).length;
  if (fo.quorum && reach.length * 2 <= members) {
    sim.record({
      t: sim.now,
      type: 'note',
      text: `${c.id}: leader silent, but only ${reach.length} of ${members} nodes reachable: no majority, no election`,
    });
    return;
  }
  // How far the log got, for maxLagOnFailover. Not counting a fenced node: what it appended
  // after it was cut off was never acknowledged, and counting it left no follower eligible
  // and the cluster without a leader for good (found by the fuzzer).
  let known = c.leaderLsnSeen;
  for (const n of reach) if (!n.fenced) known = Math.max(known, n.log.length);
  const choose = sim.hooks?.chooseLeader;
  if (choose) {
    const chosen = chosenByHook(sim, c, known, reach, choose);
    if (chosen) schedulePromotion(sim, c, chosen, `${chosen.id} was chosen`);
    return;
  }
  const eligible = reach.filter((n) => {
    if (n.role !== 'follower' || n.needsResync || n.busy !== undefined || n.fenced) return false;
    if (n.versionRefused) return false; // it cannot open the leader's data files
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
  schedulePromotion(sim, c, winner, `${winner.id} has the newest log (LSN ${winner.log.length})`);
}

/** The caller's choice (hooks.ts), or undefined (with a note) when it promotes nobody. */
function chosenByHook(
  sim: Simulation,
  c: SimNode,
  knownLsn: number,
  reach: readonly SimNode[],
  choose: NonNullable<SimHooks['chooseLeader']>,
): SimNode | undefined {
  const id = choose({
    now: sim.now,
    startedBy: c.id,
    knownLsn,
    nodes: nodeViews(sim, undefined, (n) => reach.includes(n), peersOf(sim, c)),
  });
  const w = id === undefined ? undefined : sim.byId.get(id);
  if (w && reach.includes(w) && w.role === 'follower') return w;
  sim.record({
    t: sim.now,
    type: 'note',
    text:
      id === undefined
        ? `${c.id}: leader silent, and no follower was chosen for promotion`
        : `${c.id}: leader silent; ${id} was chosen but cannot be promoted`,
  });
  return undefined;
}

/** Announces the election and promotes `winner` after one vote round. */
function schedulePromotion(sim: Simulation, c: SimNode, winner: SimNode, why: string): void {
  const fo = sim.cfg.failover!;
  groupOf(sim, winner).electionPending = true;
  sim.record({
    t: sim.now,
    type: 'note',
    text: `${c.id}: no heartbeat for ${fo.timeout} ms, election started; ${why}`,
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
  const w = sim.nodes[ev.n]!;
  groupOf(sim, w).electionPending = false;
  if (!w.up || w.inc !== ev.g || w.role === 'leader') return;
  promote(sim, w, false);
}

/** Makes `w` the leader of a new epoch and repoints everyone it can reach. */
export function promote(sim: Simulation, w: SimNode, manual: boolean): void {
  const fo = sim.cfg.failover;
  const g = groupOf(sim, w);
  const previous = currentLeader(g);
  const epoch = ++g.maxEpoch;
  const now = sim.now;
  w.role = 'leader';
  w.epoch = epoch;
  w.source = undefined;
  w.cfg.upstream = undefined;
  w.linkGen++;
  w.degraded = false;
  w.lostLease = false;
  w.fenced = false;
  w.needsResync = false;
  w.ackedBy = [];
  w.heardAt = [];
  w.droppedStandbys = [];
  // Like PostgreSQL's promote: first apply everything already received.
  while (w.applied < w.log.length) applyEntry(sim, w, w.log[w.applied]!);
  sim.record({ t: now, type: 'election', leader: w.id, epoch, previous: previous?.id, manual });
  for (const x of g.nodes) {
    if (x === w) continue;
    // A paused node cannot take part: it is treated like one across a cut.
    const reach = x.up && !sim.isPaused(x) && sim.reachable(w, x);
    if (reach) {
      // It voted (or was told): the new leader's lease starts with it.
      w.heardAt[x.idx] = now;
      x.lastHeard = now;
      x.cfg.upstream = undefined;
      if (x.role === 'leader') {
        rejoin(sim, x, w, epoch, `demoted: ${w.id} was promoted`);
      } else if (!x.needsResync && x.busy === undefined) {
        rejoin(sim, x, w, epoch, '');
      } else {
        x.epoch = epoch;
        x.source = w;
      }
    } else if (x.role === 'leader' && fo?.fencing && !x.fenced) {
      // STONITH works out of band, even across the partition.
      x.fenced = true;
      abandonPending(sim, x);
      sim.record({
        t: now,
        type: 'fault',
        fault: 'fenced',
        node: x.id,
        detail: `fenced off when ${w.id} was promoted`,
      });
    }
  }
  for (const f of g.nodes)
    if (f.source === w && f.up && f.log.length >= w.log.length) f.caughtUpOnce = true;
  if (fo) {
    w.lastHeard = now;
    startHeartbeats(sim, w);
  }
  for (const f of g.nodes) {
    if (f.source === w && f.up && f.stalled) catchUp(sim, f);
  }
}
