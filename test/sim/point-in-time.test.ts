// The WAL archive, point-in-time restores and delayed replicas: the archive receives the
// leader's entries every interval and survives whatever happens to the cluster; a restore
// replays it after a base backup up to a moment (or all of it), taking size ÷ rate plus
// replayed bytes ÷ replayRate; a delayed replica promoted to a moment drops what came after.
import { describe, expect, it } from 'vitest';
import { checkAll, type Simulation } from '../../src/sim/index.js';
import { read, sim, status, threeNodes, write } from './make-cluster.js';

const TB = 1024 ** 4;
const GB = 1024 ** 3;
const HOUR = 3_600_000;
const MIN = 60_000;

function faults(s: Simulation, kind: string) {
  return s.history
    .toArray()
    .flatMap((e) => (e.type === 'fault' && e.fault === kind ? [`${e.node}: ${e.detail}`] : []));
}

function archived(s: Simulation): number {
  return s.snapshot().archive?.lsn ?? -1;
}

describe('WAL archive', () => {
  it('receives the leader’s new entries at every interval, and nothing between', () => {
    const s = sim(threeNodes([0, 0], { archive: { every: MIN } }));
    write(s, 'a', 1);
    write(s, 'b', 2);
    expect(archived(s)).toBe(0);
    s.runUntil(MIN - 1);
    expect(archived(s)).toBe(0);
    s.runUntil(MIN);
    expect(archived(s)).toBe(2);
    expect(s.snapshot().archive).toEqual({ every: MIN, lsn: 2, writtenAt: expect.any(Number) });
    write(s, 'c', 3);
    s.runUntil(2 * MIN - 1);
    expect(archived(s)).toBe(2);
    s.runUntil(2 * MIN);
    expect(archived(s)).toBe(3);
  });

  it('is untouched by crashes and wipes, and a crashed leader ships nothing more', () => {
    const s = sim(threeNodes([0, 0], { archive: { every: MIN } }));
    write(s, 'a', 1);
    s.runUntil(MIN);
    write(s, 'b', 2);
    s.apply({ type: 'crash', node: 'primary' });
    s.apply({ type: 'wipe', node: 'primary' });
    s.apply({ type: 'crash', node: 'replica-1' });
    s.apply({ type: 'wipe', node: 'replica-1' });
    s.runUntil(5 * MIN);
    expect(archived(s)).toBe(1);
  });

  it('follows the promoted follower’s history, and refuses a wiped leader’s rewrite', () => {
    const s = sim(threeNodes([0, 0], { archive: { every: MIN } }));
    write(s, 'a', 1);
    s.runUntil(MIN);
    s.apply({ type: 'crash', node: 'primary' });
    s.apply({ type: 'promote', node: 'replica-1' });
    write(s, 'b', 2);
    s.runUntil(2 * MIN);
    expect(archived(s)).toBe(2);
    expect(s.archive.at(2)).toBe(s.node('replica-1').log[1]);
    // A leader that lost its disk writes LSN 1 again: the archive keeps its own LSN 1.
    s.apply({ type: 'wipe', node: 'replica-1' });
    write(s, 'c', 3);
    s.runUntil(3 * MIN);
    expect(archived(s)).toBe(2);
    expect(s.archive.at(1)?.key).toBe('a');
    expect(
      s.history.toArray().filter((e) => e.type === 'note' && e.text.includes('refused')),
    ).toHaveLength(1);
  });

  it('switched on mid-run starts at the leader’s next entry; switched off stops', () => {
    const s = sim(threeNodes([0, 0], { retain: 1 }));
    write(s, 'a', 1);
    expect(s.snapshot().archive).toBeUndefined();
    s.apply({ type: 'set-cluster', params: { archive: { every: MIN } } });
    // Nothing archived yet, and LSN 1 never will be: the leader need not keep it for that.
    expect(archived(s)).toBe(0);
    write(s, 'b', 2);
    expect(s.firstRetained(s.node('primary'))).toBe(2);
    s.runUntil(s.now + MIN);
    expect(s.archive.start).toBe(2);
    expect(s.archive.at(1)).toBeUndefined();
    expect(archived(s)).toBe(2);
    s.apply({ type: 'set-cluster', params: { archive: false } });
    write(s, 'c', 3);
    s.runUntil(s.now + 5 * MIN);
    expect(archived(s)).toBe(2);
  });
});

