import { describe, expect, it } from 'vitest';
import {
  center,
  charWidth,
  padEnd,
  padStart,
  textWidth,
  truncate,
} from '../../../src/ui/text/text.js';

describe('text width', () => {
  it('counts the emoji-presentation crash glyph as two columns and box glyphs as one', () => {
    expect(charWidth('⚡')).toBe(2);
    expect(charWidth('✕')).toBe(1);
    expect(charWidth('▸')).toBe(1);
    expect(textWidth('t=1.000s ⚡ crash')).toBe(17);
    expect(textWidth('日本')).toBe(4);
    expect(textWidth('e\u0301')).toBe(1);
  });

  it('counts printable ASCII one column a character, and control characters none', () => {
    expect(textWidth('db-a  715/715   k15="v715"')).toBe(26);
    expect(textWidth('')).toBe(0);
    expect(textWidth('a\tb')).toBe(2);
  });

  it('truncates to the width with an ellipsis, and leaves short text alone', () => {
    expect(truncate('replica-1', 5)).toBe('repl…');
    expect(truncate('replica-1', 9)).toBe('replica-1');
    expect(truncate('abc', 0)).toBe('');
    expect(textWidth(truncate('⚡⚡⚡', 4))).toBeLessThanOrEqual(4);
  });

  it('pads to an exact width', () => {
    expect(padEnd('ab', 4)).toBe('ab  ');
    expect(padStart('ab', 4)).toBe('  ab');
    expect(center('ab', 6)).toBe('  ab  ');
    expect(padEnd('abcdef', 4)).toBe('abc…');
  });
});
