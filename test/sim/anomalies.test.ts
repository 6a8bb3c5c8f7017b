// The stories behind the checkers, with exact values: statement-based replication diverges,
// GitHub 2012 (a stale replica promoted hands out ids again, and the old primary's rows are
// lost when it rejoins), and a consistent-prefix violation across two replicas.
import { describe, expect, it } from 'vitest';
import { checkAll, formatClock } from '../../src/sim/index.js';
import { failover, node, read, runOp, sim, start, threeNodes, write } from './make-cluster.js';

describe('statement-based replication', () => {
  it('NOW() is re-evaluated on each replica: divergence; row-based ships the value', () => {
    const statement = sim(threeNodes([1000, 5000], { log: 'statement' }));
    const w = write(statement, 'created', 'NOW()');
    expect(w.value).toBe(formatClock(1));
    expect(w.value).toBe('10:00:00.001');
    statement.runUntil(6000);
    expect(statement.snapshot().nodes.map((n) => n.data.created)).toEqual([
      '10:00:00.001',
      '10:00:01.001',
      '10:00:05.001',
    ]);
    const div = checkAll(statement).divergence;
    expect(div.map((a) => [a.nodes, a.lsns, a.key])).toEqual([
      [['primary', 'replica-1'], [1], 'created'],
      [['primary', 'replica-2'], [1], 'created'],
      [['replica-1', 'replica-2'], [1], 'created'],
    ]);
    expect(div[0]!.message).toBe(
      'at LSN 1 primary has "created" = "10:00:00.001" (epoch 1) but replica-1 has "created" = "10:00:01.001" (epoch 1)',
    );
    const row = sim(threeNodes([1000, 5000], { log: 'row' }));
    write(row, 'created', 'NOW()');
    row.runUntil(6000);
    expect(new Set(row.snapshot().nodes.map((n) => n.data.created))).toEqual(
      new Set(['10:00:00.001']),
    );
    expect(checkAll(row).divergence).toEqual([]);
  });

  it('RAND() differs per replica under statement-based replication', () => {
    const s = sim(threeNodes([10, 10], { log: 'statement' }));
    write(s, 'r', 'RAND()');
    s.runUntil(100);
    const values = s.snapshot().nodes.map((n) => n.data.r);
    expect(new Set(values).size).toBe(3);
    for (const v of values) expect(typeof v).toBe('number');
    expect(checkAll(s).divergence).toHaveLength(3);
  });

  it('auto-increment with transactions committing out of order diverges; row-based does not', () => {
    const run = (log: 'row' | 'statement') => {
      const s = sim(threeNodes([100, 100], { log }));
      // T1 takes id 1 at 1 but commits at 501 (LSN 2); T2 takes id 2 at 101, commits first.
      start(s, {
        type: 'write',
        client: 't1',
        key: 'orders',
        value: 'T1',
        autoId: true,
        txnTime: 500,
      });
      s.runUntil(100);
      start(s, { type: 'write', client: 't2', key: 'orders', value: 'T2', autoId: true });
      s.runUntil(1000);
      return s;
    };
    const statement = run('statement');
    const [leader, replica] = statement.snapshot().nodes;
    expect(leader!.data).toEqual({ 'orders/2': 'T2', 'orders/1': 'T1' });
    // The replica re-runs the inserts in log order: T2 gets 1, T1 gets 2.
    expect(replica!.data).toEqual({ 'orders/1': 'T2', 'orders/2': 'T1' });
    const div = checkAll(statement).divergence;
    expect(div[0]!.message).toBe(
      'at LSN 1 primary has "orders/2" = "T2" (epoch 1) but replica-1 has "orders/1" = "T2" (epoch 1)',
    );
    const row = run('row');
    expect(row.snapshot().nodes[1]!.data).toEqual({ 'orders/2': 'T2', 'orders/1': 'T1' });
    expect(checkAll(row).divergence).toEqual([]);
  });
});

