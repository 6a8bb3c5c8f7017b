// Replication slots and disks: a slot keeps log for its follower (also while it is down)
// until it is dropped; a full disk refuses writes; `retain` without a slot breaks a standby.
import { describe, expect, it } from 'vitest';
import { SimulationError } from '../../src/sim/index.js';
import { config, sim, threeNodes, write } from './make-cluster.js';

const MB = 1024 * 1024;

function metrics(s: ReturnType<typeof sim>, id: string) {
  const m = s.snapshot().nodes.find((n) => n.id === id)!.metrics;
  if (!m) throw new Error('no metrics');
  return m;
}

describe('replication slots', () => {
  it('a down follower holding a slot keeps its log on the leader; without slots retain recycles it', () => {
    for (const slots of [true, false]) {
      const s = sim(threeNodes([10, 10], { slots, retain: 5 }));
      write(s, 'a', 0);
      s.runUntil(s.now + 100);
      s.apply({ type: 'crash', node: 'replica-2' });
      for (let i = 1; i <= 20; i++) write(s, `k${i}`, i);
      s.apply({ type: 'restart', node: 'replica-2' });
      s.runUntil(s.now + 1000);
      const snap = s.snapshot().nodes.find((n) => n.id === 'replica-2')!;
      if (slots) {
        expect(snap.status).toBe('streaming');
        expect(snap.appliedLsn).toBe(21);
      } else {
        expect(snap.status).toBe('needs-resync');
      }
    }
  });

  it("a slot's retained bytes grow while its follower is gone and the leader's disk fills", () => {
    const s = sim(
      config(
        [
          { id: 'primary', role: 'leader', disk: 100 * MB },
          { id: 'replica-1', role: 'follower', lag: 10 },
          { id: 'replica-2', role: 'follower', lag: 10 },
        ],
        { slots: true, dataSize: 50 * MB },
      ),
    );
    write(s, 'a', 0, { size: MB });
    s.runUntil(s.now + 100);
    // Everyone caught up: nothing is retained.
    expect(metrics(s, 'primary').retainedBytes).toBe(0);
    expect(metrics(s, 'primary').diskUsed).toBe(51 * MB);
    s.apply({ type: 'crash', node: 'replica-2' });
    for (let i = 1; i <= 10; i++) write(s, `k${i}`, i, { size: MB });
    s.runUntil(s.now + 100);
    expect(metrics(s, 'replica-2').slotRetainedBytes).toBe(10 * MB);
    expect(metrics(s, 'replica-1').slotRetainedBytes).toBe(0);
    expect(metrics(s, 'primary').retainedBytes).toBe(10 * MB);
    expect(metrics(s, 'primary').diskUsed).toBe(71 * MB);
    // Data 51 + 10 MB and the same 10 MB of log: each write now costs 2 MB until the disk is full.
    let refused = 0;
    for (let i = 11; i <= 30; i++) {
      const w = write(s, `k${i}`, i, { size: MB });
      if (w.outcome === 'fail') {
        expect(w.error).toBe('disk-full');
        refused++;
      }
    }
    expect(refused).toBe(6);
    expect(metrics(s, 'primary').diskUsed).toBeLessThanOrEqual(100 * MB);
    expect(s.node('primary').log).toHaveLength(25);
    // Dropping the dead follower's slot frees the log at once; writes go through again.
    s.apply({ type: 'drop-slot', node: 'replica-2' });
    expect(metrics(s, 'replica-2').slotRetainedBytes).toBeNull();
    expect(metrics(s, 'primary').retainedBytes).toBe(0);
    expect(write(s, 'after', 1, { size: MB }).outcome).toBe('ok');
    // The follower comes back to a log that no longer has what it needs.
    s.apply({ type: 'restart', node: 'replica-2' });
    s.runUntil(s.now + 100);
    expect(s.snapshot().nodes[2]!.status).toBe('needs-resync');
  });

  it('a resync (base backup) creates a dropped slot anew', () => {
    const s = sim(threeNodes([10, 10], { slots: true }));
    write(s, 'a', 1);
    s.apply({ type: 'crash', node: 'replica-2' });
    write(s, 'b', 2);
    s.apply({ type: 'drop-slot', node: 'replica-2' });
    s.apply({ type: 'restart', node: 'replica-2' });
    s.runUntil(s.now + 100);
    expect(s.snapshot().nodes[2]!.status).toBe('needs-resync');
    s.apply({ type: 'resync', node: 'replica-2', rate: 1000 });
    s.runUntil(s.now + 1000);
    expect(s.snapshot().nodes[2]!.status).toBe('streaming');
    expect(metrics(s, 'replica-2').slotRetainedBytes).toBe(0);
  });

  it('a cascaded follower holds its slot on its upstream, not on the leader', () => {
    const s = sim(
      config(
        [
          { id: 'primary', role: 'leader' },
          { id: 'replica-1', role: 'follower', lag: 10 },
          { id: 'replica-2', role: 'follower', lag: 10, upstream: 'replica-1' },
        ],
        { slots: true },
      ),
    );
    write(s, 'a', 1);
    s.runUntil(s.now + 100);
    expect(metrics(s, 'replica-1').slotRetainedBytes).toBe(0);
    expect(metrics(s, 'replica-2').slotRetainedBytes).toBeNull();
  });

  it('turning slots on later never brings back what was recycled', () => {
    const s = sim(threeNodes([10, 10], { retain: 2 }));
    s.apply({ type: 'crash', node: 'replica-2' });
    for (let i = 1; i <= 5; i++) write(s, `k${i}`, i);
    s.apply({ type: 'set-cluster', params: { slots: true } });
    s.apply({ type: 'restart', node: 'replica-2' });
    s.runUntil(s.now + 100);
    expect(s.snapshot().nodes[2]!.status).toBe('needs-resync');
  });

  it('refuses drop-slot without slots, on the leader and twice', () => {
    const off = sim(threeNodes([10, 10]));
    expect(() => off.apply({ type: 'drop-slot', node: 'replica-1' })).toThrow(SimulationError);
    const s = sim(threeNodes([10, 10], { slots: true }));
    expect(() => s.apply({ type: 'drop-slot', node: 'primary' })).toThrow(/leads/);
    s.apply({ type: 'drop-slot', node: 'replica-1' });
    expect(() => s.apply({ type: 'drop-slot', node: 'replica-1' })).toThrow(/dropped already/);
  });

  it('a disk without slots or retain holds the whole log: data and log both grow', () => {
    const s = sim(
      config(
        [
          { id: 'primary', role: 'leader', disk: 10 * MB },
          { id: 'replica-1', role: 'follower', lag: 10 },
        ],
        {},
      ),
    );
    for (let i = 0; i < 5; i++) expect(write(s, `k${i}`, i, { size: MB }).outcome).toBe('ok');
    expect(write(s, 'k5', 5, { size: MB })).toMatchObject({ outcome: 'fail', error: 'disk-full' });
  });
});
