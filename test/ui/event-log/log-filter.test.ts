// The event log's filters reach the whole history (a fault under thousands of writes), and
// its scroll anchor pages back and forth through what a filter shows.
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../src/sim/types.js';
import {
  filteredIndexes,
  logWindow,
  nextFilter,
  scrollLog,
} from '../../../src/ui/event-log/log-filter.js';

/** A fault, then `n` writes (invoke, send, deliver, ok each), then another fault. */
function busy(n: number): HistoryEvent[] {
  const h: HistoryEvent[] = [{ t: 0, type: 'fault', fault: 'needs-resync', node: 'db2' }];
  for (let i = 0; i < n; i++) {
    const t = 1 + i;
    h.push({ t, type: 'op', op: i, phase: 'invoke' });
    h.push({ t, type: 'send', from: 'db1', to: 'db2', msg: 'entry', lsn: i + 1 });
    h.push({ t, type: 'deliver', from: 'db1', to: 'db2', msg: 'entry', lsn: i + 1 });
    h.push({ t, type: 'op', op: i, phase: i === 7 ? 'fail' : 'ok' });
  }
  h.push({ t: n + 1, type: 'fault', fault: 'wipe', node: 'db1' });
  return h;
}

const none = new Map<number, string[]>();

describe('log filters', () => {
  it('cycle all → faults and anomalies → operations → all', () => {
    expect(nextFilter('all')).toBe('faults');
    expect(nextFilter('faults')).toBe('ops');
    expect(nextFilter('ops')).toBe('all');
  });

  it('find a fault buried under thousands of writes', () => {
    const h = busy(3_000);
    const w = logWindow(h, 'faults', none, undefined, 5);
    expect(w.events.map((e) => (e.type === 'fault' ? e.fault : `op ${e.type}`))).toEqual([
      'needs-resync',
      'op op',
      'wipe',
    ]);
    // The failed write is among them; the ok ones are not.
    expect(w.events[1]).toMatchObject({ type: 'op', op: 7, phase: 'fail' });
    // The newest five of everything are only writes and the last fault.
    const all = logWindow(h, 'all', none, undefined, 5);
    expect(all.events.some((e) => e.type === 'fault' && e.fault === 'needs-resync')).toBe(false);
  });

  it('show the reads the checkers flagged among faults and anomalies', () => {
    const h = busy(20);
    const labels = new Map([[12, ['stale']]]);
    const ids = filteredIndexes(h, 'faults', labels).map((i) => h[i]);
    expect(ids).toContainEqual({ t: 13, type: 'op', op: 12, phase: 'ok' });
  });

  it('leave replication messages out of every view, operations keep invocations', () => {
    const h = busy(10);
    for (const f of ['all', 'faults', 'ops'] as const) {
      for (const i of filteredIndexes(h, f, none)) {
        expect(['send', 'deliver', 'drop']).not.toContain(h[i]?.type);
      }
    }
    expect(filteredIndexes(h, 'ops', none)).toHaveLength(20);
  });

  it('grow with the history instead of starting over', () => {
    const h = busy(10);
    expect(filteredIndexes(h, 'all', none)).toHaveLength(22);
    h.push({ t: 99, type: 'note', text: 'later' });
    expect(filteredIndexes(h, 'all', none)).toHaveLength(23);
    expect(filteredIndexes(h, 'faults', none)).toHaveLength(4);
  });
});

describe('scrolling the log', () => {
  const h = busy(100);

  it('pages back to older events and forward to the newest again', () => {
    const page = 10;
    let anchor = scrollLog(h, 'all', none, undefined, 1, page);
    expect(anchor).toBeDefined();
    let w = logWindow(h, 'all', none, anchor, page);
    // One line of overlap with the page before.
    expect(w.newer).toBe(page - 1);
    expect(w.events).toHaveLength(page);
    anchor = scrollLog(h, 'all', none, anchor, 1, page);
    w = logWindow(h, 'all', none, anchor, page);
    expect(w.newer).toBe(2 * (page - 1));
    anchor = scrollLog(h, 'all', none, anchor, -1, page);
    anchor = scrollLog(h, 'all', none, anchor, -1, page);
    expect(anchor).toBeUndefined();
  });

  it('stops at a full page of the oldest events', () => {
    let anchor: number | undefined;
    for (let i = 0; i < 100; i++) anchor = scrollLog(h, 'all', none, anchor, 1, 10);
    const w = logWindow(h, 'all', none, anchor, 10);
    expect(w.older).toBe(0);
    expect(w.events).toHaveLength(10);
    expect(w.events[0]).toMatchObject({ type: 'fault', fault: 'needs-resync' });
  });

  it('keeps its place while newer events arrive', () => {
    const grown = busy(100);
    const anchor = scrollLog(grown, 'all', none, undefined, 1, 10);
    const before = logWindow(grown, 'all', none, anchor, 10).events;
    grown.push({ t: 500, type: 'note', text: 'new' });
    expect(logWindow(grown, 'all', none, anchor, 10).events).toEqual(before);
  });
});
