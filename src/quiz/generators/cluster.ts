// Small builders for the clusters that generators simulate. Writes and lags sit on a 100 ms
// grid and questions are asked 50 ms past a grid line, so no entry lands while the learner's
// read is in flight: the state the question shows is the state the read meets.
import {
  type ClusterConfig,
  type Command,
  defaultCluster,
  type NodeConfig,
  type OpRecord,
  type Simulation,
} from '../../sim/index.js';

export const GRID_MS = 100;
/** Offset from the grid at which questions are asked. */
export const ASK_OFFSET_MS = 50;

export function leaderCluster(
  followers: Omit<NodeConfig, 'role'>[],
  over: Partial<ClusterConfig> = {},
): ClusterConfig {
  return defaultCluster(
    [
      { id: 'primary', role: 'leader' },
      ...followers.map((f): NodeConfig => ({ ...f, role: 'follower' })),
    ],
    over,
  );
}

export function replicaIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `replica-${i + 1}`);
}

/** Applies an operation and runs the simulation until it completes (or a minute passes). */
export function runOp(sim: Simulation, cmd: Command, limit = 60_000): OpRecord {
  const id = sim.apply(cmd);
  if (id === undefined) throw new Error(`${cmd.type} is not an operation`);
  sim.runUntilCondition(() => !sim.ops.isPending(id), sim.now + limit);
  return sim.ops.at(id)!;
}

/**
 * Writes by `client` at every multiple of `gap` in [from, to), the n-th to `key(n)` with
 * value n; numbering starts at `first`. Returns the next number, to continue the stream.
 */
export function backgroundWrites(
  sim: Simulation,
  opts: { from: number; to: number; gap: number; client: string; key: (n: number) => string },
  first = 1,
): number {
  let n = first;
  for (let t = Math.ceil(opts.from / opts.gap) * opts.gap; t < opts.to; t += opts.gap, n++) {
    sim.runUntil(t);
    sim.apply({ type: 'write', client: opts.client, key: opts.key(n), value: n });
  }
  return n;
}

/** Applied LSN of every node, in configuration order. */
export function appliedLsns(sim: Simulation): Map<string, number> {
  return new Map(sim.snapshot().nodes.map((n) => [n.id, n.appliedLsn]));
}

/** Received LSN of every node, in configuration order. */
export function receivedLsns(sim: Simulation): Map<string, number> {
  return new Map(sim.snapshot().nodes.map((n) => [n.id, n.receivedLsn]));
}

/** "primary", "primary and replica-2", "primary, replica-1 and replica-3". */
export function nodeList(ids: readonly string[]): string {
  if (ids.length === 0) return 'no node';
  if (ids.length === 1) return ids[0]!;
  return `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}

/** Seconds for prompts: 1.2 s, 0.3 s. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}
