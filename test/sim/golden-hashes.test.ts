// Golden trace hashes: fixed configs, seeds and schedules, one at least for every kind of
// fault, with the trace hash each run had when it was pinned. Any change of the simulator's
// behaviour shows here as a changed hash. When a change is meant, update the pins
// deliberately (src/sim/README.md, "Golden trace hashes").
import { describe, expect, it } from 'vitest';
import {
  type ClusterConfig,
  type Command,
  defaultCluster,
  type NodeConfig,
  playSchedule,
  Simulation,
  type Timed,
  traceHash,
} from '../../src/sim/index.js';

interface Golden {
  /** History events the run must contain (fault names, or event types), so it shows its point. */
  shows: string[];
  seed: number;
  config: ClusterConfig;
  steps: [number, Command][];
  until: number;
}

const FAILOVER = { auto: true, heartbeat: 100, timeout: 500, fencing: false, quorum: false };

function nodes(...lags: NodeConfig['lag'][]): NodeConfig[] {
  return [
    { id: 'n1', role: 'leader' },
    ...lags.map((lag, i): NodeConfig => ({ id: `n${i + 2}`, role: 'follower', lag })),
  ];
}

function writes(from: number, count: number, every = 97): [number, Command][] {
  return Array.from({ length: count }, (_, i): [number, Command] => [
    from + i * every,
    { type: 'write', client: `c${i % 3}`, key: `k${i % 4}`, value: `v${i}` },
  ]);
}

function reads(from: number, count: number, node = 'route', every = 89): [number, Command][] {
  return Array.from({ length: count }, (_, i): [number, Command] => [
    from + i * every,
    { type: 'read', client: `c${i % 3}`, key: `k${i % 4}`, from: node },
  ]);
}

