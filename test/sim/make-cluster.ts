// Small builders for simulator tests.

import type {
  ClientConfig,
  ClusterConfig,
  Command,
  FailoverConfig,
  NodeConfig,
  OpRecord,
} from '../../src/sim/index.js';
import { defaultCluster, Simulation } from '../../src/sim/index.js';
import type { SimNode } from '../../src/sim/state.js';

export function config(nodes: NodeConfig[], over: Partial<ClusterConfig> = {}): ClusterConfig {
  return defaultCluster(nodes, over);
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

/** Automatic failover with short timers (heartbeat 1 s, timeout 5 s) and no guards. */
export function failover(over: Partial<FailoverConfig> = {}): FailoverConfig {
  return { auto: true, heartbeat: 1000, timeout: 5000, fencing: false, quorum: false, ...over };
}

export function sim(cfg: ClusterConfig, seed = 1, clients: ClientConfig[] = []): Simulation {
  return new Simulation(cfg, { seed, clients });
}

/** Runs a write or read to completion and returns its op record. */
export function runOp(s: Simulation, cmd: Command, limit = 120_000): OpRecord {
  const id = s.apply(cmd);
  if (id === undefined) throw new Error('not an operation');
  s.runUntilCondition(() => !s.ops.isPending(id), s.now + limit);
  return s.ops.at(id)!;
}

/**
 * Starts a write or read and returns its op record, live: each field is read from the
 * simulation when it is used (`sim.ops.at` returns a copy as of the call).
 */
export function start(s: Simulation, cmd: Command): OpRecord {
  const id = s.apply(cmd);
  if (id === undefined) throw new Error('not an operation');
  const now = () => s.ops.at(id)!;
  return new Proxy({} as OpRecord, {
    get: (_, p) => Reflect.get(now(), p),
    has: (_, p) => Reflect.has(now(), p),
    ownKeys: () => Reflect.ownKeys(now()),
    getOwnPropertyDescriptor: (_, p) => Reflect.getOwnPropertyDescriptor(now(), p),
  });
}

export function write(
  s: Simulation,
  key: string,
  value: string | number,
  extra: Partial<Extract<Command, { type: 'write' }>> = {},
): OpRecord {
  return runOp(s, { type: 'write', client: 'you', key, value, ...extra });
}

export function read(s: Simulation, key: string, from: string, client = 'you'): OpRecord {
  return runOp(s, { type: 'read', client, key, from });
}

/** The simulator's internal node (tests look at logs by identity). */
export function node(s: Simulation, id: string): SimNode {
  return s.node(id);
}

/** A node's status in a fresh snapshot. */
export function status(s: Simulation, id: string): string {
  return s.snapshot().nodes.find((n) => n.id === id)!.status;
}

/** Types of history events of one kind, for compact assertions. */
export function faults(s: Simulation): string[] {
  return s.history
    .toArray()
    .flatMap((e) => (e.type === 'fault' ? [`${e.t} ${e.fault}${e.node ? ` ${e.node}` : ''}`] : []));
}
