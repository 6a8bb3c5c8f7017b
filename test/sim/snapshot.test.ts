// Snapshots: every node status, lag in entries, bytes and ms, and the messages in flight.
import { describe, expect, it } from 'vitest';
import { checkAll } from '../../src/sim/index.js';
import { failover, sim, start, status, threeNodes, write } from './make-cluster.js';

describe('snapshot', () => {
  it('lag in entries, bytes and ms, and the entries and acks in flight', () => {
    const s = sim(threeNodes([1000, 5000], { mode: 'sync' }));
    start(s, { type: 'write', client: 'a', key: 'x', value: 1, size: 2048 });
    start(s, { type: 'write', client: 'b', key: 'y', value: 2, size: 512 });
    s.runUntil(500);
    const snap = s.snapshot();
    expect(snap).toMatchObject({
      t: 500,
      epoch: 1,
      leader: 'primary',
      mode: 'sync',
      partition: [],
    });
    expect(snap.nodes.map((n) => [n.id, n.receivedLsn, n.lagEntries, n.lagBytes, n.lagMs])).toEqual(
      [
        ['primary', 2, 0, 0, 0],
        ['replica-1', 0, 2, 2560, 499],
        ['replica-2', 0, 2, 2560, 499],
      ],
    );
    expect(snap.inFlight).toEqual([
      { from: 'primary', to: 'replica-1', kind: 'entry', lsn: 1, sentAt: 1, arrivesAt: 1001 },
      { from: 'primary', to: 'replica-1', kind: 'entry', lsn: 2, sentAt: 1, arrivesAt: 1001 },
      { from: 'primary', to: 'replica-2', kind: 'entry', lsn: 1, sentAt: 1, arrivesAt: 5001 },
      { from: 'primary', to: 'replica-2', kind: 'entry', lsn: 2, sentAt: 1, arrivesAt: 5001 },
    ]);
    s.runUntil(1001);
    expect(s.snapshot().inFlight.slice(0, 2)).toEqual([
      { from: 'replica-1', to: 'primary', kind: 'ack', lsn: 1, sentAt: 1001, arrivesAt: 1002 },
      { from: 'replica-1', to: 'primary', kind: 'ack', lsn: 2, sentAt: 1001, arrivesAt: 1002 },
    ]);
    expect(s.snapshot().nodes[1]).toMatchObject({
      status: 'streaming',
      appliedLsn: 2,
      lagEntries: 0,
      recentKeys: [
        { key: 'y', value: 2, lsn: 2 },
        { key: 'x', value: 1, lsn: 1 },
      ],
      data: { x: 1, y: 2 },
    });
  });

  it('entries of a sender that crashed are not shown in flight: they will be dropped', () => {
    const s = sim(threeNodes([1000, 5000]));
    start(s, { type: 'write', client: 'a', key: 'x', value: 1 });
    s.runUntil(500);
    expect(s.snapshot().inFlight.filter((m) => m.kind === 'entry')).toHaveLength(2);
    s.apply({ type: 'crash', node: 'primary' });
    expect(s.snapshot().inFlight.filter((m) => m.from === 'primary')).toEqual([]);
    s.runUntil(6000);
    // And indeed neither follower received it.
    expect(s.snapshot().nodes.map((n) => n.receivedLsn)).toEqual([1, 0, 0]);
  });

  it('recent keys: the five newest, newest first', () => {
    const s = sim(threeNodes([0]));
    for (let i = 1; i <= 7; i++) write(s, `k${i}`, i);
    expect(s.snapshot().nodes[0]!.recentKeys.map((r) => r.key)).toEqual([
      'k7',
      'k6',
      'k5',
      'k4',
      'k3',
    ]);
  });

  it('every status', () => {
    const s = sim(threeNodes([1000, 1000, 1000, 1000, 1000, 1000], { dataSize: 1000 }));
    expect(s.snapshot().nodes.map((n) => n.status)).toEqual([
      'leading',
      'streaming',
      'streaming',
      'streaming',
      'streaming',
      'streaming',
      'streaming',
    ]);
    s.apply({ type: 'crash', node: 'replica-1' });
    s.apply({ type: 'pause', node: 'replica-2', for: 10_000 });
    s.apply({ type: 'wipe', node: 'replica-3' });
    s.apply({ type: 'backup', from: 'replica-4', id: 'b', fails: false });
    s.apply({ type: 'restore', node: 'replica-4', from: 'b', rate: 0.1 });
    s.apply({ type: 'resync', node: 'replica-5', rate: 0.1 });
    s.apply({ type: 'partition', groups: [['replica-6']] });
    write(s, 'k', 1);
    s.runUntil(1001);
    expect(s.snapshot().nodes.map((n) => [n.id, n.status])).toEqual([
      ['primary', 'leading'],
      ['replica-1', 'down'],
      ['replica-2', 'paused'],
      ['replica-3', 'needs-resync'],
      ['replica-4', 'restoring'],
      ['replica-5', 'copying'],
      ['replica-6', 'disconnected'],
    ]);
    s.apply({ type: 'restart', node: 'replica-1' });
    expect(status(s, 'replica-1')).toBe('catching-up');
    s.runUntil(2001);
    expect(status(s, 'replica-1')).toBe('streaming');
  });

  it('fenced: an old leader cut off by the promotion', () => {
    const s = sim(threeNodes([0, 0], { failover: failover({ fencing: true }) }));
    s.apply({ type: 'partition', groups: [['primary']] });
    s.runUntil(6000);
    const snap = s.snapshot();
    expect(snap.nodes.map((n) => [n.id, n.role, n.epoch, n.status])).toEqual([
      ['primary', 'leader', 1, 'fenced'],
      ['replica-1', 'leader', 2, 'leading'],
      ['replica-2', 'follower', 2, 'streaming'],
    ]);
    expect([snap.leader, snap.epoch, snap.partition]).toEqual(['replica-1', 2, [['primary']]]);
    expect(checkAll(s)['split-brain']).toEqual([]);
  });

  it('a snapshot changes nothing', () => {
    const s = sim(threeNodes());
    write(s, 'k', 1);
    const a = JSON.stringify(s.snapshot());
    s.snapshot();
    expect(JSON.stringify(s.snapshot())).toBe(a);
    expect(s.history.toArray().filter((e) => e.type === 'note')).toEqual([]);
  });
});

