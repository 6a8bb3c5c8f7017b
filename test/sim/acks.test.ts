// Acknowledgement modes with exact times. primary + replica-1 (lag 1 s) + replica-2 (lag 5 s),
// netDelay 1 ms: a write invoked at 0 reaches the leader at 1, replica-1 receives it at 1001
// and replica-2 at 5001; an acknowledgement takes 1 ms back, a response 1 ms to the client.
import { describe, expect, it } from 'vitest';
import { checkAll } from '../../src/sim/index.js';
import { node, read, runOp, sim, start, threeNodes, write } from './make-cluster.js';

describe('ack modes', () => {
  it('async: acknowledged once the leader applied', () => {
    const s = sim(threeNodes());
    const w = write(s, 'k', 'v');
    expect([w.outcome, w.lsn, w.epoch, w.acceptedAt, w.completedAt]).toEqual(['ok', 1, 1, 1, 2]);
  });

  it('sync: acknowledged once every follower acknowledged (the slowest decides)', () => {
    const s = sim(threeNodes([1000, 5000], { mode: 'sync' }));
    const w = write(s, 'k', 'v');
    expect([w.outcome, w.acceptedAt, w.completedAt]).toEqual(['ok', 1, 5003]);
  });

  it('semi-sync: minAcks of the sync set', () => {
    const one = sim(threeNodes([1000, 5000], { mode: 'semi-sync', minAcks: 1 }));
    expect(write(one, 'k', 'v').completedAt).toBe(1003);
    const two = sim(threeNodes([1000, 5000], { mode: 'semi-sync', minAcks: 2 }));
    expect(write(two, 'k', 'v').completedAt).toBe(5003);
  });

  it('sync set: only the followers marked sync count', () => {
    const cfg = threeNodes([1000, 5000], { mode: 'sync' });
    cfg.nodes[1]!.sync = true;
    expect(write(sim(cfg), 'k', 'v').completedAt).toBe(1003);
  });

  describe('ackOn receive vs apply, with a replay delay of 2 s on the sync standby', () => {
    function standby(ackOn: 'receive' | 'apply') {
      const cfg = threeNodes([1000, 5000], { mode: 'sync', ackOn });
      cfg.nodes[1] = { ...cfg.nodes[1]!, replay: 2000, sync: true };
      return sim(cfg);
    }

    it('receive: acknowledged at 1003, but the standby applies only at 3001: a stale read', () => {
      const s = standby('receive');
      const w = write(s, 'k', 'v');
      expect(w.completedAt).toBe(1003);
      const r = read(s, 'k', 'replica-1');
      expect([r.value, r.lsn, r.invokedAt]).toEqual([null, 0, 1003]);
      const report = checkAll(s);
      expect(report['stale-read'].map((a) => a.op)).toEqual([r.id]);
      expect(report['read-your-writes'].map((a) => [a.op, a.related, a.lsns])).toEqual([
        [r.id, [w.id], [0, 1]],
      ]);
    });

    it('apply: acknowledged at 3003, after the standby applied: the read is fresh', () => {
      const s = standby('apply');
      const w = write(s, 'k', 'v');
      expect(w.completedAt).toBe(3003);
      const r = read(s, 'k', 'replica-1');
      expect([r.value, r.lsn]).toEqual(['v', 1]);
      expect(checkAll(s)['stale-read']).toEqual([]);
    });
  });

  it('ackTimeout: the write is indeterminate (info, timeout), stays in the log, replicates', () => {
    const s = sim(threeNodes([1000, 5000], { mode: 'sync', ackTimeout: 3000 }));
    const w = write(s, 'k', 'v');
    expect([w.outcome, w.error, w.lsn, w.completedAt]).toEqual(['info', 'timeout', 1, 3002]);
    expect(node(s, 'primary').log.map((e) => e.op)).toEqual([w.id]);
    s.runUntil(5001);
    expect(node(s, 'replica-2').applied).toBe(1);
    // Not acknowledged, so not a lost write whatever happens to it.
    expect(checkAll(s)['lost-writes']).toEqual([]);
  });

  it('onTimeout degrade: acknowledged at the timeout, async until the sync set caught up', () => {
    const s = sim(
      threeNodes([1000, 5000], { mode: 'sync', ackTimeout: 3000, onTimeout: 'degrade' }),
    );
    const w1 = write(s, 'k', 1);
    expect([w1.outcome, w1.completedAt]).toEqual(['ok', 3002]);
    // Degraded: the next write is acknowledged like an async one.
    const w2 = write(s, 'k', 2);
    expect([w2.outcome, w2.invokedAt, w2.completedAt]).toEqual(['ok', 3002, 3004]);
    // replica-2 acknowledges LSN 2 (received at 3003 + 5000) at 8004: sync again.
    const notes = () =>
      s.history.toArray().flatMap((e) => (e.type === 'note' ? [`${e.t} ${e.text}`] : []));
    s.runUntil(8003);
    expect(notes()).toEqual([
      '3001 primary: no acknowledgement within 3000 ms, degrading to async',
    ]);
    s.runUntil(8004);
    expect(notes()[1]).toBe('8004 primary: sync set caught up, sync again');
    // Sync again: the next write waits for replica-2 once more, and times out once more.
    const w3 = write(s, 'k', 3);
    expect([w3.invokedAt, w3.completedAt]).toEqual([8004, 8005 + 3000 + 1]);
    expect(notes()[2]).toBe('11005 primary: no acknowledgement within 3000 ms, degrading to async');
  });

  it('a crashed member of the sync set blocks writes until the client gives up', () => {
    const s = sim(threeNodes([1000, 5000], { mode: 'sync' }));
    s.apply({ type: 'crash', node: 'replica-2' });
    const w = write(s, 'k', 'v');
    expect([w.outcome, w.error, w.completedAt]).toEqual(['info', 'timeout', 10_000]);
    // semi-sync with one ack needed does not care.
    const semi = sim(threeNodes([1000, 5000], { mode: 'semi-sync' }));
    semi.apply({ type: 'crash', node: 'replica-2' });
    expect(write(semi, 'k', 'v').completedAt).toBe(1003);
  });

  it('taking a crashed standby out of the sync set releases the waiting write', () => {
    const s = sim(threeNodes([1000, 5000], { mode: 'sync' }));
    s.apply({ type: 'crash', node: 'replica-2' });
    const w = start(s, { type: 'write', client: 'you', key: 'k', value: 'v' });
    s.runUntil(2000);
    expect(w.outcome).toBe('pending');
    s.apply({ type: 'set-node', node: 'replica-1', params: { sync: true } });
    s.runUntil(2001);
    expect([w.outcome, w.completedAt]).toEqual(['ok', 2001]);
  });

  it('writes to a follower or a down node are refused at once and never enter a log', () => {
    const s = sim(threeNodes());
    const f = runOp(s, { type: 'write', client: 'you', key: 'k', value: 1, via: 'replica-1' });
    expect([f.outcome, f.error, f.completedAt]).toEqual(['fail', 'not-leader', 2]);
    s.apply({ type: 'crash', node: 'replica-2' });
    const d = runOp(s, { type: 'write', client: 'you', key: 'k', value: 2, via: 'replica-2' });
    expect([d.outcome, d.error, d.invokedAt, d.completedAt]).toEqual(['fail', 'down', 2, 4]);
    expect(s.nodes.map((n) => n.log.length)).toEqual([0, 0, 0]);
  });
});
