import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../src/sim/types.js';
import {
  firstIndexAtOrAfter,
  opsOf,
  previousEventTime,
  recentWindow,
} from '../../../src/ui/event-log/history-window.js';
import { ops } from '../fixtures.js';

const at = (...times: number[]): HistoryEvent[] =>
  times.map((t) => ({ t, type: 'note', text: `${t}` }));

describe('history window', () => {
  it('finds the first event at or after a time by binary search', () => {
    const h = at(1, 2, 2, 2, 5, 9);
    expect(firstIndexAtOrAfter(h, 0)).toBe(0);
    expect(firstIndexAtOrAfter(h, 2)).toBe(1);
    expect(firstIndexAtOrAfter(h, 3)).toBe(4);
    expect(firstIndexAtOrAfter(h, 10)).toBe(6);
    expect(firstIndexAtOrAfter([], 3)).toBe(0);
  });

  it('gives the time of the latest event strictly before now (where ← goes)', () => {
    const h = at(1, 2, 2, 5);
    expect(previousEventTime(h, 5)).toBe(2);
    expect(previousEventTime(h, 6)).toBe(5);
    expect(previousEventTime(h, 1)).toBeUndefined();
  });

  it('keeps events from a time on, at most a count, newest kept', () => {
    const h = at(...Array.from({ length: 1_000 }, (_, i) => i));
    const w = recentWindow(h, 990);
    expect(w.events.map((e) => e.t)).toEqual([990, 991, 992, 993, 994, 995, 996, 997, 998, 999]);
    const capped = recentWindow(h, 0, 100);
    expect(capped.events).toHaveLength(100);
    expect(capped.events[0]?.t).toBe(900);
    // The window says how far back it really reaches when the count cut it.
    expect(capped.from).toBe(900);
  });

  it('lists the operations the events mention, once each', () => {
    const events: HistoryEvent[] = [
      { t: 1, type: 'op', op: 1, phase: 'invoke' },
      { t: 2, type: 'op', op: 1, phase: 'ok' },
      { t: 3, type: 'truncate', node: 'primary', fromLsn: 1, toLsn: 2, lostOps: [4] },
    ];
    expect(opsOf(events, ops).map((o) => o.id)).toEqual([1, 4]);
  });
});