const GOLDEN: Record<string, Golden> = {
  'crash and restart a follower (async)': {
    shows: ['crash', 'restart'],
    seed: 1,
    config: defaultCluster(nodes(50, { min: 20, max: 300 })),
    steps: [
      ...writes(0, 12),
      [300, { type: 'crash', node: 'n2' }],
      [900, { type: 'restart', node: 'n2' }],
    ],
    until: 3000,
  },
  'leader crash, automatic failover (sync)': {
    shows: ['crash', 'election', 'restart', 'step-down'],
    seed: 2,
    config: defaultCluster(nodes(40, 120), { mode: 'sync', failover: FAILOVER }),
    steps: [
      ...writes(0, 10),
      [450, { type: 'crash', node: 'n1' }],
      [2500, { type: 'restart', node: 'n1' }],
    ],
    until: 5000,
  },
  'partition without fencing: split brain, heal, truncation': {
    shows: ['partition', 'election', 'heal', 'truncate'],
    seed: 3,
    config: defaultCluster(nodes(30, 30), { failover: FAILOVER }),
    steps: [
      [100, { type: 'partition', groups: [['n1', 'c0']] }],
      ...writes(200, 10, 150),
      [2000, { type: 'heal' }],
    ],
    until: 4000,
  },
  'partition with fencing and quorum': {
    shows: ['partition', 'step-down', 'election', 'heal'],
    seed: 4,
    config: defaultCluster(nodes(30, 60), {
      mode: 'semi-sync',
      failover: { ...FAILOVER, fencing: true, quorum: true },
    }),
    steps: [
      [100, { type: 'partition', groups: [['n1']] }],
      ...writes(150, 10, 120),
      [1800, { type: 'heal' }],
    ],
    until: 4000,
  },
  'pause the leader': {
    shows: ['pause', 'election', 'fenced'],
    seed: 5,
    config: defaultCluster(nodes(25, 25), { failover: { ...FAILOVER, fencing: true } }),
    steps: [...writes(0, 8, 200), [300, { type: 'pause', node: 'n1', for: 900 }]],
    until: 3000,
  },
  'change lag, throughput and replay': {
    shows: ['set'],
    seed: 6,
    config: defaultCluster([
      { id: 'n1', role: 'leader' },
      { id: 'n2', role: 'follower', lag: 10, throughput: 20, replay: 30 },
      { id: 'n3', role: 'follower', lag: { min: 5, max: 50 } },
    ]),
    steps: [
      ...writes(0, 20, 30),
      ...reads(50, 10),
      [200, { type: 'set-node', node: 'n3', params: { lag: 800 } }],
      [400, { type: 'set-node', node: 'n2', params: { throughput: 5, replay: 0 } }],
    ],
    until: 5000,
  },
  'manual promote (switchover)': {
    shows: ['election', 'step-down'],
    seed: 7,
    config: defaultCluster(nodes(60, 200), { failover: FAILOVER }),
    steps: [...writes(0, 6), [250, { type: 'promote', node: 'n3' }], ...writes(600, 4)],
    until: 2500,
  },
  'wipe a follower, then resync it': {
    shows: ['wipe', 'copy', 'copied'],
    seed: 8,
    config: defaultCluster(nodes(20, 20), { dataSize: 5000 }),
    steps: [
      ...writes(0, 8),
      [400, { type: 'wipe', node: 'n2' }],
      [600, { type: 'resync', node: 'n2', rate: 50 }],
      ...writes(700, 4),
    ],
    until: 3000,
  },
  'backup, failing backup, restore': {
    shows: ['backup', 'wipe', 'restore', 'restored'],
    seed: 9,
    config: defaultCluster(nodes(20), { dataSize: 2000 }),
    steps: [
      ...writes(0, 6),
      [500, { type: 'backup', from: 'n2', id: 'good', fails: false }],
      [600, { type: 'backup', from: 'n1', id: 'bad', fails: true }],
      [700, { type: 'wipe', node: 'n1' }],
      [800, { type: 'restore', node: 'n1', from: 'good', rate: 10 }],
      ...writes(1500, 3),
    ],
    until: 3000,
  },
  'add a follower from a snapshot': {
    shows: ['copy', 'copied'],
    seed: 10,
    config: defaultCluster(nodes(30), { dataSize: 10_000, retain: 5 }),
    steps: [
      ...writes(0, 10, 50),
      [300, { type: 'add-follower', node: { id: 'n9', role: 'follower', lag: 40 }, rate: 20 }],
      ...writes(400, 10, 50),
    ],
    until: 3000,
  },
  'set-cluster: semi-sync degrades after an ack timeout, then async': {
    shows: ['crash', 'note', 'restart', 'set'],
    seed: 11,
    config: defaultCluster(nodes(30, 30), {
      mode: 'semi-sync',
      minAcks: 2,
      ackTimeout: 300,
      onTimeout: 'degrade',
    }),
    steps: [
      [50, { type: 'crash', node: 'n3' }],
      ...writes(100, 6),
      [1200, { type: 'restart', node: 'n3' }],
      [1500, { type: 'set-cluster', params: { mode: 'async', retain: 3 } }],
      ...writes(1600, 4),
    ],
    until: 3500,
  },
  'cascade: set upstream, the middle node crashes': {
    shows: ['set', 'crash', 'restart'],
    seed: 12,
    config: defaultCluster(
      [
        { id: 'n1', role: 'leader' },
        { id: 'n2', role: 'follower', lag: 30 },
        { id: 'n3', role: 'follower', lag: 30, upstream: 'n2' },
        { id: 'n4', role: 'follower', lag: 30 },
      ],
      { failover: FAILOVER },
    ),
    steps: [
      ...writes(0, 8),
      [300, { type: 'set-node', node: 'n4', params: { upstream: 'n3' } }],
      [600, { type: 'crash', node: 'n2' }],
      [1500, { type: 'restart', node: 'n2' }],
    ],
    until: 3000,
  },
  'sync marks: only marked followers block': {
    shows: ['set', 'crash'],
    seed: 13,
    config: defaultCluster(
      [
        { id: 'n1', role: 'leader' },
        { id: 'n2', role: 'follower', lag: 50, sync: true },
        { id: 'n3', role: 'follower', lag: 400 },
      ],
      { mode: 'sync', ackOn: 'apply' },
    ),
    steps: [
      ...writes(0, 5),
      [300, { type: 'set-node', node: 'n3', params: { sync: true } }],
      ...writes(400, 5),
      [900, { type: 'crash', node: 'n2' }],
      ...writes(1000, 3),
    ],
    until: 4000,
  },
  'statement-based log: NOW(), RAND(), auto-increment, long transactions': {
    shows: [],
    seed: 14,
    config: defaultCluster(
      [
        { id: 'n1', role: 'leader' },
        { id: 'n2', role: 'follower', lag: 40, clockSkew: 250 },
      ],
      { log: 'statement' },
    ),
    steps: [
      [0, { type: 'write', client: 'a', key: 'users', value: 'NOW()', autoId: true }],
      [
        10,
        { type: 'write', client: 'a', key: 'users', value: 'RAND()', autoId: true, txnTime: 200 },
      ],
      [20, { type: 'write', client: 'b', key: 'token', value: 'id-UUID()' }],
      [300, { type: 'read', client: 'a', key: 'users/1', from: 'n2' }],
    ],
    until: 1000,
  },
  'workload with routing policies, clients and a partition': {
    shows: ['note', 'partition', 'heal'],
    seed: 15,
    config: defaultCluster(nodes({ min: 5, max: 400 }, { min: 5, max: 400 }, 100), {
      clientTimeout: 1000,
      failover: { ...FAILOVER, quorum: true },
    }),
    steps: [
      [0, { type: 'client', client: { id: 'u1', policy: 'read-your-writes', user: 'ann' } }],
      [0, { type: 'client', client: { id: 'u2', policy: 'bounded-lag', maxLag: 100 } }],
      ...reads(10, 10),
      [
        0,
        {
          type: 'workload',
          tag: 'w',
          spec: {
            clients: 4,
            duration: 3000,
            writes: 0.4,
            readAfterWrite: 0.5,
            keys: 5,
            rate: 10,
            policy: 'monotonic',
          },
        },
      ],
      [1000, { type: 'partition', groups: [['n4', 'w-c1']] }],
      [2000, { type: 'heal' }],
    ],
    until: 5000,
  },
  'capacity: a hot leader queues, replicas take reads': {
    shows: ['note'],
    seed: 16,
    config: defaultCluster(nodes(20, 20), { capacity: 200, clientTimeout: 5000 }),
    steps: [
      [
        0,
        {
          type: 'workload',
          tag: 'hot',
          spec: {
            clients: 10,
            duration: 2000,
            writes: 0.2,
            readAfterWrite: 0,
            keys: 5,
            rate: 30,
            policy: 'leader',
          },
        },
      ],
      [500, { type: 'set-node', node: 'n2', params: { capacity: 50 } }],
      ...reads(600, 10, 'n2', 3),
      [1500, { type: 'crash', node: 'n2' }],
    ],
    until: 4000,
  },
  'WAL archive: both hosts lost, restore until latest; delayed replica promoted until': {
    shows: ['restore', 'restored', 'recovery-target', 'truncate'],
    seed: 18,
    config: defaultCluster(
      [
        { id: 'n1', role: 'leader' },
        { id: 'n2', role: 'follower', lag: 20 },
        { id: 'n3', role: 'follower', lag: 20, replay: 400 },
      ],
      { dataSize: 3000, archive: { every: 100 } },
    ),
    steps: [
      ...writes(0, 6),
      [600, { type: 'backup', from: 'n2', id: 'base', fails: false }],
      ...writes(650, 4),
      [1100, { type: 'crash', node: 'n1' }],
      [1100, { type: 'wipe', node: 'n1' }],
      [1105, { type: 'crash', node: 'n2' }],
      [1105, { type: 'wipe', node: 'n2' }],
      [1110, { type: 'restart', node: 'n2' }],
      [
        1110,
        { type: 'restore', node: 'n2', from: 'base', rate: 10, until: 'latest', replayRate: 5 },
      ],
      [3000, { type: 'promote', node: 'n2' }],
      ...writes(3100, 4),
      [3450, { type: 'promote', node: 'n3', until: 3250 }],
      ...writes(3550, 2),
    ],
    until: 5000,
  },
  'syncStandbys: first 1 moves on after a crash and a partition; then any 2': {
    shows: ['crash', 'partition', 'note', 'set'],
    seed: 17,
    config: defaultCluster(nodes(150, 40, 10), {
      mode: 'sync',
      syncStandbys: { first: 1 },
      ackTimeout: 300,
    }),
    steps: [
      ...writes(0, 4),
      [450, { type: 'crash', node: 'n2' }],
      ...writes(500, 4),
      [900, { type: 'partition', groups: [['n3']] }],
      ...writes(950, 4),
      [1500, { type: 'heal' }],
      [1600, { type: 'restart', node: 'n2' }],
      [2000, { type: 'set-cluster', params: { syncStandbys: { any: 2 } } }],
      ...writes(2100, 4),
    ],
    until: 4000,
  },
};

