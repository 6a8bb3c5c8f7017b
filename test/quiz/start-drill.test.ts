// Building a drill for the command and the app alike: the default count, due and weak topics
// first, a review of only what is due (or why there is nothing to review), the header, and
// the drill saved once it ends.
import { describe, expect, it } from 'vitest';
import { review } from '../../src/quiz/leitner.js';
import {
  DEFAULT_COUNT,
  finishDrill,
  loadCheckedBank,
  startDrill,
} from '../../src/quiz/start-drill.js';
import { tempStore } from '../ui/mini-lesson.js';
import { choiceQ } from './fixtures.js';

const T = Date.parse('2025-03-10T12:00:00.000Z');
const now = () => T;
const bank = Array.from({ length: 14 }, (_, i) =>
  choiceQ(`q${i}`, i % 2 ? 'failover' : 'leaderless'),
);

describe('startDrill', () => {
  it('asks DEFAULT_COUNT questions, the due one first, with a seed from the clock', () => {
    const store = tempStore();
    store.setQuizCard('q9', review(undefined, false, 'failover', new Date(T - 3_600_000)));
    const s = startDrill(bank, {}, { store, now });
    if (!s.ok) throw new Error(s.reason);
    expect(s.drill.total).toBe(DEFAULT_COUNT);
    expect(s.drill.questions[0]?.id).toBe('q9');
    expect(s.seed).toBe(T % 1_000_000_000);
    expect(s.header).toBe(
      `Interview drill: ${DEFAULT_COUNT} questions, seed ${s.seed} (repeat with --seed ${s.seed}).`,
    );
  });

  it('saves each answer at once and the drill at the end', () => {
    const store = tempStore();
    const s = startDrill(
      bank,
      { seed: 7, count: 2, timeLimit: '5m', timeLimitMs: 300_000 },
      { store, now },
    );
    if (!s.ok) throw new Error(s.reason);
    expect(s.header).toBe(
      'Interview drill: 2 questions, seed 7 (repeat with --seed 7), time limit 5m.',
    );
    const first = s.drill.current()!;
    const right = first.grade({ kind: 'skip' }).correctChoices[0]!;
    s.drill.answer({ kind: 'choice', index: right });
    expect(store.quiz().cards[first.question.id]).toMatchObject({ box: 2, lastCorrect: true });
    s.drill.stop('quit');
    expect(finishDrill(s, new Date(T))).toMatchObject({ score: 1, asked: 1, end: 'quit' });
    expect(store.quiz().drills).toEqual([
      { at: new Date(T).toISOString(), seed: 7, score: 1, asked: 1, review: false },
    ]);
  });

  it('a review asks only what is due, or says why nothing can be asked', () => {
    const store = tempStore();
    expect(startDrill(bank, { review: true }, { store, now })).toEqual({
      ok: false,
      reason:
        "Nothing to review yet: run 'replication-tutor quiz' first; missed questions come back here.",
    });
    store.setQuizCard('q3', review(undefined, true, 'failover', new Date(T)));
    const later = startDrill(bank, { review: true }, { store, now });
    expect(later.ok).toBe(false);
    if (!later.ok)
      expect(later.reason).toMatch(/^Nothing is due for review\. The next question is due at /);
    store.setQuizCard('q5', review(undefined, false, 'failover', new Date(T - 3_600_000)));
    const s = startDrill(bank, { review: true, seed: 1 }, { store, now });
    if (!s.ok) throw new Error(s.reason);
    expect(s.drill.questions.map((q) => q.id)).toEqual(['q5']);
    expect(s.header).toBe('Review: 1 question, seed 1 (repeat with --seed 1).');
  });
});

describe('loadCheckedBank', () => {
  it('loads the shipped bank without problems', async () => {
    const checked = await loadCheckedBank();
    expect(checked.ok).toBe(true);
  });

  it('says why when the lessons folder has no bank', async () => {
    const checked = await loadCheckedBank('/nonexistent-lessons-dir');
    expect(checked).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^no questions found in /),
    });
  });
});
