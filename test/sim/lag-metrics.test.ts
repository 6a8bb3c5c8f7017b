// Lag as monitoring endpoints report it: LSN distances, PostgreSQL's write/replay lag and
// replay age, MySQL's Seconds_Behind_Source, each with its real blind spots.
import { describe, expect, it } from 'vitest';
import { config, sim, start, threeNodes, write } from './make-cluster.js';

function metrics(s: ReturnType<typeof sim>, id: string) {
  const m = s.snapshot().nodes.find((n) => n.id === id)!.metrics;
  if (!m) throw new Error('no metrics');
  return m;
}

describe('lag metrics', () => {
  it('entries and bytes behind, received and applied, on the leader log', () => {
    const s = sim(
      config([
        { id: 'primary', role: 'leader' },
        { id: 'replica-1', role: 'follower', lag: 1000, replay: 2000 },
      ]),
    );
    start(s, { type: 'write', client: 'a', key: 'x', value: 1, size: 2048 });
    start(s, { type: 'write', client: 'b', key: 'y', value: 2, size: 512 });
    s.runUntil(500);
    expect(metrics(s, 'replica-1')).toMatchObject({
      receivedLsn: 0,
      appliedLsn: 0,
      receivedBehindEntries: 2,
      receivedBehindBytes: 2560,
      appliedBehindEntries: 2,
      appliedBehindBytes: 2560,
      replayAge: null,
      secondsBehind: 0,
    });
    s.runUntil(1500);
    expect(metrics(s, 'replica-1')).toMatchObject({
      receivedLsn: 2,
      appliedLsn: 0,
      receivedBehindEntries: 0,
      receivedBehindBytes: 0,
      appliedBehindEntries: 2,
      writeLag: 1000,
      replayLag: null,
    });
    expect(metrics(s, 'primary')).toMatchObject({
      receivedLsn: 2,
      receivedBehindEntries: 0,
      replayAge: null,
      secondsBehind: null,
      writeLag: null,
    });
  });

  it('replay age grows on an idle leader although the follower is caught up', () => {
    const s = sim(threeNodes([100, 100]));
    write(s, 'x', 1);
    s.runUntil(1000);
    expect(metrics(s, 'replica-1')).toMatchObject({ appliedBehindEntries: 0, secondsBehind: 0 });
    const at1 = metrics(s, 'replica-1').replayAge!;
    s.runUntil(61_000);
    const m = metrics(s, 'replica-1');
    expect(m.replayAge! - at1).toBe(60_000);
    expect(m.appliedBehindBytes).toBe(0);
    // Caught up and idle: PostgreSQL's lag columns show NULL.
    expect(m.writeLag).toBeNull();
    expect(m.replayLag).toBeNull();
  });

  it('Seconds_Behind_Source reads 0 while entries wait on the way to the follower', () => {
    const s = sim(threeNodes([30_000, 100]));
    for (let i = 0; i < 5; i++) {
      start(s, { type: 'write', client: 'a', key: `k${i}`, value: i });
      s.runUntil(s.now + 1000);
    }
    s.runUntil(20_000);
    const m = metrics(s, 'replica-1');
    expect(m.receivedBehindEntries).toBe(5);
    expect(m.secondsBehind).toBe(0);
    expect(s.snapshot().nodes[1]!.lagMs).toBeGreaterThan(15_000);
  });

  it('Seconds_Behind_Source counts from the oldest received entry not yet applied', () => {
    const s = sim(
      config([
        { id: 'primary', role: 'leader' },
        { id: 'replica-1', role: 'follower', lag: 1000, replay: 10_000 },
      ]),
    );
    start(s, { type: 'write', client: 'a', key: 'x', value: 1 });
    s.runUntil(8_500);
    // Committed at 1 ms, received at 1,001 ms, not applied until 11,001 ms.
    expect(metrics(s, 'replica-1').secondsBehind).toBe(8);
    s.runUntil(11_500);
    expect(metrics(s, 'replica-1')).toMatchObject({ secondsBehind: 0, replayLag: null });
  });

  it('Seconds_Behind_Source is null when the receiver cannot connect', () => {
    const s = sim(threeNodes([100, 100]));
    write(s, 'x', 1);
    s.apply({ type: 'crash', node: 'primary' });
    expect(metrics(s, 'replica-1').secondsBehind).toBeNull();
    s.apply({ type: 'crash', node: 'replica-2' });
    expect(metrics(s, 'replica-2').secondsBehind).toBeNull();
  });

  it('a follower that is not connected has no write or replay lag (no pg_stat_replication row)', () => {
    const s = sim(threeNodes([1000, 100]));
    start(s, { type: 'write', client: 'a', key: 'x', value: 1 });
    s.runUntil(1500);
    start(s, { type: 'write', client: 'a', key: 'y', value: 2 });
    s.runUntil(1600);
    // Pending LSN 2: replica-1 reports the lag of the last entry it received.
    expect(metrics(s, 'replica-1')).toMatchObject({ writeLag: 1000, replayLag: 1000 });
    s.apply({ type: 'crash', node: 'replica-1' });
    expect(metrics(s, 'replica-1')).toMatchObject({ writeLag: null, replayLag: null });
  });

  it('a chain adds lag per hop', () => {
    const s = sim(
      config([
        { id: 'primary', role: 'leader' },
        { id: 'hop-1', role: 'follower', lag: 1000 },
        { id: 'hop-2', role: 'follower', lag: 1000, upstream: 'hop-1' },
        { id: 'hop-3', role: 'follower', lag: 1000, upstream: 'hop-2' },
      ]),
    );
    start(s, { type: 'write', client: 'a', key: 'x', value: 1 });
    s.runUntil(4000);
    const writeLags = ['hop-1', 'hop-2', 'hop-3'].map((id) => metrics(s, id).replayAge);
    // Applied at 1,001, 2,001 and 3,001 ms: replay ages are equal (same entry), ...
    expect(writeLags).toEqual([3999, 3999, 3999]);
    // ... and while the next write travels, the hops fall behind one second each.
    start(s, { type: 'write', client: 'a', key: 'y', value: 2 });
    s.runUntil(5500);
    expect(['hop-1', 'hop-2', 'hop-3'].map((id) => metrics(s, id).appliedBehindEntries)).toEqual([
      0, 1, 1,
    ]);
    s.runUntil(6500);
    expect(['hop-1', 'hop-2', 'hop-3'].map((id) => metrics(s, id).appliedBehindEntries)).toEqual([
      0, 0, 1,
    ]);
    s.runUntil(7500);
    expect(['hop-1', 'hop-2', 'hop-3'].map((id) => metrics(s, id).writeLag)).toEqual([
      null,
      null,
      null,
    ]);
  });
});
