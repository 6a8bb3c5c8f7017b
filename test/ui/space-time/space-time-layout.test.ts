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

  it('lists in the legend only the markers shown', () => {
    expect(legendFor(grid(history, 12), 200)).toBe(
      'W write  R read  ─▸ entry delivered  ✕ crash  ✂ partition  ★ elected  ✗ truncated',
    );
    expect(legendFor(grid([]), 80)).toBe('');
    expect(textWidth(legendFor(grid(history, 12), 30))).toBeLessThanOrEqual(30);
  });
});
