// A node's local state that is not the log: a fresh node, its key/value data, and the small
// ring of recently applied keys the UI shows. Kept allocation-free on the apply path.
import type { Prng } from './prng.js';
import type { RecentSlot, SimNode, Version } from './state.js';
import type { Ms, NodeConfig, Value } from './types.js';

/** How many recently applied keys a node remembers for its snapshot. */
export const RECENT_KEYS = 5;

export function newNode(nc: NodeConfig, idx: number, rng: Prng, now: Ms): SimNode {
  return {
    id: nc.id,
    idx,
    group: 0,
    cfg: { ...nc },
    role: nc.role,
    epoch: 1,
    up: true,
    inc: 0,
    fenced: false,
    pausedUntil: 0,
    log: [],
    applied: 0,
    data: new Map<string, Version>(),
    evaluated: [],
    autoInc: new Map(),
    rng,
    source: undefined,
    linkGen: 0,
    linkBusyUntil: 0,
    linkLastArrival: 0,
    stalled: false,
    lastApplyAt: 0,
    needsResync: false,
    versionRefused: false,
    caughtUpOnce: false,
    catchUpTo: 0,
    busy: undefined,
    busyUntil: 0,
    lastHeard: now,
    leaderLsnSeen: 0,
    electionTimer: 0,
    heartbeatTimer: 0,
    ackedBy: [],
    heardAt: [],
    degraded: false,
    lostLease: false,
    recent: [],
    recentHead: 0,
    serving: [],
    servingHead: 0,
    droppedStandbys: [],
    slotDropped: false,
    recycledBelow: 1,
    lastReceivedAt: 0,
    lastAppliedAt: 0,
  };
}

/** Notes a key this node just applied (newest first in snapshots). */
export function rememberApplied(n: SimNode, key: string, value: Value, lsn: number): void {
  const ring = n.recent;
  if (ring.length < RECENT_KEYS) {
    ring.push({ key, value, lsn });
    n.recentHead = ring.length % RECENT_KEYS;
    return;
  }
  const slot = ring[n.recentHead]!;
  slot.key = key;
  slot.value = value;
  slot.lsn = lsn;
  n.recentHead = (n.recentHead + 1) % RECENT_KEYS;
}

/** The remembered keys, newest first, as fresh objects. */
export function recentNewestFirst(n: SimNode): RecentSlot[] {
  const ring = n.recent;
  const out: RecentSlot[] = [];
  for (let i = 1; i <= ring.length; i++) {
    const slot = ring[(n.recentHead - i + ring.length * 2) % ring.length]!;
    out.push({ key: slot.key, value: slot.value, lsn: slot.lsn });
  }
  return out;
}

/** Empties a node's data (its log is the caller's business). */
export function clearData(n: SimNode): void {
  n.data = new Map();
  n.autoInc = new Map();
  n.evaluated = [];
  n.recent = [];
  n.recentHead = 0;
}
