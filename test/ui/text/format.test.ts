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
    // Whole numbers from 10 up: the 300 GB database, not 300.0 GB or 322125596672.
    expect(formatBytes(322_125_596_672)).toBe('300 GB');
    expect(formatBytes(6_606_028_800)).toBe('6.2 GB');
    expect(formatBytes(3_049_472)).toBe('2.9 MB');
    expect(formatBytes(17 * 1024 ** 3)).toBe('17 GB');
  });

  it('quotes strings and marks a missing value', () => {
    expect(formatValue('hi')).toBe('"hi"');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(undefined)).toBe('∅');
  });
});