/** db1 leads, db2 follows; a base backup at LSN 2, then three more writes a minute apart. */
function disaster(dataSize = 0) {
  const s = sim(
    threeNodes([100], {
      archive: { every: MIN },
      dataSize,
      nodes: [
        { id: 'db1', role: 'leader' },
        { id: 'db2', role: 'follower', lag: 100 },
      ],
    }),
  );
  write(s, 'a', 1, { size: GB });
  write(s, 'b', 2, { size: GB });
  s.runUntil(s.now + 1000);
  s.apply({ type: 'backup', from: 'db2', id: 'base', fails: false });
  for (const [k, v] of [
    ['c', 3],
    ['d', 4],
    ['e', 5],
  ] as const) {
    s.runUntil(s.now + MIN);
    write(s, k, v, { size: GB });
  }
  // Both hosts are lost before the last write reaches the archive.
  s.apply({ type: 'crash', node: 'db1' });
  s.apply({ type: 'wipe', node: 'db1' });
  s.apply({ type: 'crash', node: 'db2' });
  s.apply({ type: 'wipe', node: 'db2' });
  s.apply({ type: 'restart', node: 'db1' });
  return s;
}

describe('point-in-time restore', () => {
  it('replays the archive after the base backup: only the unarchived write is lost', () => {
    const s = disaster();
    expect(archived(s)).toBe(4);
    s.apply({ type: 'restore', node: 'db1', from: 'base', rate: GB, until: 'latest' });
    s.runUntilCondition(() => s.node('db1').busy === undefined, s.now + HOUR);
    expect(read(s, 'd', 'db1')).toMatchObject({ value: 4, lsn: 4 });
    expect(read(s, 'e', 'db1')).toMatchObject({ value: null });
    expect(checkAll(s)['lost-writes'].map((a) => a.key)).toEqual(['e']);
    expect(faults(s, 'restored')).toEqual([
      'db1: data up to LSN 4 (base backup to LSN 2, then the WAL archive: the archive ends at LSN 4)',
    ]);
  });

  it('stops before the first entry written after `until`', () => {
    const s = disaster();
    const cWrittenAt = s.archive.at(3)!.at;
    s.apply({ type: 'restore', node: 'db1', from: 'base', rate: GB, until: cWrittenAt });
    s.runUntilCondition(() => s.node('db1').busy === undefined, s.now + HOUR);
    expect(read(s, 'c', 'db1')).toMatchObject({ value: 3, lsn: 3 });
    expect(read(s, 'd', 'db1')).toMatchObject({ value: null });
    expect(faults(s, 'restored')[0]).toContain('stopped before LSN 4');
  });

  it('without until restores the base backup alone, as before', () => {
    const s = disaster();
    s.apply({ type: 'restore', node: 'db1', from: 'base', rate: GB });
    s.runUntilCondition(() => s.node('db1').busy === undefined, s.now + HOUR);
    expect(read(s, 'b', 'db1')).toMatchObject({ value: 2, lsn: 2 });
    expect(checkAll(s)['lost-writes']).toHaveLength(3);
  });

  it('takes size ÷ rate plus replayed bytes ÷ replayRate, and reports its progress', () => {
    const s = disaster(51 * TB);
    const base = s.backups[0]!;
    const t0 = s.now;
    const rate = (2.1 * TB) / HOUR;
    const replayRate = GB / MIN;
    s.apply({ type: 'restore', node: 'db1', from: 'base', rate, until: 'latest', replayRate });
    const copyMs = Math.ceil(base.size / rate);
    const end = t0 + copyMs + 2 * MIN;
    expect(s.node('db1').busyUntil).toBe(end);
    // 51 TB at 2.1 TB/h: about a day.
    expect(end - t0).toBeGreaterThan(24 * HOUR);
    expect(end - t0).toBeLessThan(25 * HOUR);
    s.runUntil(t0 + copyMs / 2);
    const half = s.snapshot().nodes.find((n) => n.id === 'db1')!.progress!;
    expect(half).toMatchObject({ kind: 'restore', phase: 'copy', startedAt: t0, endsAt: end });
    expect(half.totalBytes).toBe(base.size + 2 * GB);
    expect(Math.abs(half.doneBytes - base.size / 2)).toBeLessThan(rate);
    s.runUntil(t0 + copyMs + MIN);
    expect(s.snapshot().nodes.find((n) => n.id === 'db1')!.progress).toMatchObject({
      phase: 'replay',
    });
    s.runUntil(end - 1);
    expect(status(s, 'db1')).toBe('restoring');
    s.runUntil(end);
    expect(s.snapshot().nodes.find((n) => n.id === 'db1')!.progress).toBeUndefined();
    expect(s.node('db1').applied).toBe(4);
  });

  it('refuses a target before the backup, and a cluster without an archive', () => {
    const s = disaster();
    expect(() =>
      s.apply({ type: 'restore', node: 'db1', from: 'base', rate: GB, until: 10 }),
    ).toThrow(/the backup was taken later/);
    const plain = sim(threeNodes([0]));
    write(plain, 'a', 1);
    plain.apply({ type: 'backup', from: 'primary', id: 'b', fails: false });
    expect(() =>
      plain.apply({ type: 'restore', node: 'replica-1', from: 'b', rate: 1, until: 'latest' }),
    ).toThrow(/no WAL archive/);
  });
});

