// Builders for multi-leader simulator tests.
import type {
  ClientConfig,
  ClusterConfig,
  ConflictMode,
  NodeConfig,
  ReplicationTopology,
} from '../../../src/sim/index.js';
import { defaultCluster, Simulation } from '../../../src/sim/index.js';

type NodeSpec = Partial<NodeConfig> & { id: string };

/** Leaders (and followers, given with an upstream) of a multi-leader cluster. */
export function multiLeader(
  nodes: NodeSpec[],
  conflict: ConflictMode = 'lww',
  replication: ReplicationTopology = 'all-to-all',
  over: Partial<ClusterConfig> = {},
): ClusterConfig {
  return defaultCluster(
    nodes.map((n) => ({ role: n.upstream !== undefined ? 'follower' : 'leader', ...n })),
    { topology: 'multi-leader', conflict, replication, ...over },
  );
}

/** One client per leader: `a` at home on dc1, `b` on dc2, `c` on dc3. */
export const HOMES: ClientConfig[] = [
  { id: 'a', policy: 'leader', home: 'dc1' },
  { id: 'b', policy: 'leader', home: 'dc2' },
  { id: 'c', policy: 'leader', home: 'dc3' },
];

export function mlSim(cfg: ClusterConfig, seed = 1): Simulation {
  const ids = new Set(cfg.nodes.map((n) => n.id));
  return new Simulation(cfg, {
    seed,
    clients: HOMES.filter((c) => ids.has(c.home!)),
  });
}
