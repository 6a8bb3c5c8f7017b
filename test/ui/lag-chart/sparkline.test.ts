import { describe, expect, it } from 'vitest';
import { resample, sparkline } from '../../../src/ui/lag-chart/sparkline.js';

describe('sparkline', () => {
  it('maps 0..max onto the eight block heights', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8)).toBe('▁▂▃▄▅▆▇█');
  });

  it('uses a shared max when given, so series compare', () => {
    expect(sparkline([7, 7], 2, 14)).toBe('▅▅');
    expect(sparkline([7, 7], 2)).toBe('██');
  });

  it('prints one character per sample when they fit, newest last', () => {
    expect(sparkline([0, 7], 10)).toBe('▁█');
  });

  it('shows missing samples as spaces and a flat zero line as the lowest block', () => {
    expect(sparkline([1, null, 1], 3)).toBe('█ █');
    expect(sparkline([0, 0, 0], 3)).toBe('▁▁▁');
    expect(sparkline([], 5)).toBe('');
  });

  it('buckets more samples than columns by their maximum, so a spike stays visible', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i === 57 ? 10 : 0));
    const line = sparkline(values, 10);
    expect(line).toHaveLength(10);
    expect(line).toBe('▁▁▁▁▁█▁▁▁▁');
    expect(resample([1, 2, 3, 4], 2)).toEqual([2, 4]);
  });
});
