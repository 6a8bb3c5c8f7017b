// Which questions a drill asks: due ones first, then new ones, weak topics first; a review
// asks only what is due.
import { describe, expect, it } from 'vitest';
import type { QuizCard } from '../../src/progress/progress-schema.js';
import { review } from '../../src/quiz/leitner.js';
import { selectQuestions, topicAccuracy } from '../../src/quiz/select.js';
import { choiceQ } from './fixtures.js';

const now = new Date('2025-03-10T12:00:00.000Z');
const past = new Date('2025-03-01T12:00:00.000Z');
const bank = [
  choiceQ('a', 'failover'),
  choiceQ('b', 'failover'),
  choiceQ('c', 'leaderless', { difficulty: 3 }),
  choiceQ('d', 'leaderless'),
  choiceQ('e', 'split-brain'),
  choiceQ('f', 'split-brain'),
];
const ids = (qs: { id: string }[]) => qs.map((q) => q.id);

function cards(entries: [string, boolean, Date][]): Record<string, QuizCard> {
  const topic = (id: string) => bank.find((q) => q.id === id)!.topic;
  return Object.fromEntries(
    entries.map(([id, ok, at]) => [id, review(undefined, ok, topic(id), at)]),
  );
}

describe('selectQuestions', () => {
  it('a review asks only due questions, most overdue first', () => {
    const c = cards([
      ['a', false, new Date('2025-03-02T12:00:00.000Z')],
      ['c', false, past],
      ['e', true, now], // due tomorrow
    ]);
    expect(ids(selectQuestions(bank, { seed: 1, now, cards: c, review: true }))).toEqual([
      'c',
      'a',
    ]);
    expect(ids(selectQuestions(bank, { seed: 1, now, cards: c, review: true, count: 1 }))).toEqual([
      'c',
    ]);
    expect(selectQuestions(bank, { seed: 1, now: past, cards: c, review: true })).toEqual([]);
  });

  it('a drill asks due questions first, then new ones, then the rest by due date', () => {
    const c = cards([
      ['a', true, now], // not due
      ['b', false, past], // due
      ['c', true, past], // due: a day after the 1st
    ]);
    const order = ids(selectQuestions(bank, { seed: 3, now, cards: c, review: false }));
    expect(order.slice(0, 2).sort()).toEqual(['b', 'c']);
    expect(order.slice(2, 5).sort()).toEqual(['d', 'e', 'f']);
    expect(order[5]).toBe('a');
  });

  it('among new questions, weak topics come first', () => {
    // failover answered wrongly twice, split-brain right twice: leaderless and failover's
    // unseen questions are weaker than split-brain's.
    const c = {
      ...cards([
        ['a', false, now],
        ['e', true, now],
      ]),
    };
    c.a = review(c.a, false, 'failover', now);
    c.e = review(c.e, true, 'split-brain', now);
    const order = ids(selectQuestions(bank, { seed: 5, now, cards: c, review: false }));
    expect(order.indexOf('b')).toBeLessThan(order.indexOf('f'));
    expect(order.indexOf('d')).toBeLessThan(order.indexOf('f'));
    expect(topicAccuracy(c).get('failover')).toBeCloseTo(1 / 4);
  });

  it('filters by topic and difficulty, and limits the count', () => {
    const opts = { seed: 1, now, cards: {}, review: false };
    expect(ids(selectQuestions(bank, { ...opts, topics: ['leaderless'] })).sort()).toEqual([
      'c',
      'd',
    ]);
    expect(ids(selectQuestions(bank, { ...opts, difficulties: [3] }))).toEqual(['c']);
    expect(selectQuestions(bank, { ...opts, count: 4 })).toHaveLength(4);
  });

  it('is reproducible by seed and varies between seeds', () => {
    const opts = { now, cards: {}, review: false };
    const one = ids(selectQuestions(bank, { ...opts, seed: 11 }));
    expect(ids(selectQuestions(bank, { ...opts, seed: 11 }))).toEqual(one);
    const others = [12, 13, 14, 15].map((seed) =>
      ids(selectQuestions(bank, { ...opts, seed })).join(),
    );
    expect(others.some((o) => o !== one.join())).toBe(true);
  });
});
