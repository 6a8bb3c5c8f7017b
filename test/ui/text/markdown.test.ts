import { describe, expect, it } from 'vitest';
import {
  layoutMarkdown,
  parseInline,
  parseMarkdown,
  spansText,
  wrapSpans,
} from '../../../src/ui/text/markdown.js';
import { textWidth } from '../../../src/ui/text/text.js';

const text = (lines: ReturnType<typeof layoutMarkdown>) => lines.map(spansText);

describe('parseInline', () => {
  it('parses bold, italic and code', () => {
    expect(parseInline('a **b** *c* _d_ `e`')).toEqual([
      { text: 'a ' },
      { text: 'b', bold: true },
      { text: ' ' },
      { text: 'c', italic: true },
      { text: ' ' },
      { text: 'd', italic: true },
      { text: ' ' },
      { text: 'e', code: true },
    ]);
  });

  it('nests italic inside bold', () => {
    expect(parseInline('**x *y***')).toEqual([
      { text: 'x ', bold: true },
      { text: 'y', bold: true, italic: true },
    ]);
  });

  it('keeps markers literal inside code, inside words and when unmatched', () => {
    expect(parseInline('`**not bold**`')).toEqual([{ text: '**not bold**', code: true }]);
    expect(parseInline('max_lag_on_failover')).toEqual([{ text: 'max_lag_on_failover' }]);
    expect(parseInline('2 * 3 and **open')).toEqual([{ text: '2 * 3 and **open' }]);
    expect(parseInline('\\*literal\\*')).toEqual([{ text: '*literal*' }]);
  });
});

describe('parseMarkdown', () => {
  it('splits paragraphs on blank lines and joins their lines', () => {
    const blocks = parseMarkdown('one\ntwo\n\nthree');
    expect(blocks).toEqual([
      { kind: 'paragraph', spans: [{ text: 'one two' }] },
      { kind: 'paragraph', spans: [{ text: 'three' }] },
    ]);
  });

  it('reads bullet and numbered lists, with indented continuation lines', () => {
    const blocks = parseMarkdown('- a\n  more\n* b\n\n3. c\n4. d');
    expect(blocks).toEqual([
      { kind: 'list', ordered: false, start: 1, items: [[{ text: 'a more' }], [{ text: 'b' }]] },
      { kind: 'list', ordered: true, start: 3, items: [[{ text: 'c' }], [{ text: 'd' }]] },
    ]);
  });

  it('ends a paragraph where a list starts', () => {
    const blocks = parseMarkdown('Options:\n- sync\n- async');
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'list']);
  });
});

describe('block quotes', () => {
  it('joins consecutive `> ` lines into one quote, styles inline, ends at a blank line', () => {
    const blocks = parseMarkdown('Ticket:\n\n> *"I asked. Bob\n> answered."*\n\nHe is not.');
    expect(blocks).toEqual([
      { kind: 'paragraph', spans: [{ text: 'Ticket:' }] },
      { kind: 'quote', spans: [{ text: '"I asked. Bob answered."', italic: true }] },
      { kind: 'paragraph', spans: [{ text: 'He is not.' }] },
    ]);
  });

  it('lays a quote out behind a bar in the margin, wrapped within the width', () => {
    const lines = text(layoutMarkdown('> one two three four five six', 12));
    expect(lines).toEqual(['│ one two', '│ three four', '│ five six']);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(12);
  });

  it('a quote line right after a paragraph starts the quote (no stray ">")', () => {
    const lines = text(layoutMarkdown('Alice wrote:\n> gone again', 40));
    expect(lines).toEqual(['Alice wrote:', '', '│ gone again']);
  });
});

describe('wrapSpans', () => {
  it('wraps at word boundaries within the width', () => {
    const lines = wrapSpans([{ text: 'the quick brown fox jumps' }], 10).map(spansText);
    expect(lines).toEqual(['the quick', 'brown fox', 'jumps']);
  });

  it('keeps styles across the wrap and splits a word longer than the line', () => {
    const lines = wrapSpans(parseInline('**bold words here** abcdefghijkl'), 8);
    expect(lines[0]).toEqual([{ text: 'bold', bold: true }]);
    expect(lines.map(spansText)).toEqual(['bold', 'words', 'here', 'abcdefgh', 'ijkl']);
  });

  it('keeps punctuation attached to a styled word', () => {
    const lines = wrapSpans(parseInline('see **this**, then'), 9).map(spansText);
    expect(lines).toEqual(['see this,', 'then']);
  });
});

describe('layoutMarkdown', () => {
  it('indents wrapped list items under their text', () => {
    const lines = text(layoutMarkdown('- one two three four\n- five', 12));
    expect(lines).toEqual(['• one two', '  three four', '• five']);
  });

  it('numbers ordered lists from their start and aligns two-digit numbers', () => {
    const src = Array.from({ length: 10 }, (_, i) => `${i + 1}. item`).join('\n');
    const lines = text(layoutMarkdown(src, 20));
    expect(lines[0]).toBe('1.  item');
    expect(lines[9]).toBe('10. item');
  });

  it('separates blocks by one empty line and never exceeds the width', () => {
    const lines = layoutMarkdown('A paragraph that is long enough to wrap.\n\n- item', 16);
    expect(text(lines)).toContain('');
    for (const l of text(lines)) expect(textWidth(l)).toBeLessThanOrEqual(16);
  });

  it('keeps backticks around code when asked (for terminals without colour)', () => {
    expect(text(layoutMarkdown('run `promote`', 40, { codeTicks: true }))).toEqual([
      'run `promote`',
    ]);
    expect(text(layoutMarkdown('run `promote`', 40))).toEqual(['run promote']);
  });
});
