// Lag-metric goal keys (lagBytes, receivedLag, replayAge, secondsBehind, retained, diskUsed)
// in words, for a choose's feedback: what the simulator measured for each node the goal names.
import { type NodeMetrics, nodeSnapshot, type Simulation } from '../../sim/index.js';
import { formatBytes } from '../format/byte-size.js';
import type { Expect } from '../format/types.js';
import { duration } from './describe-outcome.js';

export const METRIC_GOAL_KEYS = [
  'lagBytes',
  'receivedLag',
  'replayAge',
  'secondsBehind',
  'retained',
  'diskUsed',
] as const satisfies readonly (keyof Expect)[];
export type MetricGoalKey = (typeof METRIC_GOAL_KEYS)[number];

export function isMetricKey(key: string): key is MetricGoalKey {
  return (METRIC_GOAL_KEYS as readonly string[]).includes(key);
}

/** One phrase per node the goal names, e.g. `primary's disk: 470 GB of 500 GB used`. */
export function metricFacts(
  sim: Simulation,
  key: MetricGoalKey,
  nodes: readonly string[],
): string[] {
  const leader = sim.currentLeader();
  return nodes.map((id) => {
    const n = sim.byId.get(id);
    const m = n ? nodeSnapshot(sim, n, leader).metrics : undefined;
    return m ? phrase(key, id, m) : `${id} does not exist`;
  });
}

function phrase(key: MetricGoalKey, id: string, m: NodeMetrics): string {
  switch (key) {
    case 'lagBytes':
      return `${id} is ${formatBytes(m.appliedBehindBytes)} behind`;
    case 'receivedLag':
      return m.receivedBehindEntries === 0
        ? `${id} has received every entry`
        : `${id} is missing ${m.receivedBehindEntries} ${m.receivedBehindEntries === 1 ? 'entry' : 'entries'}`;
    case 'replayAge':
      return m.replayAge === null
        ? `${id} has no replay age`
        : `${id}'s replay age is ${duration(m.replayAge)}`;
    case 'secondsBehind':
      return `${id}'s Seconds_Behind_Source is ${m.secondsBehind ?? 'NULL'}`;
    case 'retained':
      return `${id} keeps ${formatBytes(m.retainedBytes)} of log`;
    case 'diskUsed':
      return m.disk === null
        ? `${id} uses ${formatBytes(m.diskUsed)} of disk`
        : `${id}'s disk: ${formatBytes(m.diskUsed)} of ${formatBytes(m.disk)} used`;
  }
}
