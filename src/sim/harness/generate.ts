// The one generator of fuzz cases: from a seed, a cluster config, clients, and a schedule of
// operations, workloads and faults. Swarm testing (as in TigerBeetle's VOPR): each seed
// turns on only some kinds of fault, so that runs with few kinds (where the stricter
// invariants apply) are as common as runs with everything at once.
import { defaultCluster } from '../default-cluster.js';
import type { ClientConfig, ClusterConfig, Ms, NodeConfig, RoutingPolicyName } from '../types.js';
import { Schedule, sortByTime, type Timed } from './schedule.js';

/** Everything a run needs; plain data, so a shrinker can take steps away. */
export interface FuzzCase {
  seed: number;
  config: ClusterConfig;
  clients: ClientConfig[];
  /** Commands in time order. */
  steps: Timed[];
  /** Virtual time the schedule runs to. */
  until: Ms;
  /**
   * Then: heal the network, restart every node that is down, and run this much longer
   * (0: stop at `until`). Long enough for the convergence invariant to apply.
   */
  settle: Ms;
}

export const FAULT_KINDS = [
  'crash',
  'partition',
  'pause',
  'lag',
  'promote',
  'wipe',
  'restore',
  'add-follower',
  'resync',
  'set-cluster',
  'upstream',
  'sync-mark',
  'version',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Fault kinds that void synchronous durability (manual promote, logs rewritten, sync set changed). */
const WEAKENING: readonly FaultKind[] = [
  'promote',
  'wipe',
  'restore',
  'add-follower',
  'resync',
  'set-cluster',
  'sync-mark',
  'version',
];

const POLICIES: readonly RoutingPolicyName[] = [
  'leader',
  'random',
  'sticky',
  'read-your-writes',
  'monotonic',
  'window-after-write',
  'bounded-lag',
];

const CLIENTS = ['a', 'b', 'c'];
/** The schedule's commands fall in [0, SPAN]; the run goes on to `until`. */
const SPAN = 5000;
const SETTLE = 31_000;

export function generateCase(seed: number): FuzzCase {
  const sch = new Schedule(seed);
  const nodeCount = sch.rng.int(3, 5);
  const ids = Array.from({ length: nodeCount }, (_, i) => `n${i + 1}`);
  // One case in five keeps to what promises durability (sync mode, fencing, quorum, no
  // command that weakens them), so that the strictest invariant is checked often.
  const strict = sch.chance(0.2);
  const kinds = FAULT_KINDS.filter((k) => sch.chance(0.5) && !(strict && WEAKENING.includes(k)));
  const config = cluster(sch, ids, strict);
  const clients: ClientConfig[] = CLIENTS.map((id) => ({ id, policy: sch.pick(POLICIES) }));

  sch.writes(sch.rng.int(5, 40), 0, SPAN, CLIENTS);
  sch.reads(sch.rng.int(5, 30), 0, SPAN + 1000, CLIENTS);
  if (sch.chance(0.3)) sch.reads(sch.rng.int(1, 10), 0, SPAN, CLIENTS, 5, sch.pick(ids));
  if (sch.chance(0.5)) {
    // Statement-shaped writes: NOW()/RAND()/UUID()/SYSDATE() values, auto-increment ids,
    // long transactions, UPDATE/DELETE … LIMIT 1 on the auto-increment table.
    for (let i = sch.rng.int(1, 12); i > 0; i--) {
      const limit = sch.chance(0.25);
      sch.at(sch.time(0, SPAN), {
        type: 'write',
        client: 'c',
        key: 'users',
        value: sch.pick(['NOW()', 'RAND()', 'UUID()', 'SYSDATE()', 'x', null]),
        autoId: !limit && sch.chance(0.5),
        txnTime: sch.chance(0.3) ? sch.rng.int(1, 300) : undefined,
        ...(limit && { limit: 1, where: sch.chance(0.5) ? 'x' : undefined }),
      });
    }
  }
  if (sch.chance(0.4)) {
    const t = sch.time(0, SPAN);
    sch.at(t, {
      type: 'workload',
      tag: `w${t}`,
      spec: {
        clients: sch.rng.int(1, 4),
        duration: sch.rng.int(200, 2000),
        writes: sch.rng.next(),
        readAfterWrite: sch.rng.next(),
        keys: sch.rng.int(1, 6),
        rate: sch.rng.int(2, 20),
        policy: sch.pick(POLICIES),
      },
    });
  }
  if (kinds.length > 0) {
    for (let f = sch.rng.int(1, 8); f > 0; f--) fault(sch, sch.pick(kinds), ids);
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

function cluster(sch: Schedule, ids: readonly string[], strict: boolean): ClusterConfig {
  const nodes = ids.map(
    (id, i): NodeConfig =>
      i === 0
        ? { id, role: 'leader' }
        : {
            id,
            role: 'follower',
            lag: sch.lag(400),
            replay: sch.chance(0.5) ? sch.rng.int(0, 100) : undefined,
            throughput: sch.chance(0.15) ? sch.rng.int(5, 40) : undefined,
            upstream: i >= 2 && sch.chance(0.2) ? sch.pick(ids.slice(1, i)) : undefined,
          },
  );
  const config = defaultCluster(nodes, {
    mode: sch.pick(['async', 'sync', 'semi-sync'] as const),
    minAcks: sch.rng.int(1, 2),
    ackOn: sch.pick(['receive', 'apply'] as const),
    log: sch.pick(['row', 'statement', 'statement-pinned', 'wal'] as const),
    retain: sch.chance(0.2) ? sch.rng.int(5, 20) : undefined,
    clientTimeout: 2000,
    ackTimeout: sch.chance(0.3) ? sch.rng.int(200, 1500) : undefined,
    onTimeout: sch.pick(['unknown', 'degrade'] as const),
    dataSize: 10_000,
    failover: sch.chance(0.8)
      ? {
          auto: true,
          heartbeat: 100,
          timeout: sch.rng.int(300, 1000),
          fencing: sch.chance(0.5),
          quorum: sch.chance(0.5),
          maxLagOnFailover: sch.chance(0.2) ? 3 : undefined,
        }
      : undefined,
  });
  // Node capacity (a queue per node) and PostgreSQL-style standby choice, now and then.
  if (sch.chance(0.2)) config.capacity = sch.pick([20, 100, 500, 2000]);
  for (const n of config.nodes) if (sch.chance(0.1)) n.capacity = sch.pick([10, 50, 300]);
  // Major versions (a WAL stream is refused across them), now and then one node behind.
  if (sch.chance(0.3)) for (const n of config.nodes) n.version = sch.pick([16, 16, 17]);
  if (sch.chance(0.25)) {
    const k = sch.rng.int(1, 2);
    config.syncStandbys = sch.chance(0.5) ? { first: k } : { any: k };
  }
  if (strict) {
    config.syncStandbys = undefined;
    config.mode = 'sync';
    config.onTimeout = 'unknown';
    config.failover = {
      ...(config.failover ?? { auto: true, heartbeat: 100, timeout: 500 }),
      fencing: true,
      quorum: true,
    };
  }
  return config;
}

/** Schedules one fault of `kind` (and its undoing, where there is one) at a random time. */
function fault(sch: Schedule, kind: FaultKind, ids: readonly string[]): void {
  const t = sch.time(0, SPAN);
  // Sometimes a node that does not exist yet: the one add-follower brings in.
  const node = () => (sch.chance(0.1) ? 'n9' : sch.pick(ids));
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
    case 'promote':
      sch.at(t, { type: 'promote', node: node() });
      return;
    case 'wipe':
      sch.at(t, { type: 'wipe', node: node() });
      return;
    case 'restore':
      sch.at(t, { type: 'backup', from: node(), id: 'b', fails: sch.chance(0.3) });
      sch.at(t + sch.time(0, 2000), {
        type: 'restore',
        node: node(),
        from: 'latest-backup',
        rate: sch.pick([10, 100, 1000]),
      });
      return;
    case 'add-follower':
      sch.at(t, {
        type: 'add-follower',
        node: { id: 'n9', role: 'follower', lag: sch.lag(300) },
        rate: sch.pick([10, 100, 1000]),
      });
      return;
    case 'resync':
      sch.at(t, { type: 'resync', node: node(), rate: sch.pick([10, 100, 1000]) });
      return;
    case 'set-cluster':
      sch.at(t, {
        type: 'set-cluster',
        params: sch.pick([
          { mode: sch.pick(['async', 'sync', 'semi-sync'] as const) },
          { quorum: sch.chance(0.5) },
          { fencing: sch.chance(0.5) },
          { minAcks: sch.rng.int(1, 3) },
          { ackTimeout: sch.rng.int(200, 1500) },
          { capacity: sch.pick([20, 200, 2000]) },
          { syncStandbys: sch.chance(0.5) ? { first: 1 } : { any: sch.rng.int(1, 2) } },
          { log: sch.pick(['row', 'statement', 'statement-pinned', 'wal'] as const) },
        ]),
      });
      return;
    case 'upstream':
      sch.at(t, { type: 'set-node', node: node(), params: { upstream: sch.pick(ids) } });
      return;
    case 'sync-mark':
      sch.at(t, { type: 'set-node', node: node(), params: { sync: sch.chance(0.5) } });
      return;
    case 'version':
      sch.at(t, { type: 'set-node', node: node(), params: { version: sch.pick([16, 17]) } });
      return;
  }
}