/** The hash of each scenario when it was pinned. */
const PINNED: Record<string, string> = {
  'crash and restart a follower (async)': '036622b9',
  'leader crash, automatic failover (sync)': '2bbafef9',
  'partition without fencing: split brain, heal, truncation': 'b981057d',
  'partition with fencing and quorum': '629c8f55',
  'pause the leader': 'd9c29378',
  'change lag, throughput and replay': 'c164bb0a',
  'manual promote (switchover)': 'de481260',
  'wipe a follower, then resync it': '951f006d',
  'backup, failing backup, restore': 'fc34308b',
  'add a follower from a snapshot': '0c4cafc9',
  'set-cluster: semi-sync degrades after an ack timeout, then async': '7c9b2995',
  'cascade: set upstream, the middle node crashes': '435a3f0d',
  'sync marks: only marked followers block': '827d79f9',
  'statement-based log: NOW(), RAND(), auto-increment, long transactions': '05f6a240',
  'workload with routing policies, clients and a partition': 'a4ff7306',
  'capacity: a hot leader queues, replicas take reads': 'a72418aa',
  'syncStandbys: first 1 moves on after a crash and a partition; then any 2': 'f1d31a3b',
  'WAL archive: both hosts lost, restore until latest; delayed replica promoted until': '3379904c',
};

