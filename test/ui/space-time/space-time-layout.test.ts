import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../src/sim/types.js';
import {
  cellsText,
  laneCenters,
  layoutSpaceTime,
  legendFor,
  TIME_COLUMN,
} from '../../../src/ui/space-time/space-time-layout.js';
import { textWidth } from '../../../src/ui/text/text.js';
import { history, ops } from '../fixtures.js';

const NODES = ['primary', 'replica-1', 'replica-2'];
const opsById = new Map(ops.map((op) => [op.id, op]));

function grid(events: readonly HistoryEvent[], rows = 6, extra = {}) {
  return layoutSpaceTime({
    nodes: NODES,
    events,
    ops: opsById,
    from: 0,
    to: 12_000,
    rows,
    width: 80,
    ...extra,
  });
}

describe('layoutSpaceTime', () => {
  const { centers } = laneCenters(3, 80);
  const [p, r1, r2] = centers as [number, number, number];

  it('has one lane per node under a header naming them', () => {
    const g = grid([]);
    expect(cellsText(g.header).trim().split(/\s+/)).toEqual(NODES);
    expect(g.rows).toHaveLength(6);
    for (const row of g.rows) {
      expect(row[p]?.ch).toBe('│');
      expect(row[r2]?.ch).toBe('│');
    }
  });

  it('labels each row with the start of its time bucket', () => {
    const g = grid([]);
    expect(g.bucketMs).toBe(2_000);
    expect(cellsText(g.rows[1]!.slice(0, TIME_COLUMN)).trim()).toBe('2.000s');
  });

  it('draws a delivered entry as an arrow from sender to receiver on the delivery row', () => {
    const g = grid([
      { t: 2_600, type: 'deliver', from: 'primary', to: 'replica-2', msg: 'entry', lsn: 7 },
    ]);
    const row = g.rows[1]!;
    expect(row[p + 1]?.ch).toBe('─');
    expect(row[r1]?.ch).toBe('┼');
    expect(row[r2 - 1]?.ch).toBe('▸');
    expect(row[r2]?.ch).toBe('│');
    // Other rows are untouched.
    expect(g.rows[0]![p + 1]?.ch).toBe(' ');
  });

  it('draws an entry along its way, from the row it was sent on to the row it arrived on', () => {
    const g = grid([
      { t: 1_000, type: 'send', from: 'primary', to: 'replica-2', msg: 'entry', lsn: 3 },
      { t: 7_000, type: 'deliver', from: 'primary', to: 'replica-2', msg: 'entry', lsn: 3 },
    ]);
    const drawn = (r: number) => g.rows[r]!.flatMap((c, i) => (c.tone === 'info' ? [i] : []));
    // Rows 0 to 3 (0–8 s): it leaves primary, crosses replica-1, arrives at replica-2.
    expect(drawn(0)[0]).toBe(p + 1);
    expect(Math.max(...drawn(3))).toBe(r2 - 1);
    expect(g.rows[3]![r2 - 1]?.ch).toBe('▸');
    for (let r = 1; r < 3; r++)
      expect(Math.min(...drawn(r))).toBeGreaterThan(Math.max(...drawn(r - 1)) - 1);
    expect(g.rows.slice(4).every((row) => row.every((c) => c.tone !== 'info'))).toBe(true);
  });

  it('draws an entry still in flight up to now, its head where it has got to', () => {
    const g = grid([], 6, {
      to: 6_001,
      inFlight: [
        {
          from: 'primary',
          to: 'replica-2',
          kind: 'entry',
          lsn: 4,
          sentAt: 2_000,
          arrivesAt: 10_000,
        },
      ],
    });
    const last = g.rows.findLastIndex((row) => row.some((c) => c.ch === '▸'));
    const head = g.rows[last]!.findIndex((c) => c.ch === '▸');
    // Half way in time, so short of the receiver: it has not arrived.
    expect(head).toBeGreaterThan(p);
    expect(head).toBeLessThan(r2 - 1);
    expect(g.rows[last]![r2]?.ch).toBe('│');
    // Nothing on rows before it was sent.
    expect(g.rows[0]!.every((c) => c.tone !== 'info')).toBe(true);
  });

  it('leaves control messages in flight out unless asked', () => {
    const inFlight = [
      { from: 'replica-1', to: 'primary', kind: 'ack' as const, sentAt: 100, arrivesAt: 200 },
    ];
    const off = grid([], 6, { inFlight });
    expect(off.rows.every((row) => row.every((c) => c.tone !== 'info'))).toBe(true);
    const on = grid([], 6, { inFlight, showControl: true });
    expect(on.rows.some((row) => row.some((c) => c.ch === '◂'))).toBe(true);
  });

  it('points the arrow left when the receiver is to the left', () => {
    const g = grid([{ t: 100, type: 'deliver', from: 'replica-1', to: 'primary', msg: 'entry' }]);
    expect(g.rows[0]![p + 1]?.ch).toBe('◂');
  });

  it('leaves control messages out unless asked', () => {
    const ack: HistoryEvent = {
      t: 100,
      type: 'deliver',
      from: 'replica-1',
      to: 'primary',
      msg: 'ack',
    };
    expect(grid([ack]).rows[0]![p + 1]?.ch).toBe(' ');
    expect(grid([ack], 6, { showControl: true }).rows[0]![p + 1]?.ch).toBe('◂');
  });

  it('marks writes and reads in the lane of the node they were sent to', () => {
    const g = grid(history);
    expect(g.rows[0]![p]?.ch).toBe('W');
    expect(g.rows[1]![r2]?.ch).toBe('R');
  });

  it('marks crash, partition (every lane), election, step-down and truncation', () => {
    const g = grid(history, 12);
    expect(g.rows[5]![p]?.ch).toBe('✕');
    expect([p, r1, r2].map((c) => g.rows[6]![c]?.ch)).toEqual(['✂', '✂', '✂']);
    expect(g.rows[8]![r1]?.ch).toBe('★');
    expect(g.rows[10]![p]?.ch).toBe('✗');
  });

  it('keeps a fault visible over an operation in the same cell', () => {
    const g = grid(
      [
        { t: 5_000, type: 'fault', fault: 'crash', node: 'primary' },
        { t: 5_001, type: 'op', op: 1, phase: 'invoke' },
      ],
      6,
    );
    expect(g.rows[2]![p]?.ch).toBe('✕');
  });

  it('ignores events outside the window', () => {
    const g = grid([{ t: 12_000, type: 'fault', fault: 'crash', node: 'primary' }]);
    expect(g.rows.some((row) => row.some((c) => c.ch === '✕'))).toBe(false);
  });

  it('keeps every row within the width for seven nodes', () => {
    const seven = Array.from({ length: 7 }, (_, i) => `db-${i}`);
    const g = layoutSpaceTime({
      nodes: seven,
      events: [],
      ops: opsById,
      from: 0,
      to: 1_000,
      rows: 4,
      width: 80,
    });
    for (const row of [g.header, ...g.rows])
      expect(textWidth(cellsText(row))).toBeLessThanOrEqual(80);
  });

  it('marks the operations asked for with ⚠ in their node lane, over anything else there', () => {
    const read = ops.find((o) => o.kind === 'read')!;
    const plain = grid(history, 12);
    const marked = grid(history, 12, { marked: new Set([read.id]) });
    const col = centers[NODES.indexOf(read.node)]!;
    const row = Math.floor(read.invokedAt / marked.bucketMs);
    expect(plain.rows[row]![col]!.ch).not.toBe('⚠');
    expect(marked.rows[row]![col]).toEqual({ ch: '⚠', tone: 'danger' });
    const count = (g: typeof marked) => g.rows.flat().filter((c) => c.ch === '⚠').length;
    expect(count(marked)).toBe(1);
    expect(legendFor(marked, 200)).toContain('⚠ the violating read');
  });

  it('lists in the legend only the markers shown', () => {
    expect(legendFor(grid(history, 12), 200)).toBe(
      'W write  R read  ─▸ entry from sent to arrived (or now)  ✕ crash  ✂ partition  ★ elected  ✗ truncated',
    );
    expect(legendFor(grid([]), 80)).toBe('');
    expect(textWidth(legendFor(grid(history, 12), 30))).toBeLessThanOrEqual(30);
  });
});
