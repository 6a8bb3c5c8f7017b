// Spaced repetition: right answers move a question up a box and further into the future,
// a wrong answer sends it back to box 1, due again in ten minutes.
import { describe, expect, it } from 'vitest';
import { BOX_INTERVALS_MS, isDue, nextDue, review, TOP_BOX } from '../../src/quiz/leitner.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const t0 = new Date('2025-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('Leitner boxes', () => {
  it('a first right answer moves a new question to box 2, due in a day', () => {
    const c = review(undefined, true, 'failover', t0);
    expect(c).toEqual({
      topic: 'failover',
      box: 2,
      due: at(DAY).toISOString(),
      seen: 1,
      correct: 1,
      wrong: 0,
      last: t0.toISOString(),
      lastCorrect: true,
    });
  });

  it('a wrong answer goes to box 1 and comes back in ten minutes', () => {
    const c = review(undefined, false, 'failover', t0);
    expect(c).toMatchObject({
      box: 1,
      due: at(10 * MIN).toISOString(),
      wrong: 1,
      lastCorrect: false,
    });
    expect(isDue(c, at(9 * MIN))).toBe(false);
    expect(isDue(c, at(10 * MIN))).toBe(true);
  });

  it('each right answer waits longer, up to the top box', () => {
    let c = review(undefined, true, 't', t0);
    const intervals: number[] = [];
    let now = t0;
    for (let i = 0; i < 6; i++) {
      now = new Date(Date.parse(c.due));
      c = review(c, true, 't', now);
      intervals.push(Date.parse(c.due) - now.getTime());
    }
    expect(intervals).toEqual([3 * DAY, 7 * DAY, 21 * DAY, 21 * DAY, 21 * DAY, 21 * DAY]);
    expect(c.box).toBe(TOP_BOX);
    expect(c.seen).toBe(7);
  });

  it('a miss from the top box starts over, so wrong answers come back sooner', () => {
    let c = review(undefined, true, 't', t0);
    for (let i = 0; i < 5; i++) c = review(c, true, 't', t0);
    const missed = review(c, false, 't', t0);
    expect(missed.box).toBe(1);
    expect(Date.parse(missed.due) - t0.getTime()).toBe(BOX_INTERVALS_MS[0]);
    expect(Date.parse(missed.due)).toBeLessThan(Date.parse(review(c, true, 't', t0).due));
    expect(missed).toMatchObject({ correct: 6, wrong: 1, seen: 7 });
  });

  it('nextDue is the earliest due date', () => {
    const a = review(undefined, true, 't', t0);
    const b = review(undefined, false, 't', t0);
    expect(nextDue({ a, b })).toBe(b.due);
    expect(nextDue({})).toBeUndefined();
  });
});
