// Small builders for simulator tests.

import type { ClientConfig, ClusterConfig, NodeConfig } from '../../src/sim/index.js';
import { Simulation } from '../../src/sim/index.js';

export function config(nodes: NodeConfig[], over: Partial<ClusterConfig> = {}): ClusterConfig {
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

/** primary + followers with the given lags (ms). */
export function threeNodes(
  lags: number[] = [1000, 5000],
  over: Partial<ClusterConfig> = {},
): ClusterConfig {
  return config(
    [
      { id: 'primary', role: 'leader' },
      ...lags.map((lag, i): NodeConfig => ({ id: `replica-${i + 1}`, role: 'follower', lag })),
    ],
    over,
  );
}

export function sim(cfg: ClusterConfig, seed = 1, clients: ClientConfig[] = []): Simulation {
  return new Simulation(cfg, { seed, clients });
}

/** Runs a write or read to completion and returns its op record. */
export function runOp(s: Simulation, cmd: Parameters<Simulation['apply']>[0], limit = 120_000) {
  const id = s.apply(cmd);
  if (id === undefined) throw new Error('not an operation');
  const op = s.ops[id]!;
  s.runUntilCondition(() => op.outcome !== 'pending', s.now + limit);
  return op;
}
