// Replication slots (`slots: true`): the leader keeps every entry until each follower that
// holds a slot on it has received it, as PostgreSQL's physical slots do; a follower that is
// down or cut off holds its slot, and so the log, until `drop-slot`. Without slots the
// leader keeps `retain` entries (or everything), and a slow follower may fall off the log.
import type { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import type { SimNode } from '../state.js';
import { copySnapshotLsn } from './backup.js';
import { currentLeader, firstRetained, groupOf, peersOf } from './queries.js';

/**
 * Whether follower `f` holds a slot on `leader`: it streams from it directly (a cascaded
 * follower's slot lives on its upstream, which never recycles log here), its slot was not
 * dropped, and it has not already lost its place (a follower needing a resync has an
 * invalidated slot).
 */
export function holdsSlot(sim: Simulation, f: SimNode, leader: SimNode): boolean {
  return (
    sim.cfg.slots === true &&
    f !== leader &&
    f.role === 'follower' &&
    f.source === leader &&
    !f.slotDropped &&
    !f.needsResync
  );
}

/** The position a slot holds: the next LSN its follower needs. */
export function slotPosition(f: SimNode): number {
  return (copySnapshotLsn(f) ?? f.log.length) + 1;
}

/** The lowest LSN any slot on `leader` still needs (beyond its log when none does). */
export function slotFloor(sim: Simulation, leader: SimNode): number {
  let floor = leader.log.length + 1;
  for (const f of peersOf(sim, leader)) {
    if (holdsSlot(sim, f, leader)) floor = Math.min(floor, slotPosition(f));
  }
  return floor;
}

/** Recycling is final: what is gone now stays gone whatever slots are created later. */
export function noteRecycled(sim: Simulation, leader: SimNode): void {
  const first = firstRetained(sim, leader);
  if (first > leader.recycledBelow) leader.recycledBelow = first;
}

/** `drop-slot <node>`: the leader stops keeping log for that follower. */
export function dropSlot(sim: Simulation, f: SimNode): void {
  if (!sim.cfg.slots) throw new SimulationError('there are no replication slots (slots are off)');
  if (f.role !== 'follower') throw new SimulationError(`"${f.id}" leads: it holds no slot`);
  if (f.slotDropped) throw new SimulationError(`"${f.id}" has no slot: it was dropped already`);
  f.slotDropped = true;
  const leader = currentLeader(groupOf(sim, f));
  sim.record({ t: sim.now, type: 'fault', fault: 'drop-slot', node: f.id });
  if (leader) noteRecycled(sim, leader);
}

/** `set slots`: on, every follower gets a slot where it stands now; off, slots are gone. */
export function setSlots(sim: Simulation, on: boolean): void {
  const leaders = sim.groups.map((g) => currentLeader(g));
  // What the old setting had already let go of stays gone.
  for (const leader of leaders) if (leader) noteRecycled(sim, leader);
  sim.cfg.slots = on;
  if (on) for (const n of sim.nodes) n.slotDropped = false;
  for (const leader of leaders) if (leader) noteRecycled(sim, leader);
}
