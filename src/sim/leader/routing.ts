// Read routing policies. Each is a small pure function from what a router can know (the
// client's session and each node's applied LSN and lag) to a node. The simulation builds the
// view; the policies decide.

import { nodeViews, type SimHooks } from '../hooks.js';
import type { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import type { Session, SimNode } from '../state.js';
import type { Ms, NodeId, RoutingPolicyName } from '../types.js';
import { leaderFor } from './queries.js';

export interface RouteNode {
  id: NodeId;
  applied: number;
  /** How far behind the leader in time (filled only for `bounded-lag`, the policy that reads it). */
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
  /**
   * The client's causal dependency on this shard: the highest LSN it wrote or read here, or
   * that a value it read (from any shard) depended on.
   */
  causalLsn: number;
  window: Ms;
  maxLag: Ms;
}

type Policy = (v: RouteView) => NodeId;

// Policies run on every routed read, so they count and index instead of building arrays.

/** Which followers a policy accepts. */
type Accept = 'any' | 'has-last-write' | 'has-max-read' | 'within-max-lag' | 'has-causal';

function accepts(v: RouteView, f: RouteNode, what: Accept): boolean {
  if (!f.available) return false;
  switch (what) {
    case 'any':
      return true;
    case 'has-last-write':
      return f.applied >= v.lastWriteLsn;
    case 'has-max-read':
      return f.applied >= v.maxReadLsn;
    case 'within-max-lag':
      return f.lagMs <= v.maxLag;
    case 'has-causal':
      return f.applied >= v.causalLsn;
  }
}

/** The `k`-th (0-based) follower that the policy accepts. */
function nth(v: RouteView, k: number, what: Accept): NodeId {
  let i = 0;
  for (const f of v.followers) {
    if (!accepts(v, f, what)) continue;
    if (i++ === k) return f.id;
  }
  return v.leader;
}

/** Hash-picks one of the accepted followers, or the leader when there is none. */
function pick(v: RouteView, what: Accept): NodeId {
  let count = 0;
  for (const f of v.followers) if (accepts(v, f, what)) count++;
  if (count === 0) return v.leader;
  return nth(v, v.userHash % count, what);
}

export const policies: Record<RoutingPolicyName, Policy> = {
  leader: (v) => v.leader,

  random: (v) => {
    let count = 0;
    for (const f of v.followers) if (f.available) count++;
    const i = Math.floor(v.random * (count + 1));
    return i === 0 ? v.leader : nth(v, i - 1, 'any');
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

  'read-your-writes': (v) => pick(v, 'has-last-write'),

  monotonic: (v) => pick(v, 'has-max-read'),

  'window-after-write': (v) =>
    v.lastWriteAt >= 0 && v.now - v.lastWriteAt < v.window ? v.leader : pick(v, 'any'),

  'bounded-lag': (v) => pick(v, 'within-max-lag'),

  causal: (v) => pick(v, 'has-causal'),
};

/**
 * One reusable view: routing is synchronous and policies are pure and keep nothing of it,
 * so every read of every simulation can fill the same object.
 */
const view: RouteView = {
  now: 0,
  leader: '',
  followers: [],
  userHash: 0,
  random: 0,
  lastWriteLsn: 0,
  lastWriteAt: -1,
  maxReadLsn: 0,
  causalLsn: 0,
  window: 0,
  maxLag: 0,
};

/** Picks the node of the key's shard a client's read goes to under its policy. */
export function routeRead(sim: Simulation, s: Session, client: string, key: string): SimNode {
  const g = sim.groupOfKey(key);
  const leader = leaderFor(sim, client, g);
  if (!leader) {
    throw new SimulationError(
      g.shard === undefined ? 'the cluster has no leader' : `shard "${g.shard}" has no leader`,
    );
  }
  const route = sim.hooks?.routeRead;
  if (route) return sim.node(routeByHook(sim, route, s, client, key, leader, g.nodes));
  const cfg = s.cfg;
  const policy = cfg.policy;
  // Only bounded-lag reads lag in time; it costs a look into the leader's log per follower.
  const needsLag = policy === 'bounded-lag';
  const top = leader.log.length;
  const followers = view.followers;
  const nodes = g.nodes;
  let count = 0;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n === leader || n.role === 'leader') continue;
    let f = followers[count];
    if (f === undefined) {
      f = { id: n.id, applied: 0, lagMs: 0, available: false };
      followers.push(f);
    }
    count++;
    f.id = n.id;
    f.applied = n.applied;
    f.lagMs = needsLag && n.applied < top ? sim.now - leader.log[n.applied]!.at : 0;
    f.available =
      n.up &&
      !sim.isPaused(n) &&
      n.busy === undefined &&
      !n.needsResync &&
      !n.versionRefused &&
      sim.net.clientReaches(client, n.id);
  }
  if (followers.length !== count) followers.length = count;
  view.now = sim.now;
  view.leader = leader.id;
  view.userHash = s.userHash;
  view.random = policy === 'random' ? sim.rng.next() : 0;
  view.lastWriteLsn =
    cfg.memory === 'user' ? (g.userWrite[s.userIdx] ?? 0) : (g.lastWrite[s.idx] ?? 0);
  view.lastWriteAt = s.lastWriteAt;
  view.maxReadLsn = g.maxRead[s.idx] ?? 0;
  view.causalLsn = g.causal[s.idx] ?? 0;
  view.window = cfg.window ?? 60_000;
  view.maxLag = cfg.maxLag ?? 1000;
  const chosen = policies[policy](view);
  return chosen === leader.id ? leader : sim.node(chosen);
}

/** The caller's router decides (hooks.ts): it sees the nodes as this client would. */
function routeByHook(
  sim: Simulation,
  route: NonNullable<SimHooks['routeRead']>,
  s: Session,
  client: string,
  key: string,
  leader: SimNode,
  nodes: readonly SimNode[],
): NodeId {
  return route({
    now: sim.now,
    client,
    user: s.cfg.user ?? client,
    key,
    leader: leader.id,
    nodes: nodeViews(sim, leader, (n) => sim.net.clientReaches(client, n.id), nodes),
  });
}
