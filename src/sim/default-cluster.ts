// A leader-based cluster config with the simulator's defaults, for code that builds clusters
// directly (generated quiz questions, tests, benchmarks) rather than from a lesson file.
import type { ClusterConfig, NodeConfig } from './types.js';

export function defaultCluster(
  nodes: NodeConfig[],
  over: Partial<ClusterConfig> = {},
): ClusterConfig {
  return {
    topology: 'leader',
    mode: 'async',
    minAcks: 1,
    ackOn: 'receive',
    onTimeout: 'unknown',
    log: 'row',
    netDelay: 1,
    clientTimeout: 10_000,
    dataSize: 0,
    nodes,
    ...over,
  };
}