describe('snapshot of an old leader', () => {
  const cutOff = (fencing: boolean) => {
    const s = sim(threeNodes([100, 100], { failover: failover({ fencing }) }));
    s.apply({ type: 'partition', groups: [['primary'], ['replica-1', 'replica-2']] });
    s.runUntil(10_000);
    return s;
  };
  const byId = (s: ReturnType<typeof sim>) =>
    Object.fromEntries(s.snapshot().nodes.map((n) => [n.id, n]));

  it('marks a leader cut off during a failover as stale, with the newest epoch', () => {
    const s = cutOff(false);
    const nodes = byId(s);
    expect(s.snapshot().leader).toBe('replica-1');
    expect(nodes.primary).toMatchObject({ role: 'leader', status: 'leading', epoch: 1 });
    expect(nodes.primary!.staleLeader).toEqual({ newestEpoch: 2 });
    expect(nodes['replica-1']!.staleLeader).toBeUndefined();
    // Healed, it hears the newer epoch and steps down: no longer a leader of any kind.
    s.apply({ type: 'heal' });
    s.runUntil(20_000);
    expect(byId(s).primary).toMatchObject({ role: 'follower' });
    expect(byId(s).primary!.staleLeader).toBeUndefined();
  });

  it('marks a fenced old leader too', () => {
    const nodes = byId(cutOff(true));
    expect(nodes.primary).toMatchObject({ role: 'leader', status: 'fenced' });
    expect(nodes.primary!.staleLeader).toEqual({ newestEpoch: 2 });
  });

  it('marks nothing while the first leader leads', () => {
    const s = sim(threeNodes());
    expect(s.snapshot().nodes.map((n) => n.staleLeader)).toEqual([undefined, undefined, undefined]);
  });
});
