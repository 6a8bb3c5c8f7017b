// Statement logs with pinned values (MySQL's statement-based binary log): NOW(), the RAND()
// seed and auto-increment ids replay identically; UUID(), SYSDATE() and LIMIT without
// ORDER BY still diverge. Values per node and what the divergence checker reports.
import { describe, expect, it } from 'vitest';
import { applyOrderViolations } from '../../src/sim/harness/invariants/apply-order.js';
import { checkAll, type LogFormat, type Simulation } from '../../src/sim/index.js';
import { storageRank } from '../../src/sim/row-scan.js';
import { read, runOp, sim, start, threeNodes, write } from './make-cluster.js';

const values = (s: Simulation, key: string) => s.snapshot().nodes.map((n) => n.data[key]);
const divergence = (s: Simulation) => checkAll(s).divergence.length;
const applyOrderHolds = (s: Simulation) =>
  expect(s.nodes.flatMap((n) => applyOrderViolations(s, n))).toEqual([]);

function run(log: LogFormat, value: string, lags = [1000, 5000]) {
  const s = sim(threeNodes(lags, { log }));
  const w = write(s, 'k', value);
  s.runUntil(6000);
  return { s, w };
}

describe('statement-pinned: what the log pins', () => {
  it("NOW() replays with the leader's time on every node", () => {
    const { s, w } = run('statement-pinned', 'NOW()');
    expect(w.value).toBe('10:00:00.001');
    expect(values(s, 'k')).toEqual(['10:00:00.001', '10:00:00.001', '10:00:00.001']);
    expect(divergence(s)).toBe(0);
    // The naive log re-reads each node's clock when it applies the entry.
    const naive = run('statement', 'NOW()').s;
    expect(values(naive, 'k')).toEqual(['10:00:00.001', '10:00:01.001', '10:00:05.001']);
    expect(divergence(naive)).toBe(3);
    applyOrderHolds(s);
  });

  it('RAND() replays from the logged seed: one value everywhere, on every seed', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = sim(threeNodes([10, 20], { log: 'statement-pinned' }), seed);
      const w = write(s, 'r', 'RAND()');
      s.runUntil(100);
      expect(typeof w.value).toBe('number');
      expect(values(s, 'r')).toEqual([w.value, w.value, w.value]);
      expect(divergence(s)).toBe(0);
      // Several calls in one statement take successive values of the seeded sequence.
      const two = write(s, 'pair', 'RAND() and RAND()');
      s.runUntil(200);
      const [a, b] = String(two.value).split(' and ');
      expect(a).not.toBe(b);
      expect(new Set(values(s, 'pair'))).toEqual(new Set([two.value]));
    }
    const naive = sim(threeNodes([10, 20], { log: 'statement' }));
    write(naive, 'r', 'RAND()');
    naive.runUntil(100);
    expect(new Set(values(naive, 'r')).size).toBe(3);
  });

  it('auto-increment ids are logged: out-of-order commits keep their ids on followers', () => {
    const concurrent = (log: LogFormat) => {
      const s = sim(threeNodes([100, 100], { log }));
      // A takes id 1 at t=1 and commits at 501; B takes id 2 at 101 and commits first.
      start(s, {
        type: 'write',
        client: 'a',
        key: 'orders',
        value: 'A',
        autoId: true,
        txnTime: 500,
      });
      s.runUntil(100);
      start(s, { type: 'write', client: 'b', key: 'orders', value: 'B', autoId: true });
      s.runUntil(1000);
      return s;
    };
    const pinned = concurrent('statement-pinned');
    for (const n of pinned.snapshot().nodes) {
      expect(n.data).toEqual({ 'orders/2': 'B', 'orders/1': 'A' });
    }
    expect(divergence(pinned)).toBe(0);
    expect(read(pinned, 'orders/1', 'replica-1').value).toBe('A');
    // A later insert continues after the highest id on every node.
    write(pinned, 'orders', 'C', { autoId: true });
    pinned.runUntil(2000);
    expect(pinned.snapshot().nodes.map((n) => n.data['orders/3'])).toEqual(['C', 'C', 'C']);
    applyOrderHolds(pinned);

    const naive = concurrent('statement');
    expect(read(naive, 'orders/1', 'primary').value).toBe('A');
    expect(read(naive, 'orders/1', 'replica-1').value).toBe('B');
    // Both followers re-ran the inserts in log order: they agree with each other, not the leader.
    expect(checkAll(naive).divergence.map((a) => a.nodes)).toEqual([
      ['primary', 'replica-1'],
      ['primary', 'replica-2'],
    ]);
  });
});

