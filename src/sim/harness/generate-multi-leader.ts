// The multi-leader mode of the fuzz generator: from a seed, a multi-leader cluster (2–4
// leaders, up to two followers replicating a leader or another follower, any conflict policy,
// all-to-all, ring or star, lags fixed or ranged, skewed leader clocks), clients at home on
// different leaders, writes (some `via` another leader), reads from any node, a workload, and
// faults as swarm kinds: crash and restart, partition and heal, pause, lag changes, a switch
// of replication topology, wipe.
import { defaultCluster } from '../default-cluster.js';
import type { ClientConfig, ClusterConfig, ConflictMode, NodeConfig } from '../types.js';
import type { FuzzCase } from './generate.js';
import { Schedule, sortByTime } from './schedule.js';

export const MULTI_LEADER_FAULT_KINDS = [
  'crash',
  'partition',
  'pause',
  'lag',
  'replication',
  'wipe',
] as const;
export type MultiLeaderFaultKind = (typeof MULTI_LEADER_FAULT_KINDS)[number];

const CLIENTS = ['a', 'b', 'c'];
const CONFLICTS: readonly ConflictMode[] = ['lww', 'replica-id', 'siblings', 'none'];
const SPAN = 5000;
const SETTLE = 31_000;

export function generateMultiLeaderCase(seed: number): FuzzCase {
  const sch = new Schedule(seed);
  const leaders = Array.from({ length: sch.rng.int(2, 4) }, (_, i) => `dc${i + 1}`);
  const config = cluster(sch, leaders);
  const ids = config.nodes.map((n) => n.id);
  const clients: ClientConfig[] = CLIENTS.map((id) => ({
    id,
    policy: 'leader',
    home: sch.pick(leaders),
  }));
  const writes = sch.rng.int(5, 40);
  for (let i = 0; i < writes; i++) {
    const client = sch.pick(CLIENTS);
    sch.at(sch.time(0, SPAN), {
      type: 'write',
      client,
      key: `k${sch.rng.int(1, 4)}`,
      value: `${client}-${i}`,
      ...(sch.chance(0.2) ? { via: sch.pick(leaders) } : {}),
    });
  }
  const reads = sch.rng.int(5, 30);
  for (let i = 0; i < reads; i++) {
    sch.at(sch.time(0, SPAN + 1000), {
      type: 'read',
      client: sch.pick(CLIENTS),
      key: `k${sch.rng.int(1, 4)}`,
      from: sch.chance(0.5) ? 'route' : sch.pick(ids),
    });
  }
  if (sch.chance(0.3)) {
    const t = sch.time(0, SPAN);
    sch.at(t, {
      type: 'workload',
      tag: `w${t}`,
      spec: {
        clients: sch.rng.int(1, 4),
        duration: sch.rng.int(200, 2000),
        writes: sch.rng.next(),
        readAfterWrite: sch.rng.next(),
        keys: sch.rng.int(1, 4),
        rate: sch.rng.int(2, 20),
        policy: 'leader',
      },
    });
  }
  const kinds = MULTI_LEADER_FAULT_KINDS.filter((k) => sch.chance(k === 'wipe' ? 0.15 : 0.5));
  for (let f = kinds.length > 0 ? sch.rng.int(1, 8) : 0; f > 0; f--) {
    fault(sch, sch.pick(kinds), ids);
  }
  return {
    seed,
    config,
    clients,
    steps: sortByTime(sch.items),
    until: SPAN + 1500,
    settle: SETTLE,
  };
}

function cluster(sch: Schedule, leaders: readonly string[]): ClusterConfig {
  const nodes: NodeConfig[] = leaders.map((id) => ({
    id,
    role: 'leader',
    lag: sch.lag(800),
    ...(sch.chance(0.4) ? { clockSkew: sch.rng.int(-1000, 1000) } : {}),
  }));
  const followers = sch.rng.int(0, 2);
  for (let i = 0; i < followers; i++) {
    const upstream = sch.pick(nodes.map((n) => n.id));
    nodes.push({ id: `f${i + 1}`, role: 'follower', upstream, lag: sch.lag(400) });
  }
  return defaultCluster(nodes, {
    topology: 'multi-leader',
    clientTimeout: 2000,
    conflict: sch.pick(CONFLICTS),
    replication: sch.pick(['all-to-all', 'ring', 'star'] as const),
  });
}

function fault(sch: Schedule, kind: MultiLeaderFaultKind, ids: readonly string[]): void {
  const t = sch.time(0, SPAN);
  const node = () => sch.pick(ids);
  switch (kind) {
    case 'crash':
      sch.crashRestart(node(), t, t, 0.8, 3000);
      return;
    case 'partition': {
      const cut = ids.filter(() => sch.chance(0.5));
      if (sch.chance(0.3)) cut.push(sch.pick(CLIENTS));
      sch.at(t, { type: 'partition', groups: [cut] });
      if (sch.chance(0.8)) sch.at(t + sch.time(100, 3000), { type: 'heal' });
      return;
    }
    case 'pause':
      sch.at(t, { type: 'pause', node: node(), for: sch.time(10, 2000) });
      return;
    case 'lag':
      sch.at(t, { type: 'set-node', node: node(), params: { lag: sch.lag(1500) } });
      return;
    case 'replication':
      sch.at(t, {
        type: 'set-cluster',
        params: { replication: sch.pick(['all-to-all', 'ring', 'star'] as const) },
      });
      return;
    case 'wipe':
      sch.at(t, { type: 'wipe', node: node() });
      return;
  }
}
