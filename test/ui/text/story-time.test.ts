// Times in the player: the story's wall clock when a lesson sets one, else virtual time from
// the start, compactly.
import { describe, expect, it } from 'vitest';
import {
  formatElapsed,
  formatEventTime,
  formatNow,
  formatRowTime,
  spansDays,
  storyClock,
} from '../../../src/ui/text/story-time.js';

const GITLAB = storyClock({ start: '2017-01-31T17:00:00Z' });
// 4h59m30.248s after the start.
const T = 17_970_248;

describe('without a clock: time from the start', () => {
  it('is compact, not t=17970.248s', () => {
    expect(formatNow(T)).toBe('4h59m30s');
    expect(formatNow(3_574)).toBe('3.574s');
    expect(formatNow(0)).toBe('0.000s');
    expect(formatEventTime(T)).toBe('4h59m30.248s');
    expect(formatEventTime(149_994)).toBe('2m29.994s');
    expect(formatElapsed(86_690_342)).toBe('1d0h04m50s');
  });

  it('labels diagram rows within eight columns', () => {
    for (const [t, label] of [
      [12_345, '12.345s'],
      [149_950, '2m29.9s'],
      [T, '4h59m30s'],
      [63_540_000, '17h39m'],
    ] as const) {
      expect(formatRowTime(t, 1_000)).toBe(label);
      expect(label.length).toBeLessThanOrEqual(8);
    }
  });
});

describe('with a clock: the story time of day', () => {
  it('reads the start and its offset', () => {
    expect(GITLAB).toEqual({ startMs: Date.UTC(2017, 0, 31, 17), offsetMinutes: 0 });
    expect(storyClock({ start: '2017-01-31T18:00+01:00' })).toEqual({
      startMs: Date.UTC(2017, 0, 31, 17),
      offsetMinutes: 60,
    });
    expect(storyClock(undefined)).toBeUndefined();
  });

  it('shows the date and time in the header, times of day in the log', () => {
    expect(formatNow(T, GITLAB)).toBe('Tue 31 Jan 21:59:30');
    expect(formatEventTime(T, GITLAB)).toBe('21:59:30.248');
    // The restore ends the next afternoon.
    expect(formatNow(86_690_342, GITLAB)).toBe('Wed 1 Feb 17:04:50');
    expect(formatEventTime(86_690_342, GITLAB, true)).toBe('Wed 17:04:50.342');
    expect(formatRowTime(T, 1_000, GITLAB)).toBe('21:59:30');
    expect(formatRowTime(T, 200, GITLAB)).toBe('59:30.24');
  });

  it('keeps the offset the lesson wrote, whatever the machine', () => {
    const paris = storyClock({ start: '2017-01-31T18:00:00+01:00' });
    expect(formatNow(0, paris)).toBe('Tue 31 Jan 18:00:00');
    const la = storyClock({ start: '2017-01-31T09:00:00-08:00' });
    expect(formatNow(0, la)).toBe('Tue 31 Jan 09:00:00');
  });

  it('knows when lines run past midnight', () => {
    expect(spansDays([T, T + 1000], GITLAB)).toBe(false);
    expect(spansDays([T, 86_690_342], GITLAB)).toBe(true);
    expect(spansDays([T, 86_690_342])).toBe(false);
  });
});
