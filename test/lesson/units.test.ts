import { describe, expect, it } from 'vitest';
import {
  parseCountRate,
  parseDuration,
  parseRate,
  parseSize,
  parseSizeRate,
  UnitError,
} from '../../src/lesson/format/units.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['2s', 2000],
    ['1.5s', 1500],
    ['1m', 60_000],
    ['6h', 21_600_000],
    ['1d', 86_400_000],
    ['2 s', 2000],
    [0, 0],
    [1500, 1500],
  ])('%s is %d ms', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it('rounds to whole milliseconds', () => {
    expect(parseDuration('0.4ms')).toBe(0);
    expect(parseDuration(2.6)).toBe(3);
  });

  it('accepts a negative duration only when signed (clock skew)', () => {
    expect(() => parseDuration('-2s')).toThrow(UnitError);
    expect(() => parseDuration(-5)).toThrow(UnitError);
    expect(parseDuration('-2s', { signed: true })).toBe(-2000);
  });

  it.each([['fast'], ['2'], ['2sec'], ['1h30m'], [''], [true], [null], [Number.NaN]])(
    'rejects %s with what was expected and found',
    (input) => {
      expect(() => parseDuration(input)).toThrow(
        /^expected a duration like 250ms, 2s, 1m or 6h, found /,
      );
    },
  );

  it('quotes a bad string in the message', () => {
    expect(() => parseDuration('fast')).toThrow(
      'expected a duration like 250ms, 2s, 1m or 6h, found "fast"',
    );
  });
});

describe('parseSize', () => {
  it.each([
    ['512B', 512],
    ['16KB', 16 * 1024],
    ['16KiB', 16 * 1024],
    ['1.5MB', 1.5 * 1024 ** 2],
    ['4GB', 4 * 1024 ** 3],
    ['51TB', 51 * 1024 ** 4],
    [2048, 2048],
  ])('%s is %d bytes', (input, bytes) => {
    expect(parseSize(input)).toBe(bytes);
  });

  it.each([['2 KBs'], ['4 gigabytes'], ['16kb'], ['-1B'], [-1], [[1]]])('rejects %s', (input) => {
    expect(() => parseSize(input)).toThrow(/^expected a size like 512B, 16KB, 4GB or 51TB, found /);
  });
});

describe('rates', () => {
  it('turns a size per duration into bytes per ms', () => {
    expect(parseRate('100MB/s')).toEqual({ bytesPerMs: (100 * 1024 ** 2) / 1000 });
    expect(parseRate('600GB/h')).toEqual({ bytesPerMs: (600 * 1024 ** 3) / 3_600_000 });
    expect(parseSizeRate('1KB/ms')).toBe(1024);
  });

  it('turns a count per duration into a count per ms', () => {
    expect(parseRate('500/s')).toEqual({ countPerMs: 0.5 });
    expect(parseCountRate('60/m')).toBe(0.001);
  });

  it('keeps size rates and count rates apart', () => {
    expect(() => parseSizeRate('500/s')).toThrow('expected a rate like 100MB/s or 600GB/h');
    expect(() => parseCountRate('100MB/s')).toThrow('expected a rate like 500/s or 30000/m');
  });

  it.each([['600GB'], ['fast'], [100], ['100MB/week']])('rejects %s', (input) => {
    expect(() => parseRate(input)).toThrow(/^expected a rate like /);
  });
});
