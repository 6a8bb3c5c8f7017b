import { describe, expect, it } from 'vitest';
import type { EventLine } from '../../../src/ui/event-log/event-format.js';
import { eventLogLines } from '../../../src/ui/event-log/event-log-lines.js';
import { createTheme } from '../../../src/ui/theme/theme.js';

const sgr = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

const lines: EventLine[] = [
  { t: 12_345, glyph: '✓', tone: 'ok', text: 'c0 wrote k1 = "v1" on db-a', labels: [] },
  { t: 900, glyph: '!', tone: 'danger', text: 'c1 read k1 from db-b', labels: ['stale', 'rw'] },
];

describe('eventLogLines', () => {
  it('aligns the times, then the glyph, the labels and the words', () => {
    const out = eventLogLines(lines, createTheme(true)).map((l) => l.text.replace(sgr, ''));
    expect(out).toEqual([
      '12.345s ✓  c0 wrote k1 = "v1" on db-a',
      ' 0.900s !  ⚠ stale, rw — c1 read k1 from db-b',
    ]);
  });

  it('gives no line an own style (each run carries its own)', () => {
    for (const l of eventLogLines(lines, createTheme(false))) expect(l.paint).toBeUndefined();
  });
});
