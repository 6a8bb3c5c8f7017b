// The menu's entries from the lessons and the saved progress: status, best score, the step
// to resume at, and which lesson was played last (for "Continue"). Pure reading.
import type { Lesson } from '../lesson/types.js';
import type { LessonProgress } from '../progress/progress-schema.js';
import { curriculumNumber, partOf } from './curriculum.js';
import type { ExtraItem, LessonItem, MenuInput } from './menu-state.js';

/** Entries for what is not in the app yet: shown, not selectable, with where to find it. */
export const COMING_SOON: readonly ExtraItem[] = [
  {
    // The drill runs as its own command for now (`replication-tutor quiz`).
    kind: 'quiz',
    summary: 'Interview drill: questions by topic, with model answers.',
    disabled: true,
    reason: 'run: … quiz',
  },
  {
    kind: 'sandbox',
    summary: 'Build a cluster and break it, free-form.',
    disabled: true,
    reason: 'coming soon',
  },
];

export interface ProgressReader {
  lesson(id: string): LessonProgress;
}

/** What the menu needs of a lesson: a loaded lesson, or a listing read before loading. */
export type MenuLesson = Pick<Lesson, 'id' | 'title' | 'order' | 'minutes' | 'summary'>;

export function lessonItem(
  lesson: MenuLesson,
  position: number,
  progress?: LessonProgress,
): LessonItem {
  const item: LessonItem = {
    id: lesson.id,
    title: lesson.title,
    part: partOf(lesson.order),
    // Lessons outside the curriculum come after it, in the order given.
    order: curriculumNumber(lesson.order) ?? 100 + position,
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
export function menuInput(lessons: readonly MenuLesson[], store?: ProgressReader): MenuInput {
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
    extras: COMING_SOON,
    lastPlayedId,
  };
}
