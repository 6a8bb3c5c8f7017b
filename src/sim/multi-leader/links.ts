// Entries between leaders, and down to followers. A leader sends each version it accepts to
// the other leaders — every one (`all-to-all`), the next in listed order (`ring`), or the
// first leader, which passes it on to the rest (`star`) — each entry tagged with the leaders
// it has passed, so a ring or a hub never sends it back where it has been. Every node sends
// what it takes in to the followers that replicate it.
//
// A link is FIFO: an entry arrives after the receiver's `lag` (at least netDelay), never
// before the one sent ahead of it. When an entry meets a cut or a down receiver it waits, and
// with it everything behind it: the link is held. Restart, heal and a new partition resume
// held links whose ends are both up and reach each other; each waiting entry then takes the
// receiver's lag again (the sender re-sends from its log). A paused receiver takes its
// entries when it resumes, in order.
import { CLS_MESSAGE, EV, type Ev } from '../events.js';
import type { Simulation } from '../simulation.js';
import type { Delay, Ms, ReplicationTopology } from '../types.js';
import type { KeyVersion } from '../versioning/versions.js';
import type { Link, MultiLeaderState, Shipment } from './state.js';
import { takeIn } from './store.js';

function sample(sim: Simulation, d: Delay | undefined): number {
  if (d === undefined) return 0;
  if (typeof d === 'number') return d;
  return sim.rng.int(d.min, d.max);
}

function arrival(sim: Simulation, link: Link): Ms {
  const lag = sample(sim, sim.nodes[link.to]!.cfg.lag);
  let at = sim.now + Math.max(lag, sim.cfg.netDelay);
  if (at < link.lastArrival) at = link.lastArrival;
  link.lastArrival = at;
  return at;
}

/** Whether a waiting entry can be sent now: both ends up and on one side of any cut. */
function canSend(sim: Simulation, link: Link): boolean {
  const a = sim.nodes[link.from]!;
  const b = sim.nodes[link.to]!;
  return a.up && b.up && sim.reachable(a, b);
}

function schedule(sim: Simulation, link: Link, s: Shipment): void {
  s.arrivesAt = arrival(sim, link);
  sim.schedule(s.arrivesAt, CLS_MESSAGE, EV.ML_LINK, link.to, link.from, link.id, link.gen);
}

function hold(link: Link): void {
  link.held = true;
  link.gen++;
  link.lastArrival = 0;
  for (let i = link.head; i < link.queue.length; i++) link.queue[i]!.arrivesAt = -1;
}

function ship(
  sim: Simulation,
  link: Link,
  v: KeyVersion,
  passed: number,
  route: ReplicationTopology,
): void {
  const s: Shipment = { v, passed, route, sentAt: sim.now, arrivesAt: -1 };
  link.queue.push(s);
  sim.recordMessage('send', link.from, link.to, 'entry', v.op);
  if (link.held) return;
  if (canSend(sim, link)) schedule(sim, link, s);
  else hold(link);
}

/**
 * The leaders a leader sends `v` to by `route`, given the leaders (bits by rank) it has
 * passed, this one included.
 */
export function nextLeaders(
  ml: MultiLeaderState,
  node: number,
  v: KeyVersion,
  passed: number,
  route: ReplicationTopology,
): number[] {
  const leaders = ml.leaders;
  const rank = ml.rank[node]!;
  const out: number[] = [];
  const fresh = (l: number) => (passed & (1 << ml.rank[l]!)) === 0;
  switch (route) {
    case 'all-to-all':
      if (v.dotNode === node) for (const l of leaders) if (l !== node) out.push(l);
      break;
    case 'ring': {
      const next = leaders[(rank + 1) % leaders.length]!;
      if (next !== node && fresh(next)) out.push(next);
      break;
    }
    case 'star': {
      const hub = leaders[0]!;
      if (node === hub) {
        for (const l of leaders) if (l !== node && fresh(l)) out.push(l);
      } else if (fresh(hub)) out.push(hub);
      break;
    }
  }
  return out;
}

/**
 * Sends on what `node` just took in: to its followers, and (a leader) to the leaders `route`
 * names. `passed` holds the leaders the entry has been through.
 */
export function propagate(
  sim: Simulation,
  ml: MultiLeaderState,
  node: number,
  v: KeyVersion,
  passed: number,
  route: ReplicationTopology,
): void {
  const leader = ml.rank[node]! >= 0;
  const here = leader ? passed | (1 << ml.rank[node]!) : passed;
  for (const link of ml.out[node]!) if (link.toFollower) ship(sim, link, v, 0, route);
  if (!leader) return;
  for (const to of nextLeaders(ml, node, v, here, route)) {
    const link = ml.out[node]!.find((l) => l.to === to)!;
    ship(sim, link, v, here, route);
  }
}

export function onLinkDelivery(sim: Simulation, ev: Ev): void {
  const ml = sim.multiLeader!;
  const link = ml.links[ev.x]!;
  if (ev.g !== link.gen) return;
  const s = link.queue[link.head];
  if (!s) return;
  const to = sim.nodes[link.to]!;
  if (to.up && sim.isPaused(to)) {
    sim.defer(ev, to.pausedUntil);
    return;
  }
  if (!to.up || !sim.reachable(sim.nodes[link.from]!, to)) {
    hold(link);
    return;
  }
  link.queue[link.head] = undefined as unknown as Shipment;
  link.head++;
  if (link.head === link.queue.length) {
    link.queue.length = 0;
    link.head = 0;
  } else if (link.head > 64 && link.head * 2 > link.queue.length) {
    link.queue = link.queue.slice(link.head);
    link.head = 0;
  }
  sim.recordMessage('deliver', link.from, link.to, 'entry', s.v.op);
  takeIn(sim, ml, link.to, s.v, true);
  propagate(sim, ml, link.to, s.v, s.passed, s.route);
}

/** Sends again what waits on held links whose ends are now up and reach each other. */
export function resumeLinks(sim: Simulation, ml: MultiLeaderState): void {
  for (const link of ml.links) {
    if (!link.held || !canSend(sim, link)) continue;
    link.held = false;
    for (let i = link.head; i < link.queue.length; i++) schedule(sim, link, link.queue[i]!);
  }
}

/** Entries waiting on a link (sent or held, not yet delivered). */
export function waiting(link: Link): readonly Shipment[] {
  return link.queue.slice(link.head);
}
