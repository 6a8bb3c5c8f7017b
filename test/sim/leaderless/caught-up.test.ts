// Leaderless "caught up": a replica holds the newest versions of every key written, so
// nothing still travelling (a write, a repair, a hint's handoff, a sync) can change it.
import { describe, expect, it } from 'vitest';
import { quorumCaughtUp, type Simulation } from '../../../src/sim/index.js';
import { runOp, sim, threeNodes } from '../make-cluster.js';
import { abc, llSim } from './make-leaderless.js';

const write = (s: Simulation, key: string, value: string, client = 'you') =>
  runOp(s, { type: 'write', client, key, value });

describe('leaderless caughtUp', () => {
  it('holds for a replica once a write reached it, and for the cluster once it reached all', () => {
    const s = llSim(abc({ w: 2 }, { c: 500 }));
    expect(quorumCaughtUp(s)).toBe(true); // nothing written yet
    const w = write(s, 'k', 'v1');
    expect(w.outcome).toBe('ok');
    // a and b stored it; c's copy is still on its way.
    expect([quorumCaughtUp(s, 'a'), quorumCaughtUp(s, 'b'), quorumCaughtUp(s, 'c')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(quorumCaughtUp(s)).toBe(false);
    s.runUntil(499);
    expect(quorumCaughtUp(s, 'c')).toBe(false);
    s.runUntil(500);
    expect(quorumCaughtUp(s, 'c')).toBe(true);
    expect(quorumCaughtUp(s)).toBe(true);
  });

  it('a replica that missed a write is not caught up until read repair reaches it', () => {
    const s = llSim(abc({ w: 2, r: 2, readRepair: true }, { c: 300 }));
    s.apply({ type: 'crash', node: 'c' });
    write(s, 'k', 'v1');
    s.apply({ type: 'restart', node: 'c' });
    s.runUntil(s.now + 1000);
    // No log to replay: c stays behind however long we wait.
    expect(quorumCaughtUp(s, 'c')).toBe(false);
    runOp(s, { type: 'read', client: 'you', key: 'k', from: 'route' });
    // The read asked c too; its repair is on its way (c's lag is 300 ms).
    expect(quorumCaughtUp(s, 'c')).toBe(false);
    s.runUntil(s.now + 400);
    expect(quorumCaughtUp(s, 'c')).toBe(true);
    expect(quorumCaughtUp(s)).toBe(true);
  });

  it('does not hold while a home replica is down with a hint pending, and holds after handoff', () => {
    const s = llSim(abc({ w: 3, sloppy: true }, { b: 200 }, {}, ['a', 'b', 'c', 'd']));
    s.apply({ type: 'crash', node: 'b' });
    const w = write(s, 'k', 'v1');
    expect(w.outcome).toBe('ok'); // a, c and d (a hint for b)
    s.runUntil(s.now + 1000);
    const snap = s.snapshot().leaderless!;
    expect(snap.replicas.find((r) => r.id === 'd')!.hints.map((h) => h.for)).toEqual(['b']);
    expect(quorumCaughtUp(s, 'a')).toBe(true);
    expect(quorumCaughtUp(s, 'b')).toBe(false);
    expect(quorumCaughtUp(s, 'd')).toBe(false); // a fallback still holding a hint
    expect(quorumCaughtUp(s)).toBe(false);
    s.apply({ type: 'restart', node: 'b' });
    // b is up but the handoff takes b's lag to arrive: it still lacks v1.
    expect(quorumCaughtUp(s, 'b')).toBe(false);
    expect(quorumCaughtUp(s)).toBe(false);
    s.runUntil(s.now + 199);
    expect(quorumCaughtUp(s)).toBe(false);
    s.runUntil(s.now + 1);
    expect(quorumCaughtUp(s, 'b')).toBe(true);
    expect(quorumCaughtUp(s, 'd')).toBe(true);
    expect(quorumCaughtUp(s)).toBe(true);
  });

  it('with siblings, a replica holding one of two concurrent versions is not caught up', () => {
    const s = llSim(abc({ w: 1, r: 1 }, { b: 100, c: 400 }, { conflict: 'siblings' }));
    // Two blind writes: concurrent, both kept as siblings everywhere in the end.
    s.apply({ type: 'write', client: 'x', key: 'k', value: 'one' });
    s.apply({ type: 'write', client: 'y', key: 'k', value: 'two' });
    s.runUntil(150);
    const b = s.snapshot().leaderless!.replicas.find((r) => r.id === 'b')!;
    expect(b.keys[0]!.versions.map((v) => v.value).sort()).toEqual(['one', 'two']);
    expect(quorumCaughtUp(s, 'b')).toBe(true);
    expect(quorumCaughtUp(s, 'c')).toBe(false);
    s.runUntil(400);
    expect(quorumCaughtUp(s)).toBe(true);
  });

  it('is undefined on a leader-based cluster (the log rule applies there)', () => {
    expect(quorumCaughtUp(sim(threeNodes()))).toBeUndefined();
  });
});
