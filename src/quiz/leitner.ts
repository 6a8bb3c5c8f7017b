// Spaced repetition with Leitner boxes. A question answered right moves up a box and comes
// back later each time (1 day, 3 days, a week, three weeks); answered wrong, it drops to box
// 1 and comes back in ten minutes, so a missed question returns in the next drill.
// Pure: the caller passes `now`.
import type { QuizCard } from '../progress/progress-schema.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Time until a card in box b (1-based) is due again. */
export const BOX_INTERVALS_MS: readonly number[] = [10 * MINUTE, DAY, 3 * DAY, 7 * DAY, 21 * DAY];
export const TOP_BOX = BOX_INTERVALS_MS.length;
/** A question never answered counts as sitting in box 1. */
export const FIRST_BOX = 1;

/** The card after one answer. */
export function review(
  prev: QuizCard | undefined,
  correct: boolean,
  topic: string,
  now: Date,
): QuizCard {
  const box = correct ? Math.min(TOP_BOX, (prev?.box ?? FIRST_BOX) + 1) : 1;
  return {
    topic,
    box,
    due: new Date(now.getTime() + BOX_INTERVALS_MS[box - 1]!).toISOString(),
    seen: (prev?.seen ?? 0) + 1,
    correct: (prev?.correct ?? 0) + (correct ? 1 : 0),
    wrong: (prev?.wrong ?? 0) + (correct ? 0 : 1),
    last: now.toISOString(),
    lastCorrect: correct,
  };
}

export function isDue(card: QuizCard, now: Date): boolean {
  return Date.parse(card.due) <= now.getTime();
}

/** The earliest due date among the cards, if any. */
export function nextDue(cards: Readonly<Record<string, QuizCard>>): string | undefined {
  let best: string | undefined;
  for (const c of Object.values(cards)) if (best === undefined || c.due < best) best = c.due;
  return best;
}