describe('delayed replica', () => {
  /** db3 receives at once but applies an hour late; a bad write comes at 30 min. */
  function delayed() {
    const s = sim(
      threeNodes([], {
        nodes: [
          { id: 'db1', role: 'leader' },
          { id: 'db2', role: 'follower', lag: 100 },
          { id: 'db3', role: 'follower', lag: 100, replay: HOUR },
        ],
      }),
    );
    write(s, 'rooms', 'all of them');
    s.runUntil(HOUR + MIN);
    s.runUntil(90 * MIN);
    write(s, 'rooms', 'none (DELETE ran)');
    s.runUntil(s.now + MIN);
    return s;
  }

  it('has received the mistake but not applied it; promoted until before it, it never does', () => {
    const s = delayed();
    expect(read(s, 'rooms', 'db2')).toMatchObject({ value: 'none (DELETE ran)' });
    expect(read(s, 'rooms', 'db3')).toMatchObject({ value: 'all of them', lsn: 1 });
    expect(s.node('db3').log).toHaveLength(2);
    s.apply({ type: 'crash', node: 'db1' });
    s.apply({ type: 'promote', node: 'db3', until: 80 * MIN });
    s.runUntil(s.now + 2 * HOUR);
    expect(read(s, 'rooms', 'db3')).toMatchObject({ value: 'all of them', lsn: 1 });
    expect(s.snapshot().leader).toBe('db3');
    // The mistake is gone from the new leader's log: it counts as a lost write.
    expect(checkAll(s)['lost-writes'].map((a) => a.key)).toEqual(['rooms']);
    expect(faults(s, 'recovery-target')).toEqual(['db3: applies the log up to 80m: LSN 1']);
  });

  it('promoted without until applies everything it received, the mistake included', () => {
    const s = delayed();
    s.apply({ type: 'crash', node: 'db1' });
    s.apply({ type: 'promote', node: 'db3' });
    expect(read(s, 'rooms', 'db3')).toMatchObject({ value: 'none (DELETE ran)', lsn: 2 });
  });

  it('cannot stop before what it has already applied', () => {
    const s = delayed();
    expect(() => s.apply({ type: 'promote', node: 'db2', until: 80 * MIN })).toThrow(
      /already applied LSN 2/,
    );
    expect(s.snapshot().leader).toBe('db1');
  });
});

