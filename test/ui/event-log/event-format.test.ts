import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../src/sim/types.js';
import {
  type EventContext,
  formatEvent,
  recentLines,
} from '../../../src/ui/event-log/event-format.js';
import { history, ops } from '../fixtures.js';

const ctx: EventContext = {
  ops: new Map(ops.map((op) => [op.id, op])),
  labels: new Map([[2, ['stale', 'read-your-writes']]]),
};

function fmt(event: HistoryEvent, extra: Partial<EventContext> = {}) {
  return formatEvent(event, { ...ctx, ...extra });
}

describe('formatEvent', () => {
  it('shows an acknowledged write with its node, LSN and epoch', () => {
    expect(fmt({ t: 1_002, type: 'op', op: 1, phase: 'ok' })).toMatchObject({
      glyph: '✓',
      text: 'alice wrote tweet:42 = "hello" on primary (LSN 7, epoch 1)',
    });
  });

  it('shows a read with node, value, LSN, and the labels the checkers gave it', () => {
    expect(fmt({ t: 2_002, type: 'op', op: 2, phase: 'ok' })).toMatchObject({
      text: 'alice read tweet:42 = null from replica-2 (at LSN 5; key absent)',
      labels: ['stale', 'read-your-writes'],
    });
  });

  it('says an election winner has the newest log it can reach when a newer one is out of reach', () => {
    const note: HistoryEvent = {
      t: 20_000,
      type: 'note',
      text: 'db2: no heartbeat for 10000 ms, election started; db2 has the newest log (LSN 4)',
    };
    const lsn7 = new Map([[1, { ...ops[0]!, lsn: 7, acceptedAt: 1_001 }]]);
    expect(fmt(note, { ops: lsn7 })?.text).toBe(
      'db2: no heartbeat for 10.0s, election started; db2 has the newest log db2 can reach (LSN 4)',
    );
    // Nothing newer anywhere (or only written after the election): the plain claim is true.
    const lsn4 = new Map([[1, { ...ops[0]!, lsn: 4, acceptedAt: 1_001 }]]);
    const later = new Map([[1, { ...ops[0]!, lsn: 7, acceptedAt: 30_000 }]]);
    for (const o of [lsn4, later])
      expect(fmt(note, { ops: o })?.text).toBe(
        'db2: no heartbeat for 10.0s, election started; db2 has the newest log (LSN 4)',
      );
  });

  it('puts no labels on the invocation, and can hide invocations', () => {
    expect(fmt({ t: 2_000, type: 'op', op: 2, phase: 'invoke' })).toMatchObject({
      glyph: '…',
      text: 'alice → replica-2: read tweet:42',
      labels: [],
    });
    expect(
      fmt({ t: 2_000, type: 'op', op: 2, phase: 'invoke' }, { showInvokes: false }),
    ).toBeNull();
  });

  it('explains failures and unknown outcomes', () => {
    expect(fmt({ t: 3_001, type: 'op', op: 3, phase: 'fail' })?.text).toBe(
      'bob: write likes = 4 on replica-1 failed: not-leader',
    );
    expect(fmt({ t: 9_000, type: 'op', op: 4, phase: 'info' })).toMatchObject({
      glyph: '?',
      text: 'bob: write likes = 4 on primary: outcome unknown (timeout)',
    });
  });

  it('marks faults, elections, step-downs and truncations with their glyphs', () => {
    expect(fmt({ t: 5_000, type: 'fault', fault: 'crash', node: 'primary' })).toMatchObject({
      glyph: '⚡',
      text: 'crash primary',
    });
    expect(fmt({ t: 6_000, type: 'fault', fault: 'partition', detail: '[a] | [b]' })).toMatchObject(
      {
        glyph: '✂',
        text: 'partition [a] | [b]',
      },
    );
    expect(
      fmt({
        t: 8_000,
        type: 'election',
        leader: 'replica-1',
        epoch: 2,
        previous: 'primary',
        manual: false,
      }),
    ).toMatchObject({ glyph: '★', text: 'replica-1 elected leader, epoch 2 (was primary)' });
    expect(
      fmt({ t: 8_000, type: 'election', leader: 'replica-1', epoch: 2, manual: true })?.text,
    ).toBe('replica-1 promoted to leader, epoch 2');
    expect(
      fmt({ t: 10_000, type: 'step-down', node: 'primary', epoch: 2, reason: 'saw epoch 2' }),
    ).toMatchObject({ glyph: '↓', text: 'primary steps down in epoch 2: saw epoch 2' });
    expect(
      fmt({ t: 10_001, type: 'truncate', node: 'primary', fromLsn: 8, toLsn: 9, lostOps: [5, 6] }),
    ).toMatchObject({ glyph: '✗', text: 'primary truncated LSN 8..9: writes #5, #6 lost' });
  });

  it('hides replication messages unless asked', () => {
    const deliver: HistoryEvent = {
      t: 2_600,
      type: 'deliver',
      from: 'primary',
      to: 'replica-1',
      msg: 'entry',
      lsn: 7,
    };
    expect(fmt(deliver)).toBeNull();
    expect(fmt(deliver, { showMessages: true })?.text).toBe(
      'primary ─▸ replica-1 entry LSN 7 delivered',
    );
  });

  it('gives an unknown fault a generic marker with its own name', () => {
    expect(
      fmt({ t: 1, type: 'fault', fault: 'clock-skew', node: 'db-2', detail: '+5s' }),
    ).toMatchObject({
      glyph: '!',
      text: 'clock-skew db-2 +5s',
    });
  });
});

describe('recentLines', () => {
  it('returns the newest lines first, at most the limit, skipping hidden kinds', () => {
    const lines = recentLines(history, ctx, 3);
    expect(lines.map((l) => l.t)).toEqual([11_000, 10_001, 10_000]);
    const all = recentLines(history, ctx, 100);
    expect(all.some((l) => l.text.includes('─▸'))).toBe(false);
    expect(all).toHaveLength(history.length - 2);
  });
});
