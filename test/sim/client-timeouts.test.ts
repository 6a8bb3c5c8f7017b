// Client timeouts wait in a ring of plain numbers (timeout-ring.ts) and become events only
// when due while their operation still waits. These tests pin what a client sees.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/sim/index.js';
import { TimeoutRing } from '../../src/sim/timeout-ring.js';
import { threeNodes } from './make-cluster.js';

function stalled(clientTimeout: number): Simulation {
  const s = new Simulation(threeNodes([10, 10], { clientTimeout }), { seed: 1 });
  // A paused leader holds every request until it resumes: the clients give up first.
  s.apply({ type: 'pause', node: 'primary', for: 10_000 });
  return s;
}

describe('client timeouts', () => {
  it('an operation nobody answers times out after clientTimeout: a write is unknown, a read failed', () => {
    const s = stalled(2000);
    const w = s.apply({ type: 'write', client: 'a', key: 'k', value: 1 })!;
    s.runUntil(100);
    const r = s.apply({ type: 'read', client: 'b', key: 'k', from: 'primary' })!;
    s.runUntil(1999);
    expect(s.ops.isPending(w)).toBe(true);
    s.runUntil(2000);
    expect(s.ops.at(w)).toMatchObject({ outcome: 'info', error: 'timeout', completedAt: 2000 });
    expect(s.ops.isPending(r)).toBe(true);
    s.runUntil(2100);
    expect(s.ops.at(r)).toMatchObject({ outcome: 'fail', error: 'timeout', completedAt: 2100 });
    expect(s.ops.at(w)!.completeSeq!).toBeLessThan(s.ops.at(r)!.completeSeq!);
  });

  it('answered operations leave no event behind: only the stalled one fires', () => {
    const s = new Simulation(threeNodes([10, 10], { clientTimeout: 1000 }), { seed: 1 });
    for (let i = 0; i < 50; i++) s.apply({ type: 'write', client: 'a', key: `k${i}`, value: i });
    s.runUntil(500);
    const before = s.eventsProcessed;
    s.apply({ type: 'pause', node: 'primary', for: 5000 });
    const stuck = s.apply({ type: 'write', client: 'b', key: 'x', value: 1 })!;
    expect(s.nextEventTime()).toBeLessThanOrEqual(1500);
    s.runUntil(1500);
    expect(s.ops.at(stuck)).toMatchObject({ outcome: 'info', completedAt: 1500 });
    // The 50 dead timeouts (due at 1000) were dropped without being processed.
    const processed = s.eventsProcessed - before;
    expect(processed).toBeLessThan(10);
  });

  it('a timeout shortened mid-run still fires in time order (it goes to the queue)', () => {
    const s = stalled(2000);
    const a = s.apply({ type: 'write', client: 'a', key: 'k', value: 1 })!; // due at 2000
    s.runUntil(100);
    s.cfg.clientTimeout = 500;
    const b = s.apply({ type: 'write', client: 'b', key: 'k', value: 2 })!; // due at 600
    s.runUntil(700);
    expect(s.ops.at(b)).toMatchObject({ outcome: 'info', completedAt: 600 });
    expect(s.ops.isPending(a)).toBe(true);
    s.runUntil(2000);
    expect(s.ops.at(a)).toMatchObject({ outcome: 'info', completedAt: 2000 });
  });

  it('step() and runUntilCondition() see a due timeout like any event', () => {
    const s = stalled(300);
    const w = s.apply({ type: 'write', client: 'a', key: 'k', value: 1 })!;
    let steps = 0;
    while (s.ops.isPending(w) && s.step()) steps++;
    expect(s.now).toBe(300);
    expect(s.ops.at(w)!.outcome).toBe('info');
    expect(steps).toBeGreaterThan(0);
    const r = s.apply({ type: 'read', client: 'a', key: 'k', from: 'primary' })!;
    expect(s.runUntilCondition(() => !s.ops.isPending(r), 10_000)).toBe(true);
    expect(s.ops.at(r)).toMatchObject({ outcome: 'fail', completedAt: 600 });
  });
});

describe('timeout ring', () => {
  it('keeps order through wrap-around and growth', () => {
    const ring = new TimeoutRing();
    let next = 0;
    let expected = 0;
    const taken: number[] = [];
    // Interleave pushes and shifts so the ring wraps, then grows while wrapped.
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 30 + round * 7; i++) {
        expect(ring.fits(next)).toBe(true);
        ring.push(next, next * 10, next, next % 5);
        next++;
      }
      for (let i = 0; i < 25 && ring.size > 0; i++) {
        taken.push(ring.headOp());
        expect(ring.headT()).toBe(expected);
        expect(ring.headSeq()).toBe(expected * 10);
        expect(ring.headNode()).toBe(expected % 5);
        expected++;
        ring.shift();
      }
    }
    while (ring.size > 0) {
      taken.push(ring.headOp());
      ring.shift();
    }
    expect(taken).toEqual(Array.from({ length: next }, (_, i) => i));
    expect(ring.fits(-1)).toBe(true); // empty: anything fits
    ring.push(10, 0, 0, 0);
    expect(ring.fits(9)).toBe(false);
    expect(ring.fits(10)).toBe(true);
  });
});
