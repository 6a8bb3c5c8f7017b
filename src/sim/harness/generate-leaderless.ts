// The leaderless mode of the fuzz generator: from a seed, a leaderless cluster (3–5 nodes,
// n home replicas, any w and r, sloppy quorums, read repair, anti-entropy, LWW with skewed
// client clocks or siblings), clients, quorum reads and writes, and faults. One case in three
// keeps to what promises that quorum reads see acknowledged writes (w + r > n, no sloppy
// quorum, no partition, writes never overlapping), so that invariant is checked often.
import { defaultCluster } from '../default-cluster.js';
import type { ClientConfig, ClusterConfig, NodeConfig } from '../types.js';
import type { FuzzCase } from './generate.js';
import { Schedule, sortByTime } from './schedule.js';

export const LEADERLESS_FAULT_KINDS = [
  'crash',
  'partition',
  'pause',
  'lag',
  'wipe',
  'set-quorum',
] as const;
export type LeaderlessFaultKind = (typeof LEADERLESS_FAULT_KINDS)[number];

const CLIENTS = ['a', 'b', 'c'];
const SPAN = 5000;
const SETTLE = 31_000;
/** Longest a strict case's write can take: the slowest lag, then its ack. */
const STRICT_LAG = 300;

export function generateLeaderlessCase(seed: number): FuzzCase {
  const sch = new Schedule(seed);
  const nodeCount = sch.rng.int(3, 5);
  const ids = Array.from({ length: nodeCount }, (_, i) => `n${i + 1}`);
  const strict = sch.chance(1 / 3);
  const config = cluster(sch, ids, strict);
  const clients: ClientConfig[] = CLIENTS.map((id) => ({
    id,
    policy: 'leader',
    ...(sch.chance(0.3) ? { clockSkew: sch.rng.int(-500, 500) } : {}),
  }));
  if (strict) {
    // One write at a time, far enough apart that none overlaps the next.
    const count = sch.rng.int(5, 25);
    for (let i = 0; i < count; i++) {
      const client = sch.pick(CLIENTS);
      sch.at(i * (SPAN / count), {
        type: 'write',
        client,
        key: `k${sch.rng.int(1, 4)}`,
        value: `${client}-${i}`,
      });
    }
  } else {
    sch.writes(sch.rng.int(5, 40), 0, SPAN, CLIENTS, 4);
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
          keys: sch.rng.int(1, 4),
          rate: sch.rng.int(2, 20),
          policy: 'leader',
        },
      });
    }
    if (sch.chance(0.3)) sch.reads(sch.rng.int(1, 10), 0, SPAN, CLIENTS, 4, sch.pick(ids));
  }
  sch.reads(sch.rng.int(5, 30), 0, SPAN + 1000, CLIENTS, 4);
  const kinds = LEADERLESS_FAULT_KINDS.filter(
    (k) =>
      sch.chance(0.5) && !(strict && (k === 'partition' || k === 'wipe' || k === 'set-quorum')),
  );
  for (let f = kinds.length > 0 ? sch.rng.int(1, 8) : 0; f > 0; f--) {
    fault(sch, sch.pick(kinds), ids, strict);
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
    (id): NodeConfig => ({
      id,
      role: 'follower',
      lag: strict ? sch.rng.int(0, STRICT_LAG) : sch.lag(400),
    }),
  );
  const n = sch.rng.int(Math.min(3, ids.length), ids.length);
  let w = sch.rng.int(1, n);
  let r = sch.rng.int(1, n);
  if (strict && w + r <= n) {
    w = sch.rng.int(Math.ceil(n / 2), n);
    r = n - w + 1;
  }
  return defaultCluster(nodes, {
    topology: 'leaderless',
    clientTimeout: 2000,
    ackTimeout: sch.chance(0.4) ? sch.rng.int(200, 1500) : undefined,
    conflict: sch.chance(0.5) ? 'lww' : 'siblings',
    quorum: {
      n,
      w,
      r,
      sloppy: !strict && sch.chance(0.4),
      readRepair: sch.chance(0.5),
      antiEntropy: sch.chance(0.6) ? sch.rng.int(300, 3000) : undefined,
      readFrom: sch.chance(0.3) ? 'random' : 'all',
    },
  });
}

function fault(
  sch: Schedule,
  kind: LeaderlessFaultKind,
  ids: readonly string[],
  strict: boolean,
): void {
  const t = sch.time(0, SPAN);
  const node = () => sch.pick(ids);
  switch (kind) {
    case 'crash':
      sch.crashRestart(node(), t, t, 0.8, 3000);
      return;
    case 'partition': {
      const cut = ids.filter(() => sch.chance(0.5));
      if (sch.chance(0.4)) cut.push(sch.pick(CLIENTS));
      sch.at(t, { type: 'partition', groups: [cut] });
      if (sch.chance(0.8)) sch.at(t + sch.time(100, 3000), { type: 'heal' });
      return;
    }
    case 'pause':
      sch.at(t, { type: 'pause', node: node(), for: sch.time(10, 2000) });
      return;
    case 'lag':
      // A strict case keeps its lags short, so that its writes stay apart.
      sch.at(t, {
        type: 'set-node',
        node: node(),
        params: { lag: strict ? sch.rng.int(0, STRICT_LAG) : sch.lag(1500) },
      });
      return;
    case 'wipe':
      sch.at(t, { type: 'wipe', node: node() });
      return;
    case 'set-quorum':
      sch.at(t, {
        type: 'set-cluster',
        params: sch.pick([
          { leaderlessQuorum: { w: sch.rng.int(1, 3), r: sch.rng.int(1, 3) } },
          { leaderlessQuorum: { sloppy: sch.chance(0.5) } },
          { leaderlessQuorum: { readRepair: sch.chance(0.5) } },
          { leaderlessQuorum: { antiEntropy: sch.rng.int(300, 3000) } },
        ]),
      });
      return;
  }
}
