import { describe, expect, it } from 'vitest';
import { textWidth, wrapWords } from '../../../src/ui/text/text.js';

describe('wrapWords', () => {
  it('fills rows up to the width, by display columns', () => {
    const rows = wrapWords('the quick brown fox jumps over the lazy dog', 10);
    expect(rows).toEqual(['the quick', 'brown fox', 'jumps over', 'the lazy', 'dog']);
    // Wide characters count two columns each.
    const wide = wrapWords('副本 副本 副本', 9);
    expect(wide).toEqual(['副本 副本', '副本']);
    for (const r of wide) expect(textWidth(r)).toBeLessThanOrEqual(9);
  });

  it('gives a word longer than the width a row of its own, and empty text no rows', () => {
    expect(wrapWords('a replication-slot b', 5)).toEqual(['a', 'replication-slot', 'b']);
    expect(wrapWords('', 5)).toEqual([]);
  });
});
