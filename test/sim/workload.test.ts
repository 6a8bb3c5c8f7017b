// Generated traffic and its summary: the experiment step compares policies on one workload.
import { describe, expect, it } from 'vitest';
import {
  type RoutingPolicyName,
  summarizeWorkload,
  type WorkloadSpec,
} from '../../src/sim/index.js';
import { sim, threeNodes } from './make-cluster.js';

const SPEC: WorkloadSpec = {
  clients: 10,
  duration: 5000,
  writes: 0.3,
  readAfterWrite: 0.5,
  keys: 4,
  rate: 10,
  policy: 'leader',
};

function run(policy: RoutingPolicyName) {
  const s = sim(threeNodes([200, 1500]), 7);
  s.apply({ type: 'workload', tag: 'w', spec: { ...SPEC, policy } });
  s.runUntil(20_000);
  return summarizeWorkload(s, s.workloads[0]!);
}

describe('workloads', () => {
  it('every client runs until the duration is over, one operation at a time', () => {
    const s = sim(threeNodes([200, 1500]), 7);
    s.apply({ type: 'workload', tag: 'w', spec: SPEC });
    s.runUntil(20_000);
    const run = s.workloads[0]!;
    expect(run.active).toBe(0);
    expect(run.clients).toHaveLength(10);
    for (const c of run.clients) {
      const mine = s.ops.slice().filter((o) => o.client === c);
      expect(mine.length).toBeGreaterThan(30);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i]!.invokedAt).toBeGreaterThanOrEqual(mine[i - 1]!.completedAt!);
      }
      expect(mine.at(-1)!.invokedAt).toBeLessThan(5000);
    }
  });

  it('the summary compares policies: leader reads are fresh, random ones are not', () => {
    const leader = run('leader');
    expect(leader.leaderShare).toBe(1);
    expect(leader.anomalies['stale-read']).toBe(0);
    expect(leader.anomalies['read-your-writes']).toBe(0);
    const random = run('random');
    expect(random.leaderShare).toBeGreaterThan(0.2);
    expect(random.leaderShare).toBeLessThan(0.5);
    expect(random.anomalies['stale-read']).toBeGreaterThan(0);
    expect(random.anomalies['read-your-writes']).toBeGreaterThan(0);
    const ryw = run('read-your-writes');
    expect(ryw.anomalies['read-your-writes']).toBe(0);
    expect(ryw.leaderShare).toBeLessThan(1);
    expect(leader.p50).toBe(2);
    expect(ryw.ops).toBe(ryw.reads + ryw.writes);
  });

  it('a summary counts only its own workload, even when another one interleaves', () => {
    const s = sim(threeNodes([200, 1500]), 7);
    s.apply({ type: 'workload', tag: 'a', spec: SPEC });
    s.apply({ type: 'workload', tag: 'b', spec: { ...SPEC, clients: 3 } });
    s.apply({ type: 'write', client: 'you', key: 'k1', value: 'x' });
    s.runUntil(20_000);
    const [a, b] = s.workloads;
    const sa = summarizeWorkload(s, a!);
    const sb = summarizeWorkload(s, b!);
    expect(sa.ops).toBe(s.ops.slice().filter((o) => o.client.startsWith('a-')).length);
    expect(sb.ops).toBe(s.ops.slice().filter((o) => o.client.startsWith('b-')).length);
    expect(sa.ops + sb.ops).toBe(s.ops.length - 1);
  });
});
