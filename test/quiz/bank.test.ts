// The shipped question bank: loads without a problem, is big enough, covers every topic of
// the curriculum (lessons/curriculum.json) and every classic interview question, and every question is well formed.
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/quiz/bank.js';
import { wordCount } from '../../src/quiz/bank-schema.js';
import { TEMPLATES } from '../../src/quiz/generators/index.js';
import { CLASSIC_IDS, TOPIC_IDS } from '../../src/quiz/topics.js';
import { MODEL_ANSWER_MAX_WORDS, QUESTION_KINDS } from '../../src/quiz/types.js';

const bank = await loadBank();
const questions = bank.questions;

describe('the question bank', () => {
  it('loads without errors', () => {
    expect(bank.errors).toEqual([]);
  });

  it('has at least 80 questions with unique ids', () => {
    expect(questions.length).toBeGreaterThanOrEqual(80);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
  });

  it('covers every curriculum topic, with at least four questions each', () => {
    for (const topic of TOPIC_IDS) {
      expect(questions.filter((q) => q.topic === topic).length, topic).toBeGreaterThanOrEqual(4);
    }
  });

  it('includes every classic question of the interview drill', () => {
    const tagged = new Set(questions.flatMap((q) => (q.classic ? [q.classic] : [])));
    for (const c of CLASSIC_IDS) expect(tagged, c).toContain(c);
  });

  it('has every kind and every difficulty, and uses every template', () => {
    for (const kind of QUESTION_KINDS)
      expect(
        questions.some((q) => q.kind === kind),
        kind,
      ).toBe(true);
    for (const d of [1, 2, 3]) expect(questions.some((q) => q.difficulty === d)).toBe(true);
    const used = new Set(questions.flatMap((q) => ('template' in q ? [q.template] : [])));
    for (const t of TEMPLATES) expect(used, t.id).toContain(t.id);
  });

  it('keeps model answers within the 20-second word limit', () => {
    for (const q of questions) {
      expect(wordCount(q.model), q.id).toBeLessThanOrEqual(MODEL_ANSWER_MAX_WORDS);
      expect(q.explain.length, q.id).toBeGreaterThan(q.model.length / 3);
    }
  });

  it('has choice answers in range and distinct choices', () => {
    for (const q of questions) {
      if (q.kind !== 'choice') continue;
      expect(new Set(q.choices).size, q.id).toBe(q.choices.length);
      expect(q.answer.length, q.id).toBeGreaterThan(0);
      for (const a of q.answer) {
        expect(a, q.id).toBeGreaterThanOrEqual(0);
        expect(a, q.id).toBeLessThan(q.choices.length);
      }
    }
  });

  it('has finite numeric answers', () => {
    for (const q of questions) {
      if (q.kind === 'numeric') {
        expect(Number.isFinite(q.answer), q.id).toBe(true);
        expect(q.tolerance, q.id).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('does not always put the right answer in the same place', () => {
    const positions = new Set(questions.flatMap((q) => (q.kind === 'choice' ? q.answer : [])));
    expect(positions.size).toBeGreaterThan(2);
  });

  it('points every question at a lesson or curriculum topic to revisit', () => {
    for (const q of questions) expect(q.lesson, q.id).toMatch(/^[a-z0-9-]+$/);
  });
});
