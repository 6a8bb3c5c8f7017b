// Which questions a drill asks. A review asks only what is due, most overdue first. A normal
// drill prefers, in order: questions due again, questions never asked, then the rest by due
// date; within each group, questions of the learner's weakest topics first, shuffled by the
// seed so two drills differ.
import type { QuizCard } from '../progress/progress-schema.js';
import { Prng } from '../sim/index.js';
import { isDue } from './leitner.js';
import type { BankQuestion, Difficulty } from './types.js';

export interface Filters {
  topics?: readonly string[];
  difficulties?: readonly Difficulty[];
}

export interface SelectOptions extends Filters {
  /** At most this many; undefined: all that qualify. */
  count?: number;
  seed: number;
  now: Date;
  cards: Readonly<Record<string, QuizCard>>;
  review: boolean;
}

export function applyFilters(bank: readonly BankQuestion[], f: Filters): BankQuestion[] {
  return bank.filter(
    (q) =>
      (!f.topics || f.topics.length === 0 || f.topics.includes(q.topic)) &&
      (!f.difficulties || f.difficulties.length === 0 || f.difficulties.includes(q.difficulty)),
  );
}

/**
 * Accuracy per topic over every answer on record, smoothed so one answer is not the whole
 * story: (correct + 1) / (answers + 2). A topic never drilled scores 0.5.
 */
export function topicAccuracy(cards: Readonly<Record<string, QuizCard>>): Map<string, number> {
  const totals = new Map<string, { correct: number; seen: number }>();
  for (const c of Object.values(cards)) {
    const t = totals.get(c.topic) ?? { correct: 0, seen: 0 };
    t.correct += c.correct;
    t.seen += c.seen;
    totals.set(c.topic, t);
  }
  return new Map([...totals].map(([topic, t]) => [topic, (t.correct + 1) / (t.seen + 2)]));
}

export function selectQuestions(bank: readonly BankQuestion[], o: SelectOptions): BankQuestion[] {
  const rng = new Prng(o.seed);
  const pool = applyFilters(bank, o).map((q) => ({ q, tiebreak: rng.next() }));
  const card = (q: BankQuestion) => (Object.hasOwn(o.cards, q.id) ? o.cards[q.id] : undefined);
  if (o.review) {
    const due = pool.filter(({ q }) => {
      const c = card(q);
      return c !== undefined && isDue(c, o.now);
    });
    due.sort((a, b) => card(a.q)!.due.localeCompare(card(b.q)!.due) || a.tiebreak - b.tiebreak);
    return due.slice(0, o.count ?? due.length).map(({ q }) => q);
  }
  const accuracy = topicAccuracy(o.cards);
  const group = (q: BankQuestion): number => {
    const c = card(q);
    if (c === undefined) return 1;
    return isDue(c, o.now) ? 0 : 2;
  };
  // Accuracy in steps of a tenth, so "weaker" means noticeably weaker, not noise.
  const weakness = (q: BankQuestion) => Math.round((accuracy.get(q.topic) ?? 0.5) * 10);
  pool.sort((a, b) => {
    const ga = group(a.q);
    const gb = group(b.q);
    if (ga !== gb) return ga - gb;
    if (ga === 2) return card(a.q)!.due.localeCompare(card(b.q)!.due) || a.tiebreak - b.tiebreak;
    return weakness(a.q) - weakness(b.q) || a.tiebreak - b.tiebreak;
  });
  return pool.slice(0, o.count ?? pool.length).map(({ q }) => q);
}
