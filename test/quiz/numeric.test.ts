import { describe, expect, it } from 'vitest';
import { closeEnough, parseTypedNumber, showNumber } from '../../src/quiz/numeric.js';

describe('typed numbers', () => {
  it.each([
    ['3', 3],
    [' 3 ', 3],
    ['-2', -2],
    ['0.45', 0.45],
    ['.5', 0.5],
    ['1,5', 1.5],
    ['2,000', 2000],
    ['12,345,678', 12345678],
    ['2,000 writes/s', 2000],
    ['23 writes', 23],
    ['1.5 s', 1.5],
    ['1.5s', 1.5],
    ['6 hours.', 6],
  ])('%j is %d', (text, n) => {
    expect(parseTypedNumber(text)).toBe(n);
  });

  it.each(['', 'three', '1.2.3', '1,2,3', '2 3', 'x2'])('%j is not a number', (text) => {
    expect(parseTypedNumber(text)).toBeUndefined();
  });

  it('compares within the tolerance and shows numbers short', () => {
    expect(closeEnough(0.1 + 0.2, 0.3, 0)).toBe(true);
    expect(closeEnough(24, 23.6, 0.5)).toBe(true);
    expect(closeEnough(24.2, 23.6, 0.5)).toBe(false);
    expect(showNumber(0.1 + 0.2)).toBe('0.3');
    expect(showNumber(2)).toBe('2');
  });
});
