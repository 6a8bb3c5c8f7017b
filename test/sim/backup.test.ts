// Backups, restores and copies take time proportional to the data: a silently failed
// backup restores nothing, 51 TB at 2.1 TB/h takes a day, and a new follower is copied
// from a snapshot and then catches up from the entry after it.
import { describe, expect, it } from 'vitest';
import { checkAll, type Simulation } from '../../src/sim/index.js';
import { config, node, read, sim, status, threeNodes, write } from './make-cluster.js';

const TB = 1024 ** 4;
const HOUR = 3_600_000;

function snap(s: Simulation, id: string) {
  return s.snapshot().nodes.find((n) => n.id === id)!;
}

function faultLines(s: Simulation) {
  return s.history
    .toArray()
    .flatMap((e) =>
      e.type === 'fault'
        ? [`${e.t} ${e.fault}${e.node ? ` ${e.node}` : ''}${e.detail ? `: ${e.detail}` : ''}`]
        : [],
    );
}

describe('backups and restores', () => {
  it('a backup that fails silently looks fine, and restoring it restores nothing', () => {
    const s = sim(threeNodes([0, 0]));
    for (let i = 1; i <= 3; i++) write(s, `k${i}`, i);
    s.apply({ type: 'backup', from: 'replica-1', id: 'nightly', fails: true });
    s.apply({ type: 'wipe', node: 'primary' });
    s.apply({ type: 'restore', node: 'primary', from: 'latest-backup', rate: 1 });
    expect(status(s, 'primary')).toBe('restoring');
    s.runUntil(s.now);
    expect(faultLines(s)).toEqual([
      '6 backup replica-1: backup "nightly" up to LSN 3',
      '6 wipe primary',
      '6 restore primary: from "nightly" (0 bytes)',
      '6 restored primary: backup "nightly" was empty: nothing restored',
    ]);
    expect(snap(s, 'primary')).toMatchObject({ status: 'leading', receivedLsn: 0, data: {} });
    expect(s.backups[0]).toMatchObject({ ok: false, lsn: 0, size: 0 });
    // Every acknowledged write is gone from the leader's log.
    expect(checkAll(s)['lost-writes']).toHaveLength(3);
  });

  it('a good backup restores its data, and the restored follower catches up after it', () => {
    const s = sim(threeNodes([0, 0], { dataSize: 0 }));
    write(s, 'a', 1);
    s.apply({ type: 'backup', from: 'replica-1', id: 'b1', fails: false });
    write(s, 'b', 2);
    s.apply({ type: 'wipe', node: 'replica-2' });
    // 1 KB at 1 byte/ms.
    s.apply({ type: 'restore', node: 'replica-2', from: 'b1', rate: 1 });
    const t0 = s.now;
    s.runUntil(t0 + 500);
    expect(read(s, 'a', 'replica-2')).toMatchObject({ outcome: 'fail', error: 'restoring' });
    s.runUntil(t0 + 1023);
    expect(snap(s, 'replica-2')).toMatchObject({ status: 'restoring', receivedLsn: 0 });
    s.runUntil(t0 + 1024);
    expect(snap(s, 'replica-2')).toMatchObject({ receivedLsn: 1, data: { a: 1 } });
    s.runUntil(t0 + 1030);
    expect(snap(s, 'replica-2')).toMatchObject({ status: 'streaming', appliedLsn: 2 });
  });

  it('a leader restored from an older backup: its followers drop what it no longer has', () => {
    const s = sim(threeNodes([0, 0]));
    const kept = write(s, 'a', 1);
    s.apply({ type: 'backup', from: 'primary', id: 'b1', fails: false });
    const gone = write(s, 'b', 2);
    s.apply({ type: 'restore', node: 'primary', from: 'b1', rate: 1024 });
    s.runUntil(s.now + 10);
    expect(s.snapshot().nodes.map((n) => [n.receivedLsn, n.data])).toEqual([
      [1, { a: 1 }],
      [1, { a: 1 }],
      [1, { a: 1 }],
    ]);
    expect(checkAll(s)['lost-writes'].map((a) => a.op)).toEqual([gone.id]);
    expect(checkAll(s).divergence).toEqual([]);
    expect(kept.outcome).toBe('ok');
    // And the cluster goes on from there.
    expect(write(s, 'c', 3).lsn).toBe(2);
  });

  it('a node being copied or restored cannot be promoted', () => {
    const s = sim(threeNodes([0, 0], { dataSize: 1000 }));
    s.apply({ type: 'resync', node: 'replica-1', rate: 1 });
    expect(() => s.apply({ type: 'promote', node: 'replica-1' })).toThrow(/is copying/);
    expect(s.inputs.map((i) => i.cmd.type)).toEqual(['resync']);
  });

  it('restore at a rate: 51 TB at 2.1 TB/h is restoring for about 24 hours', () => {
    const s = sim(threeNodes([0, 0], { dataSize: 51 * TB }));
    s.apply({ type: 'backup', from: 'replica-1', id: 'full', fails: false });
    s.apply({ type: 'crash', node: 'replica-2' });
    s.apply({ type: 'restart', node: 'replica-2' });
    s.apply({ type: 'wipe', node: 'replica-2' });
    const rate = (2.1 * TB) / HOUR;
    s.apply({ type: 'restore', node: 'replica-2', from: 'full', rate });
    const end = Math.ceil((51 * TB) / rate);
    expect(end).toBe(87_428_572); // 24 h 17 min
    expect(node(s, 'replica-2').busyUntil).toBe(end);
    s.runUntil(12 * HOUR);
    expect(status(s, 'replica-2')).toBe('restoring');
    s.runUntil(end - 1);
    expect(status(s, 'replica-2')).toBe('restoring');
    s.runUntil(end);
    expect(status(s, 'replica-2')).toBe('streaming');
    expect(s.history.at(-1)).toMatchObject({ t: end, fault: 'restored', node: 'replica-2' });
  });

  it('add-follower: snapshot at LSN n, copy time proportional to size, catch-up from n+1', () => {
    const s = sim(
      config(
        [
          { id: 'primary', role: 'leader' },
          { id: 'replica-1', role: 'follower', lag: 10 },
        ],
        { dataSize: 10_000 },
      ),
    );
    for (let i = 1; i <= 4; i++) write(s, 'k', i, { size: 1000 });
    s.runUntil(100);
    // 10 000 + 4 × 1000 bytes at 2 bytes/ms: 7 s.
    s.apply({
      type: 'add-follower',
      node: { id: 'replica-2', role: 'follower', lag: 500 },
      rate: 2,
    });
    expect(faultLines(s).at(-1)).toBe(
      '100 copy replica-2: snapshot of primary at LSN 4 (14000 bytes)',
    );
    expect(snap(s, 'replica-2')).toMatchObject({ status: 'copying', receivedLsn: 0 });
    s.runUntil(1000);
    write(s, 'k', 5, { size: 1000 });
    write(s, 'k', 6, { size: 1000 });
    s.runUntil(7099);
    expect(status(s, 'replica-2')).toBe('copying');
    s.runUntil(7100);
    expect(snap(s, 'replica-2')).toMatchObject({
      status: 'catching-up',
      receivedLsn: 4,
      lagEntries: 2,
      lagBytes: 2000,
    });
    const sent = s.history.toArray().filter((e) => e.type === 'send' && e.to === 'replica-2');
    expect(sent.map((e) => [e.t, e.type === 'send' ? e.lsn : 0])).toEqual([
      [7100, 5],
      [7100, 6],
    ]);
    s.runUntil(7600);
    expect(snap(s, 'replica-2')).toMatchObject({
      status: 'streaming',
      appliedLsn: 6,
      data: { k: 6 },
    });
  });
});