describe('statement-pinned: what still diverges', () => {
  it('UUID() is generated again on every node', () => {
    const { s, w } = run('statement-pinned', 'order-UUID()', [10, 20]);
    const vs = values(s, 'k');
    expect(vs[0]).toBe(w.value);
    expect(new Set(vs).size).toBe(3);
    expect(divergence(s)).toBe(3);
    const row = run('row', 'order-UUID()', [10, 20]).s;
    expect(new Set(values(row, 'k'))).toEqual(new Set([values(row, 'k')[0]]));
    expect(divergence(row)).toBe(0);
  });

  it('SYSDATE() reads the clock of the node running it; NOW() in the same statement is pinned', () => {
    const { s } = run('statement-pinned', 'NOW() / SYSDATE()');
    expect(values(s, 'k')).toEqual([
      '10:00:00.001 / 10:00:00.001',
      '10:00:00.001 / 10:00:01.001',
      '10:00:00.001 / 10:00:05.001',
    ]);
    expect(divergence(s)).toBe(3);
    // Row and WAL ship the leader's result; a row log never re-runs SYSDATE().
    for (const log of ['row', 'wal'] as const) {
      const r = run(log, 'SYSDATE()').s;
      expect(values(r, 'k')).toEqual(['10:00:00.001', '10:00:00.001', '10:00:00.001']);
    }
  });
});

describe('UPDATE / DELETE … LIMIT 1 without ORDER BY', () => {
  /** Three open jobs, then a worker claims one: UPDATE jobs SET … WHERE … = 'open' LIMIT 1. */
  function claim(log: LogFormat) {
    const s = sim(threeNodes([10, 20], { log }));
    for (let i = 0; i < 3; i++) write(s, 'jobs', 'open', { autoId: true });
    const w = runOp(s, {
      type: 'write',
      client: 'ana',
      key: 'jobs',
      value: 'ana',
      limit: 1,
      where: 'open',
    });
    s.runUntil(s.now + 100);
    return { s, w };
  }
  /** The row a node's scan meets first among jobs/1..3. */
  const firstRow = (node: string) =>
    ['jobs/1', 'jobs/2', 'jobs/3'].sort((a, b) => storageRank(node, a) - storageRank(node, b))[0];

  it('each node re-running it changes the first open row in its own storage order', () => {
    // The cluster this test relies on: the leader and replica-2 meet different rows first.
    expect(firstRow('primary')).toBe('jobs/2');
    expect(firstRow('replica-2')).toBe('jobs/1');
    for (const log of ['statement', 'statement-pinned'] as const) {
      const { s, w } = claim(log);
      expect(w.key).toBe('jobs/2'); // the row the leader changed
      expect(read(s, 'jobs/2', 'primary').value).toBe('ana');
      expect(read(s, 'jobs/2', 'replica-2').value).toBe('open');
      expect(read(s, 'jobs/1', 'replica-2').value).toBe('ana');
      expect(checkAll(s).divergence.map((a) => a.nodes)).toContainEqual(['primary', 'replica-2']);
      applyOrderHolds(s);
    }
  });

  it('a row or WAL log ships the row the leader changed', () => {
    for (const log of ['row', 'wal'] as const) {
      const { s } = claim(log);
      for (const node of ['primary', 'replica-1', 'replica-2']) {
        expect(read(s, 'jobs/2', node).value).toBe('ana');
        expect(read(s, 'jobs/1', node).value).toBe('open');
      }
      expect(divergence(s)).toBe(0);
      applyOrderHolds(s);
    }
  });

  it('DELETE … LIMIT 1 (a null value) removes one row; later scans skip it', () => {
    const s = sim(threeNodes([10, 20], { log: 'row' }));
    for (let i = 0; i < 3; i++) write(s, 'jobs', 'open', { autoId: true });
    const del = runOp(s, { type: 'write', client: 'you', key: 'jobs', value: null, limit: 1 });
    expect(del.key).toBe('jobs/2');
    const next = runOp(s, { type: 'write', client: 'you', key: 'jobs', value: null, limit: 1 });
    expect(next.key).not.toBe('jobs/2');
    s.runUntil(s.now + 100);
    expect(read(s, 'jobs/2', 'replica-2').value).toBe(null);
    expect(divergence(s)).toBe(0);
  });

  it('a LIMIT statement that matches no row changes nothing, on the leader and on followers', () => {
    for (const log of ['row', 'statement', 'statement-pinned'] as const) {
      const s = sim(threeNodes([10, 20], { log }));
      write(s, 'jobs', 'done', { autoId: true });
      const w = runOp(s, {
        type: 'write',
        client: 'you',
        key: 'jobs',
        value: 'bob',
        limit: 1,
        where: 'open',
      });
      expect(w.outcome).toBe('ok');
      expect(w.key).toBe('jobs');
      s.runUntil(s.now + 100);
      for (const n of s.snapshot().nodes) expect(n.data).toEqual({ 'jobs/1': 'done' });
      expect(divergence(s)).toBe(0);
      applyOrderHolds(s);
    }
  });
});

describe('switching the log format mid-run', () => {
  it('entries keep the format they were written in', () => {
    const s = sim(threeNodes([1000, 1000], { log: 'statement' }));
    write(s, 'a', 'NOW()');
    s.apply({ type: 'set-cluster', params: { log: 'statement-pinned' } });
    write(s, 'b', 'NOW()');
    s.apply({ type: 'set-cluster', params: { log: 'row' } });
    write(s, 'c', 'UUID()');
    s.runUntil(5000);
    const [p, r] = s.snapshot().nodes;
    expect(r!.data.a).not.toBe(p!.data.a); // naive: re-read the clock a second later
    expect(r!.data.b).toBe(p!.data.b); // pinned
    expect(r!.data.c).toBe(p!.data.c); // row: the leader's UUID
    applyOrderHolds(s);
  });
});