describe('a restore that ends while the leader is down', () => {
  it('keeps its data instead of truncating against the empty leader, and can be promoted', () => {
    const s = sim(
      threeNodes([], {
        archive: { every: MIN },
        nodes: [
          { id: 'db1', role: 'leader' },
          { id: 'db2', role: 'follower', lag: 100 },
        ],
      }),
    );
    write(s, 'a', 1);
    s.runUntil(s.now + 1000);
    s.apply({ type: 'backup', from: 'db2', id: 'base', fails: false });
    write(s, 'b', 2);
    s.runUntil(2 * MIN);
    s.apply({ type: 'crash', node: 'db1' });
    s.apply({ type: 'wipe', node: 'db1' });
    s.apply({ type: 'wipe', node: 'db2' });
    s.apply({ type: 'restore', node: 'db2', from: 'base', rate: 1, until: 'latest' });
    s.runUntilCondition(() => s.node('db2').busy === undefined, s.now + HOUR);
    expect(s.node('db2').log).toHaveLength(2);
    expect(status(s, 'db2')).toBe('disconnected');
    s.apply({ type: 'promote', node: 'db2' });
    expect(read(s, 'b', 'db2')).toMatchObject({ value: 2, lsn: 2 });
    expect(checkAll(s)['lost-writes']).toHaveLength(0);
  });
});

describe('restore_command: a standby takes recycled log from the archive', () => {
  /** db1 keeps 50 entries; db2 takes 10 a second; 40 writes a second for 10 s. */
  function storm(archive: boolean) {
    const s = sim(
      threeNodes([], {
        retain: 50,
        ...(archive && { archive: { every: 1000 } }),
        nodes: [
          { id: 'db1', role: 'leader' },
          { id: 'db2', role: 'follower', lag: 10, throughput: 10 },
        ],
      }),
    );
    for (let i = 0; i < 400; i++) {
      s.runUntil(i * 25);
      s.apply({ type: 'write', client: 'you', key: `k${i % 7}`, value: i });
    }
    s.runUntil(11_000);
    return s;
  }

  it('without an archive the standby falls off the retained log', () => {
    expect(status(storm(false), 'db2')).toBe('needs-resync');
  });

  it('with one it fetches what db1 recycled, then streams again and catches up', () => {
    const s = storm(true);
    expect(status(s, 'db2')).toBe('streaming');
    const notes = s.history
      .toArray()
      .flatMap((e) => (e.type === 'note' ? [e.text] : []))
      .filter((t) => t.includes('WAL archive'));
    expect(notes[0]).toMatch(
      /^db2 fetches LSN \d+ onwards from the WAL archive: db1 has recycled it/,
    );
    expect(notes).toHaveLength(1);
    s.runUntilCondition(() => s.node('db2').applied === 400, 60_000);
    expect(s.node('db2').applied).toBe(400);
    const later = s.history.toArray().flatMap((e) => (e.type === 'note' ? [e.text] : []));
    expect(later.some((t) => t.startsWith('db2 streams from db1'))).toBe(true);
  });

  it('the leader keeps what the archive has not received yet', () => {
    const s = sim(threeNodes([0], { retain: 5, archive: { every: MIN } }));
    for (let i = 0; i < 20; i++) write(s, `k${i}`, i);
    expect(s.firstRetained(s.node('primary'))).toBe(1);
    s.runUntil(MIN);
    expect(s.firstRetained(s.node('primary'))).toBe(16);
  });
});
