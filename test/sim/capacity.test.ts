// Node capacity: a node serves client requests one at a time in arrival order, each taking
// 1000 / capacity ms. A hot node queues and its latency grows; read replicas add read
// throughput; without a capacity nothing changes.
import { describe, expect, it } from 'vitest';
import {
  type ClusterConfig,
  defaultCluster,
  type RoutingPolicyName,
  Simulation,
  SimulationError,
  summarizeWorkload,
} from '../../src/sim/index.js';
import { read, sim, start, threeNodes } from './make-cluster.js';

/** `count` reads of the leader, all invoked at the current time. */
function burst(s: Simulation, count: number, from = 'primary') {
  return Array.from({ length: count }, (_, i) =>
    start(s, { type: 'read', client: `c${i}`, key: 'k', from }),
  );
}

describe('a node with a capacity', () => {
  it('serves one request at a time, in arrival order: latency grows with the queue', () => {
    const s = sim(threeNodes([10, 10], { capacity: 100 }));
    const ops = burst(s, 20);
    s.runUntil(1000);
    // Requests arrive at 1 ms; each takes 10 ms; the answer takes 1 ms back.
    expect(ops.map((o) => o.completedAt)).toEqual(
      Array.from({ length: 20 }, (_, i) => 1 + 10 * (i + 1) + 1),
    );
    expect(ops.every((o) => o.outcome === 'ok')).toBe(true);
  });

  it('is idle again once its queue is empty: a lone request costs one service time', () => {
    const s = sim(threeNodes([10, 10], { capacity: 100 }));
    burst(s, 5);
    s.runUntil(500);
    const r = read(s, 'k', 'primary');
    expect(r.completedAt! - r.invokedAt).toBe(12);
  });

  it('without a capacity every request is served on arrival', () => {
    const s = sim(threeNodes([10, 10]));
    const ops = burst(s, 20);
    s.runUntil(1000);
    expect(new Set(ops.map((o) => o.completedAt))).toEqual(new Set([2]));
  });

  it('a node capacity overrides the cluster default; other nodes keep theirs', () => {
    const cfg = threeNodes([0, 0], { capacity: 10 });
    cfg.nodes[1] = { ...cfg.nodes[1]!, capacity: 1000 };
    const s = sim(cfg);
    const fast = burst(s, 3, 'replica-1');
    const slow = burst(s, 3, 'primary');
    s.runUntil(2000);
    expect(fast.map((o) => o.completedAt)).toEqual([3, 4, 5]);
    expect(slow.map((o) => o.completedAt)).toEqual([102, 202, 302]);
  });

  it('set-node capacity takes effect for the requests served after it', () => {
    const s = sim(threeNodes([0, 0], { capacity: 10 }));
    const first = burst(s, 3);
    s.runUntil(50);
    s.apply({ type: 'set-node', node: 'primary', params: { capacity: 1000 } });
    s.runUntil(1000);
    // The first started before the change (101); the next ones take 1 ms each.
    expect(first.map((o) => o.completedAt)).toEqual([102, 103, 104]);
  });

  it('writes queue too, and a queued write is appended only when served', () => {
    const s = sim(threeNodes([0, 0], { capacity: 50 }));
    const w = Array.from({ length: 3 }, (_, i) =>
      start(s, { type: 'write', client: `w${i}`, key: 'k', value: i }),
    );
    s.runUntil(1000);
    expect(w.map((o) => o.acceptedAt)).toEqual([21, 41, 61]);
    expect(w.map((o) => o.lsn)).toEqual([1, 2, 3]);
  });

  it('a crash refuses every waiting request (down); a pause stalls the queue', () => {
    const s = sim(threeNodes([0, 0], { capacity: 100 }));
    const ops = burst(s, 5);
    s.runUntil(25);
    s.apply({ type: 'crash', node: 'primary' });
    s.runUntil(100);
    // Two were served (at 11 and 21); the rest hear `down` a network delay after the crash.
    expect(ops.map((o) => [o.outcome, o.error, o.completedAt])).toEqual([
      ['ok', undefined, 12],
      ['ok', undefined, 22],
      ['fail', 'down', 26],
      ['fail', 'down', 26],
      ['fail', 'down', 26],
    ]);

    const p = sim(threeNodes([0, 0], { capacity: 100 }));
    const paused = burst(p, 3);
    p.runUntil(5);
    p.apply({ type: 'pause', node: 'primary', for: 100 });
    p.runUntil(1000);
    // The first finishes once the pause is over (105), the next ones 10 ms apart.
    expect(paused.map((o) => o.completedAt)).toEqual([106, 116, 126]);
  });

  it('refuses a capacity that is not a positive number', () => {
    expect(() => sim(threeNodes([0], { capacity: 0 }))).toThrow(SimulationError);
    expect(() => sim(threeNodes([0], { capacity: 0 }))).toThrow(
      'cluster: capacity must be a positive number of operations per second, got 0',
    );
    const s = sim(threeNodes([0]));
    expect(() =>
      s.apply({ type: 'set-node', node: 'replica-1', params: { capacity: -5 } }),
    ).toThrow('"replica-1": capacity must be a positive number of operations per second, got -5');
    expect(s.inputs).toEqual([]);
  });
});

describe('capacity and read load', () => {
  /** 1 leader + 3 followers of 300 ops/s each; 40 clients doing 12 ops/s, 90 % reads. */
  function readHeavy(policy: RoutingPolicyName) {
    const cfg: ClusterConfig = defaultCluster(
      [
        { id: 'primary', role: 'leader' },
        ...[1, 2, 3].map((i) => ({ id: `replica-${i}`, role: 'follower' as const, lag: 20 })),
      ],
      { capacity: 300, clientTimeout: 60_000 },
    );
    const s = new Simulation(cfg, { seed: 3 });
    s.apply({
      type: 'workload',
      tag: 'w',
      spec: {
        clients: 40,
        duration: 10_000,
        writes: 0.1,
        readAfterWrite: 0,
        keys: 20,
        rate: 12,
        policy,
      },
    });
    s.runUntil(200_000);
    const summary = summarizeWorkload(s, s.workloads[0]!);
    const ok = s.ops.slice().filter((o) => o.outcome === 'ok').length;
    return { summary, ok };
  }

  it('reads on the leader queue there; spread over replicas they cost a fraction', () => {
    const onLeader = readHeavy('leader');
    const spread = readHeavy('random');
    expect(onLeader.summary.leaderShare).toBe(1);
    expect(spread.summary.leaderShare).toBeLessThan(0.4);
    // 40 clients want ~480 ops/s; the leader alone serves 300: its queue makes the latency.
    // In a closed loop the queue settles where 40 / (latency + think time) = 300/s: 50 ms.
    expect(onLeader.summary.p50).toBeCloseTo(50, 3);
    expect(spread.summary.p50).toBeLessThan(10);
    expect(onLeader.summary.p99).toBeGreaterThan(4 * spread.summary.p99);
    // And replicas add throughput: the same closed-loop clients get more done.
    expect(spread.ok).toBeGreaterThan(onLeader.ok * 1.3);
    expect(onLeader.ok).toBeLessThanOrEqual(300 * 10 + 100);
  });
});
