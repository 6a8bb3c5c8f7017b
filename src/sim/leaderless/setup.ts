// Forming a leaderless cluster: no roles, the first n nodes are every key's home replicas,
// the rest fallbacks; quorum settings checked and their defaults filled in.
import type { Simulation } from '../simulation.js';
import { SimulationError } from '../simulation-error.js';
import type { QuorumConfig } from '../types.js';
import { startAntiEntropy } from './maintenance.js';
import type { LeaderlessState, Quorum } from './state.js';

/** The quorum settings with defaults, or a refusal naming what is wrong. */
export function resolveQuorum(q: QuorumConfig | undefined, nodes: number): Quorum {
  const n = q?.n ?? Math.min(3, nodes);
  const majority = Math.floor(n / 2) + 1;
  const out: Quorum = {
    n,
    w: q?.w ?? majority,
    r: q?.r ?? majority,
    sloppy: q?.sloppy ?? false,
    readRepair: q?.readRepair ?? false,
    antiEntropy: q?.antiEntropy,
    readFrom: q?.readFrom ?? 'all',
  };
  checkQuorum(out, nodes);
  return out;
}

export function checkQuorum(q: Quorum, nodes: number): void {
  const whole = (x: number) => Number.isInteger(x) && x >= 1;
  if (!whole(q.n) || q.n > nodes) {
    throw new SimulationError(`quorum n (${q.n}) must be between 1 and the ${nodes} nodes`);
  }
  for (const k of ['w', 'r'] as const) {
    if (!whole(q[k]) || q[k] > q.n) {
      throw new SimulationError(`quorum ${k} (${q[k]}) must be between 1 and n (${q.n})`);
    }
  }
  if (q.antiEntropy !== undefined && !(q.antiEntropy > 0)) {
    throw new SimulationError(`quorum antiEntropy (${q.antiEntropy}) must be a positive duration`);
  }
}

export function formLeaderlessCluster(sim: Simulation): LeaderlessState {
  const cfg = sim.cfg;
  const conflict = cfg.conflict ?? 'lww';
  if (conflict !== 'lww' && conflict !== 'siblings') {
    throw new SimulationError(
      `conflict "${conflict}" does not apply to a leaderless cluster (lww or siblings)`,
    );
  }
  const leader = sim.nodes.find((n) => n.role === 'leader');
  if (leader) throw new SimulationError(`a leaderless cluster has no leader ("${leader.id}")`);
  const count = sim.nodes.length;
  const ll: LeaderlessState = {
    quorum: resolveQuorum(cfg.quorum, count),
    conflict,
    replicas: sim.nodes.map(() => ({ store: new Map(), hints: [] })),
    slots: [],
    freeSlots: [],
    freeMsgs: [],
    writes: new Map(),
    reads: new Map(),
    byOp: [],
    singleReads: new Set(),
    counters: new Map(),
    seen: [],
    conflicts: [],
    conflictPairs: new Set(),
    discardNoted: new Set(),
    lastArrival: sim.nodes.map(() => 0),
    antiEntropyTimer: 0,
  };
  sim.leaderless = ll;
  startAntiEntropy(sim, ll);
  return ll;
}
