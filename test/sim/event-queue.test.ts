// Lanes are a speed-up only: whatever lane a caller names, events must come out in exactly
// (time, class, sequence) order, as from a plain sorted list.
import { describe, expect, it } from 'vitest';
import { EventQueue, type Queued } from '../../src/sim/event-queue.js';
import { Prng } from '../../src/sim/prng.js';

interface Item extends Queued {
  id: number;
}

function order(a: Item, b: Item): number {
  return a.t - b.t || a.cls - b.cls || a.seq - b.seq;
}

describe('EventQueue', () => {
  it('pops in (time, class, sequence) order whatever lanes events were pushed to', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rng = new Prng(seed);
      const q = new EventQueue<Item>(3);
      const pending: Item[] = [];
      const popped: number[] = [];
      const expected: number[] = [];
      let now = 0;
      let id = 0;
      for (let step = 0; step < 400; step++) {
        if (rng.next() < 0.55 || pending.length === 0) {
          // Mostly constant delays (lane-friendly), sometimes random ones and other classes.
          const lane = rng.int(-1, 2);
          const delay = rng.next() < 0.7 ? [20, 1, 5, 50][lane + 1]! : rng.int(0, 60);
          const ev: Item = { t: now + delay, cls: rng.next() < 0.8 ? 0 : 1, seq: 0, id: id++ };
          q.push(ev, lane);
          pending.push(ev);
        } else {
          pending.sort(order);
          const next = pending.shift()!;
          expected.push(next.id);
          const got = q.pop()!;
          popped.push(got.id);
          now = got.t;
        }
      }
      expect(q.size).toBe(pending.length);
      pending.sort(order);
      for (const ev of pending) {
        expected.push(ev.id);
        popped.push(q.pop()!.id);
      }
      expect(popped).toEqual(expected);
      expect(q.pop()).toBeUndefined();
    }
  });

  it('popUntil stops at events after the given time, and items() lists every queued event', () => {
    const q = new EventQueue<Item>(1);
    for (const [t, lane] of [
      [5, 0],
      [3, -1],
      [9, 0],
      [4, 0],
    ] as const) {
      q.push({ t, cls: 0, seq: 0, id: t }, lane);
    }
    expect(
      q
        .items()
        .map((e) => e.id)
        .sort(),
    ).toEqual([3, 4, 5, 9]);
    expect(q.popUntil(4)?.id).toBe(3);
    expect(q.popUntil(4)?.id).toBe(4);
    expect(q.popUntil(4)).toBeUndefined();
    expect(q.peek()?.id).toBe(5);
    expect(q.size).toBe(2);
  });

  it('a requeued event keeps its sequence number among events of its time', () => {
    const q = new EventQueue<Item>(1);
    const a: Item = { t: 1, cls: 0, seq: 0, id: 1 };
    q.push(a, 0);
    const b: Item = { t: 2, cls: 0, seq: 0, id: 2 };
    q.push(b, 0);
    const first = q.pop()!;
    first.t = 2; // deferred to t=2: it was scheduled before b, so it still goes first
    q.requeue(first);
    expect(q.pop()?.id).toBe(1);
    expect(q.pop()?.id).toBe(2);
  });
});
