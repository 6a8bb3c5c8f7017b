// Forming a multi-leader cluster: two or more leaders (one per datacenter), followers that
// replicate a leader (or another follower) through `upstream`, a conflict policy and a
// replication topology. Links exist for every ordered pair of leaders (the topology chooses
// which carry entries, so `set replication` needs no new links) and from each follower's
// upstream to it.
import type { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import type { ConflictMode, ReplicationTopology } from '../types.js';
import type { Link, MultiLeaderState } from './state.js';

const CONFLICTS: readonly ConflictMode[] = ['lww', 'replica-id', 'siblings', 'none'];
const REPLICATIONS: readonly ReplicationTopology[] = ['all-to-all', 'ring', 'star'];
/** Entries carry the leaders they passed as bits of one number. */
const MAX_LEADERS = 30;

export function checkConflict(c: string): ConflictMode {
  if (!(CONFLICTS as readonly string[]).includes(c)) {
    throw new SimulationError(
      `conflict "${c}" does not apply to a multi-leader cluster (${CONFLICTS.join(', ')})`,
    );
  }
  return c as ConflictMode;
}

export function checkReplication(r: string): ReplicationTopology {
  if (!(REPLICATIONS as readonly string[]).includes(r)) {
    throw new SimulationError(`replication "${r}" is not one of ${REPLICATIONS.join(', ')}`);
  }
  return r as ReplicationTopology;
}

/** Each follower's source node index, refusing unknown, missing or looping upstreams. */
function sources(sim: Simulation): number[] {
  const out = sim.nodes.map(() => -1);
  for (const n of sim.nodes) {
    if (n.role === 'leader') continue;
    const up = n.cfg.upstream;
    if (up === undefined) {
      throw new SimulationError(
        `follower "${n.id}" of a multi-leader cluster needs an upstream (the leader it replicates)`,
      );
    }
    const src = sim.byId.get(up);
    if (!src || src === n) {
      throw new SimulationError(
        `follower "${n.id}" has upstream "${up}", which is not another node`,
      );
    }
    out[n.idx] = src.idx;
  }
  for (const n of sim.nodes) {
    let cur = n.idx;
    for (let hops = 0; out[cur]! >= 0; hops++) {
      if (hops > sim.nodes.length) {
        throw new SimulationError(`follower "${n.id}": its upstreams form a loop`);
      }
      cur = out[cur]!;
    }
  }
  return out;
}

export function formMultiLeaderCluster(sim: Simulation): MultiLeaderState {
  const cfg = sim.cfg;
  const leaders = sim.nodes.filter((n) => n.role === 'leader').map((n) => n.idx);
  if (leaders.length < 2) {
    throw new SimulationError(
      `a multi-leader cluster needs at least two nodes with role: leader, found ${leaders.length}`,
    );
  }
  if (leaders.length > MAX_LEADERS) {
    throw new SimulationError(`a multi-leader cluster has at most ${MAX_LEADERS} leaders`);
  }
  if (cfg.capacity !== undefined || sim.nodes.some((n) => n.cfg.capacity !== undefined)) {
    throw new SimulationError('capacity is not simulated on a multi-leader cluster');
  }
  const source = sources(sim);
  const rank = sim.nodes.map(() => -1);
  leaders.forEach((l, i) => {
    rank[l] = i;
  });
  const links: Link[] = [];
  const out: Link[][] = sim.nodes.map(() => []);
  const link = (from: number, to: number, toFollower: boolean) => {
    const l: Link = {
      id: links.length,
      from,
      to,
      toFollower,
      queue: [],
      head: 0,
      gen: 0,
      held: false,
      lastArrival: 0,
    };
    links.push(l);
    out[from]!.push(l);
  };
  for (const a of leaders) for (const b of leaders) if (a !== b) link(a, b, false);
  source.forEach((s, f) => {
    if (s >= 0) link(s, f, true);
  });
  const ml: MultiLeaderState = {
    conflict: checkConflict(cfg.conflict ?? 'lww'),
    replication: checkReplication(cfg.replication ?? 'all-to-all'),
    ids: sim.nodes.map((n) => n.id),
    leaders,
    rank,
    source,
    stores: sim.nodes.map(() => new Map()),
    seen: sim.nodes.map(() => new Map()),
    counters: new Map(),
    links,
    out,
    byOp: [],
    written: new Map(),
    sight: [],
    requests: [],
    freeRequests: [],
    conflicts: [],
    conflictPairs: new Set(),
    discardNoted: new Set(),
    earlyNoted: new Set(),
  };
  sim.multiLeader = ml;
  return ml;
}
