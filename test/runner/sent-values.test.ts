// Writes in the event log show the value their client sent, even before (or without) the
// leader recording one: in flight, refused, or with an id still to assign.
import { describe, expect, it } from 'vitest';
import { displayOps } from '../../src/lesson/engine/sent-values.js';
import { formatEvent } from '../../src/ui/event-log/event-format.js';
import { opsOf } from '../../src/ui/event-log/history-window.js';
import { sim, threeNodes } from '../sim/make-cluster.js';

function eventTexts(s: ReturnType<typeof sim>): string[] {
  const events = s.history.slice();
  const ops = new Map(opsOf(events, displayOps(s)).map((o) => [o.id, o]));
  return events.flatMap((e) => {
    const l = formatEvent(e, { ops });
    return l ? [l.text] : [];
  });
}

describe('displayOps', () => {
  it('a write in flight and a refused write show the value the client sent', () => {
    const s = sim(threeNodes([100, 200]));
    s.apply({ type: 'write', client: 'shop', key: 'order-1', value: '2 × tea' });
    expect(eventTexts(s)).toEqual(['shop → primary: write order-1 = "2 × tea"']);
    s.runUntil(1000);
    s.apply({ type: 'crash', node: 'primary' });
    s.apply({ type: 'write', client: 'shop', key: 'order-2', value: '3 × coffee beans' });
    s.runUntil(60_000);
    const texts = eventTexts(s);
    expect(texts).toContain('shop → primary: write order-2 = "3 × coffee beans"');
    expect(
      texts.some((t) => /^shop: write order-2 = "3 × coffee beans" on primary failed/.test(t)),
    ).toBe(true);
    expect(texts.filter((t) => t.includes('∅'))).toEqual([]);
  });

  it('an auto-id write shows its row before the id is assigned', () => {
    const s = sim(threeNodes([100, 200]));
    s.apply({
      type: 'write',
      client: 'app',
      key: 'repositories',
      value: 'rails/rails (public)',
      autoId: true,
    });
    expect(eventTexts(s)).toEqual(['app → primary: write repositories = "rails/rails (public)"']);
  });

  it('a workload write in flight shows the value it carries (its op id)', () => {
    const s = sim(threeNodes([100, 200]));
    s.apply({
      type: 'workload',
      tag: 'w',
      spec: {
        clients: 3,
        duration: 2000,
        writes: 1,
        readAfterWrite: 0,
        keys: 3,
        rate: 10,
        policy: 'random',
      },
    });
    s.runUntil(500);
    const invokes = eventTexts(s).filter((t) => t.includes('→'));
    expect(invokes.length).toBeGreaterThan(0);
    for (const t of invokes) expect(t).toMatch(/write k\d+ = \d+$/);
    const pending = [...displayOps(s)].filter((o) => o.outcome === 'pending');
    for (const o of pending) expect(o.value).toBe(o.id);
  });
});