function hashOf(g: Golden): string {
  const sim = new Simulation(g.config, { seed: g.seed });
  const steps: Timed[] = g.steps.map(([t, cmd]) => ({ t, cmd })).sort((a, b) => a.t - b.t);
  playSchedule(sim, steps, g.until);
  return traceHash(sim);
}

describe('golden trace hashes', () => {
  it('every pinned scenario runs exactly as when it was pinned', () => {
    const actual = Object.fromEntries(Object.entries(GOLDEN).map(([name, g]) => [name, hashOf(g)]));
    expect(actual).toEqual(PINNED);
  });

  it('the scenarios are not vacuous: each one differs, and refusals are rare', () => {
    const hashes = Object.values(GOLDEN).map(hashOf);
    expect(new Set(hashes).size).toBe(hashes.length);
    for (const [name, g] of Object.entries(GOLDEN)) {
      const sim = new Simulation(g.config, { seed: g.seed });
      const refused = playSchedule(
        sim,
        g.steps.map(([t, cmd]) => ({ t, cmd })).sort((a, b) => a.t - b.t),
        g.until,
      );
      expect(refused, name).toBe(0);
      expect(sim.history.length, name).toBeGreaterThanOrEqual(20);
      const seen = new Set(
        sim.history.toArray().map((e) => (e.type === 'fault' ? e.fault : e.type)),
      );
      for (const what of g.shows) expect(seen.has(what), `${name}: ${what}`).toBe(true);
    }
  });
});
