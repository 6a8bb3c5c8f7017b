import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatValue } from '../../../src/ui/text/format.js';

describe('formatting', () => {
  it('prints durations short', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(1_200)).toBe('1.2s');
    expect(formatDuration(125_000)).toBe('2m05s');
    expect(formatDuration(63_540_000)).toBe('17h39m');
  });

  it('prints sizes 1024-based', () => {
    expect(formatBytes(340)).toBe('340 B');
    expect(formatBytes(1_536)).toBe('1.5 kB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });

  it('quotes strings and marks a missing value', () => {
    expect(formatValue('hi')).toBe('"hi"');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(undefined)).toBe('∅');
  });
});
