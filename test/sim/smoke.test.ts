// The lost tweet, end to end: the first lesson's story with its exact numbers.
import { describe, expect, it } from 'vitest';
import { checkAll } from '../../src/sim/index.js';
import { read, sim, threeNodes, write } from './make-cluster.js';

describe('smoke: the lost tweet', () => {
  it('a write acknowledged by the leader is not yet on a lagging replica', () => {
    const s = sim(threeNodes());
    const w = write(s, 'tweet', 'Hello');
    expect([w.outcome, w.lsn, w.epoch, w.invokedAt, w.completedAt]).toEqual(['ok', 1, 1, 0, 2]);
    const r = read(s, 'tweet', 'replica-2');
    expect([r.value, r.lsn, r.completedAt]).toEqual([null, 0, 4]);
    const stale = checkAll(s)['stale-read'];
    expect(stale.map((a) => [a.op, a.related, a.node, a.lsns])).toEqual([
      [r.id, [w.id], 'replica-2', [0, 1]],
    ]);
    // replica-1 receives at 1 + 1000, replica-2 at 1 + 5000.
    s.runUntil(1000);
    expect(s.snapshot().nodes.map((n) => n.appliedLsn)).toEqual([1, 0, 0]);
    s.runUntil(1001);
    expect(s.snapshot().nodes.map((n) => n.appliedLsn)).toEqual([1, 1, 0]);
    s.runUntil(5001);
    expect(s.snapshot().nodes.map((n) => n.appliedLsn)).toEqual([1, 1, 1]);
    expect(read(s, 'tweet', 'replica-2').value).toBe('Hello');
  });
});
