// Read routing policies. Each is a small pure function from what a router can know (the
// client's session and each node's applied LSN and lag) to a node. The simulation builds the
// view; the policies decide.
import { type Simulation, SimulationError } from './simulation.js';
import type { SimNode } from './state.js';
import type { Ms, NodeId, RoutingPolicyName } from './types.js';

export interface RouteNode {
  id: NodeId;
  applied: number;
  lagMs: Ms;
  /** Up, not paused, and reachable from the client. */
  available: boolean;
}

export interface RouteView {
  now: Ms;
  leader: NodeId;
  /** Followers in configuration order (available or not: sticky hashing must be stable). */
  followers: RouteNode[];
  /** Hash of the user (sticky) and a uniform random number in [0, 1) (random). */
  userHash: number;
  random: number;
  /** The LSN of this client's (or, with memory: user, this user's) last write. */
  lastWriteLsn: number;
  lastWriteAt: Ms;
  /** Highest applied LSN of any node this client has read from. */
  maxReadLsn: number;
  window: Ms;
  maxLag: Ms;
}

type Policy = (v: RouteView) => NodeId;

// Policies run on every routed read, so they count and index instead of building arrays.

/** The `k`-th (0-based) available follower that satisfies `ok`. */
function nth(v: RouteView, k: number, ok: (f: RouteNode) => boolean): NodeId {
  let i = 0;
  for (const f of v.followers) {
    if (!f.available || !ok(f)) continue;
    if (i++ === k) return f.id;
  }
  return v.leader;
}

/** Hash-picks one of the available followers satisfying `ok`, or the leader when none does. */
function pick(v: RouteView, ok: (f: RouteNode) => boolean): NodeId {
  let count = 0;
  for (const f of v.followers) if (f.available && ok(f)) count++;
  if (count === 0) return v.leader;
  return nth(v, v.userHash % count, ok);
}

const any = () => true;

export const policies: Record<RoutingPolicyName, Policy> = {
  leader: (v) => v.leader,

  random: (v) => {
    let count = 0;
    for (const f of v.followers) if (f.available) count++;
    const i = Math.floor(v.random * (count + 1));
    return i === 0 ? v.leader : nth(v, i - 1, any);
  },

  // The same user always lands on the same follower; if it is unavailable, on the next one.
  sticky: (v) => {
    const n = v.followers.length;
    if (n === 0) return v.leader;
    const start = v.userHash % n;
    for (let i = 0; i < n; i++) {
      const f = v.followers[(start + i) % n]!;
      if (f.available) return f.id;
    }
    return v.leader;
  },

  'read-your-writes': (v) => pick(v, (f) => f.applied >= v.lastWriteLsn),

  monotonic: (v) => pick(v, (f) => f.applied >= v.maxReadLsn),

  'window-after-write': (v) =>
    v.lastWriteAt >= 0 && v.now - v.lastWriteAt < v.window ? v.leader : pick(v, any),

  'bounded-lag': (v) => pick(v, (f) => f.lagMs <= v.maxLag),
};

/** Picks the node a client's read goes to under its policy. */
export function routeRead(sim: Simulation, client: string): SimNode {
  const s = sim.ensureSession(client);
  const leader = sim.leaderFor(client);
  if (!leader) throw new SimulationError('the cluster has no leader');
  const top = leader.log.length;
  const followers: RouteNode[] = [];
  for (const n of sim.nodes) {
    if (n === leader || n.role === 'leader') continue;
    const lagMs = n.applied < top ? sim.now - leader.log[n.applied]!.at : 0;
    followers.push({
      id: n.id,
      applied: n.applied,
      lagMs,
      available:
        n.up &&
        !sim.isPaused(n) &&
        n.busy === undefined &&
        !n.needsResync &&
        sim.net.clientReaches(client, n.id),
    });
  }
  const user = s.cfg.user ?? client;
  const memoryLsn = s.cfg.memory === 'user' ? (sim.userWriteLsn.get(user) ?? 0) : s.lastWriteLsn;
  const policy = s.cfg.policy;
  const view: RouteView = {
    now: sim.now,
    leader: leader.id,
    followers,
    userHash: s.userHash,
    random: policy === 'random' ? sim.rng.next() : 0,
    lastWriteLsn: memoryLsn,
    lastWriteAt: s.lastWriteAt,
    maxReadLsn: s.maxReadLsn,
    window: s.cfg.window ?? 60_000,
    maxLag: s.cfg.maxLag ?? 1000,
  };
  return sim.node(policies[policy](view));
}
