// Builders for leaderless simulator tests.
import type {
  ClientConfig,
  ClusterConfig,
  NodeConfig,
  QuorumConfig,
} from '../../../src/sim/index.js';
import { defaultCluster, Simulation } from '../../../src/sim/index.js';

export function leaderless(
  nodes: (Partial<NodeConfig> & { id: string })[],
  quorum: QuorumConfig,
  over: Partial<ClusterConfig> = {},
): ClusterConfig {
  return defaultCluster(
    nodes.map((n) => ({ role: 'follower', ...n })),
    { topology: 'leaderless', quorum, ...over },
  );
}

/** a, b, c (+ d, e fallbacks when asked), with per-node lags in ms. */
export function abc(
  quorum: Partial<QuorumConfig> = {},
  lags: Record<string, number> = {},
  over: Partial<ClusterConfig> = {},
  ids = ['a', 'b', 'c'],
): ClusterConfig {
  return leaderless(
    ids.map((id) => ({ id, ...(lags[id] !== undefined ? { lag: lags[id] } : {}) })),
    { n: 3, w: 2, r: 2, ...quorum },
    over,
  );
}

export function llSim(cfg: ClusterConfig, seed = 1, clients: ClientConfig[] = []): Simulation {
  return new Simulation(cfg, { seed, clients });
}