describe('GitHub 2012: a stale replica promoted', () => {
  it('reuses auto-increment ids, and the old primary loses its rows when it rejoins', () => {
    const s = sim(
      threeNodes([3000], { failover: failover() }), // primary + replica-1, 3 s behind
    );
    const old = [1, 2, 3].map((i) =>
      runOp(s, { type: 'write', client: 'app', key: 'users', value: `user-${i}`, autoId: true }),
    );
    expect(old.map((o) => [o.key, o.autoId, o.outcome])).toEqual([
      ['users/1', 1, 'ok'],
      ['users/2', 2, 'ok'],
      ['users/3', 3, 'ok'],
    ]);
    s.runUntil(1000);
    s.apply({ type: 'crash', node: 'primary' });
    // replica-1 heard the heartbeat of 1000 at 1001: it is promoted at 1001 + 5000 + 1 + 2,
    // with none of the three rows (they were on their way when the primary died).
    s.runUntil(7000);
    expect(s.currentLeader()?.id).toBe('replica-1');
    expect(node(s, 'replica-1').log).toHaveLength(0);
    const fresh = runOp(s, {
      type: 'write',
      client: 'app',
      key: 'users',
      value: 'user-4',
      autoId: true,
    });
    expect([fresh.key, fresh.node, fresh.epoch]).toEqual(['users/1', 'replica-1', 2]);
    const reused = checkAll(s)['reused-id'];
    expect(reused.map((a) => [a.key, a.related, a.nodes])).toEqual([
      ['users/1', [old[0]!.id, fresh.id], ['primary', 'replica-1']],
    ]);
    // The old primary comes back: it steps down and its three rows are truncated.
    s.apply({ type: 'restart', node: 'primary' });
    const truncate = s.history.toArray().find((e) => e.type === 'truncate');
    expect(truncate).toEqual({
      t: 7002,
      type: 'truncate',
      node: 'primary',
      fromLsn: 1,
      toLsn: 3,
      lostOps: old.map((o) => o.id),
    });
    expect(checkAll(s)['lost-writes'].map((a) => [a.op, a.key, a.lsns])).toEqual(
      old.map((o) => [o.id, o.key, [o.lsn]]),
    );
    expect(node(s, 'primary').data.get('users/1')?.value).toBe(undefined);
    s.runUntil(11_000);
    expect(node(s, 'primary').data.get('users/1')?.value).toBe('user-4');
  });
});

describe('consistent prefix', () => {
  it('seeing the answer, then missing the question it depended on', () => {
    const s = sim(threeNodes([100, 5000]));
    const q = runOp(s, { type: 'write', client: 'alice', key: 'question', value: 'Why?' });
    const seen = runOp(s, { type: 'read', client: 'bob', key: 'question', from: 'primary' });
    expect(seen.value).toBe('Why?');
    const a = runOp(s, { type: 'write', client: 'bob', key: 'answer', value: 'Because.' });
    expect(a.deps).toEqual({ question: 1 });
    s.runUntil(200);
    const r1 = read(s, 'answer', 'replica-1', 'carol');
    const r2 = read(s, 'question', 'replica-2', 'carol');
    expect([r1.value, r2.value]).toEqual(['Because.', null]);
    const cp = checkAll(s)['consistent-prefix'];
    expect(cp.map((x) => [x.op, x.related, x.key, x.lsns, x.node])).toEqual([
      [r2.id, [a.id], 'question', [0, q.lsn], 'replica-2'],
    ]);
    expect(cp[0]!.message).toBe(
      'carol saw "Because." ("answer"), which was written after "question" LSN 1, but then read nothing for "question" from replica-2 at 0.202s',
    );
  });

  it('the same anomaly in generated traffic, where writes carry no deps list', () => {
    const s = sim(threeNodes([100, 5000]));
    s.apply({
      type: 'workload',
      tag: 'w',
      spec: {
        clients: 20,
        duration: 3000,
        writes: 0.5,
        readAfterWrite: 0,
        keys: 3,
        rate: 20,
        policy: 'random',
      },
    });
    s.runUntil(15_000);
    expect(s.ops.slice().every((o) => o.deps === undefined)).toBe(true);
    expect(checkAll(s)['consistent-prefix'].length).toBeGreaterThan(0);
  });
});
