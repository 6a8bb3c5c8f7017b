// The menu's entries from the lessons and the saved progress: status, best score, the step
// to resume at, which lesson was played last (for "Continue"), and how many quiz questions
// are due for review. Pure reading.

import { OUTSIDE_CURRICULUM, placeOf } from '../../lesson/catalog/curriculum.js';
import type { Lesson } from '../../lesson/format/types.js';
import type { LessonProgress, QuizCard } from '../../progress/progress-schema.js';
// Only the Leitner rule: the bank and the drill load when a quiz entry is chosen.
import { isDue } from '../../quiz/leitner.js';
import type { ExtraItem, LessonItem, MenuInput } from './menu-state.js';

/** The practice entries: the drill, a review of what is due, and what is not there yet. */
export function practiceItems(due: number): ExtraItem[] {
  return [
    {
      kind: 'quiz',
      summary:
        'Interview drill: questions due again and your weakest topics first, with model answers.',
    },
    {
      // Same as `replication-tutor quiz --review`: every question due again, most overdue first.
      kind: 'review',
      title: due > 0 ? `Review (${due} due)` : 'Review',
      summary: 'The questions due again: missed ones come back after ten minutes.',
      disabled: due === 0,
      reason: 'nothing due',
    },
    {
      kind: 'sandbox',
      summary:
        'A live cluster to break by typing commands: write, read, crash, partition, promote…',
    },
  ];
}

/**
 * Questions due for review. Counted from the saved cards alone, so the menu's first frame
 * need not load the bank. A card whose question has since left the bank still counts here;
 * the review then asks fewer, or says that nothing is due.
 */
export function dueCount(cards: Readonly<Record<string, QuizCard>>, now: Date): number {
  return Object.values(cards).filter((c) => isDue(c, now)).length;
}

export interface ProgressReader {
  lesson(id: string): LessonProgress;
  quiz(): { cards: Readonly<Record<string, QuizCard>> };
}

/** What the menu needs of a lesson: a loaded lesson, or a listing read before loading. */
export type MenuLesson = Pick<Lesson, 'id' | 'title' | 'order' | 'minutes' | 'summary'>;

export function lessonItem(
  lesson: MenuLesson,
  position: number,
  progress?: LessonProgress,
): LessonItem {
  const place = placeOf(lesson.id);
  const item: LessonItem = {
    id: lesson.id,
    title: lesson.title,
    part: place?.part ?? OUTSIDE_CURRICULUM,
    // Lessons outside the curriculum come after it, in the order given.
    order: place?.number ?? 100 + position,
    ...(place ? { number: place.number } : {}),
    minutes: lesson.minutes,
    summary: lesson.summary,
    status: progress?.status ?? 'new',
  };
  if (progress?.best) {
    item.bestScore = progress.best.score;
    item.max = progress.best.max;
  }
  if (progress?.status === 'in-progress' && progress.lastStep)
    item.step = progress.lastStep.index + 1;
  return item;
}

/** Lessons in curriculum order with their progress, the extras, and the lesson played last. */
export function menuInput(
  lessons: readonly MenuLesson[],
  store?: ProgressReader,
  now: Date = new Date(),
): MenuInput {
  const progress = lessons.map((l) => store?.lesson(l.id));
  let lastPlayedId: string | undefined;
  let latest = '';
  lessons.forEach((l, i) => {
    const p = progress[i];
    if (p?.status === 'in-progress' && p.updatedAt > latest) {
      latest = p.updatedAt;
      lastPlayedId = l.id;
    }
  });
  return {
    lessons: lessons.map((l, i) => lessonItem(l, i + 1, progress[i])),
    extras: practiceItems(store ? dueCount(store.quiz().cards, now) : 0),
    lastPlayedId,
  };
}
