// Progress state transitions: pure functions from data to new data. No I/O and no clock;
// the caller passes `now` (an ISO time) so every transition is testable as is.
import type {
  Answer,
  BestScore,
  LessonProgress,
  LessonStatus,
  ProgressData,
  QuizCard,
  QuizDrill,
  QuizProgress,
  StepRef,
} from './progress-schema.js';

export type {
  Answer,
  BestScore,
  LessonProgress,
  LessonStatus,
  ProgressData,
  QuizCard,
  QuizDrill,
  QuizProgress,
  StepRef,
};

/** Thrown for a call the state does not allow, e.g. an answer to a lesson never started. */
export class ProgressStateError extends Error {
  override name = 'ProgressStateError';
}

export function emptyQuiz(): QuizProgress {
  return { cards: {}, drills: [] };
}

export function emptyProgress(now: string): ProgressData {
  return { version: 2, updatedAt: now, lessons: {}, quiz: emptyQuiz() };
}

/** A lesson with nothing saved: what `lessonProgress` returns for an unknown id. */
export function newLessonProgress(now: string, max = 0): LessonProgress {
  return {
    status: 'new',
    score: 0,
    max,
    best: null,
    lastStep: null,
    answers: [],
    attempts: 0,
    startedAt: null,
    finishedAt: null,
    updatedAt: now,
  };
}

export function hasLesson(data: ProgressData, id: string): boolean {
  return Object.hasOwn(data.lessons, id);
}

export function lessonProgress(data: ProgressData, id: string): LessonProgress {
  return (hasLesson(data, id) ? data.lessons[id] : undefined) ?? newLessonProgress(data.updatedAt);
}

/** Lessons with saved progress, sorted by id (ids carry the curriculum order). */
export function lessonEntries(data: ProgressData): [string, LessonProgress][] {
  return Object.entries(data.lessons).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The general transition: `fn` gets the lesson (a `new` one if none is saved). */
export function updateLesson(
  data: ProgressData,
  id: string,
  fn: (lesson: LessonProgress) => LessonProgress,
  now: string,
): ProgressData {
  const next = { ...fn(lessonProgress(data, id)), updatedAt: now };
  // A computed key defines an own property even for odd ids such as "__proto__".
  return { ...data, updatedAt: now, lessons: { ...data.lessons, [id]: next } };
}

/** A fresh attempt from step 0: answers and score cleared, best score and history kept. */
function freshAttempt(lesson: LessonProgress, max: number, now: string): LessonProgress {
  return {
    ...lesson,
    status: 'in-progress',
    score: 0,
    max,
    lastStep: null,
    answers: [],
    attempts: lesson.attempts + 1,
    startedAt: now,
    finishedAt: null,
  };
}

/**
 * Opens a lesson for play. A new or finished lesson starts a fresh attempt; one in progress
 * is resumed as saved (its answers are what the runner replays), with `max` brought up to date.
 */
export function startLesson(
  data: ProgressData,
  id: string,
  opts: { max: number },
  now: string,
): ProgressData {
  return updateLesson(
    data,
    id,
    (l) => (l.status === 'in-progress' ? { ...l, max: opts.max } : freshAttempt(l, opts.max, now)),
    now,
  );
}

/** Starts again from step 0 whatever the status: answers cleared, best score kept. */
export function restartLesson(
  data: ProgressData,
  id: string,
  opts: { max?: number },
  now: string,
): ProgressData {
  return updateLesson(data, id, (l) => freshAttempt(l, opts.max ?? l.max, now), now);
}

function requireInProgress(data: ProgressData, id: string, what: string): void {
  const status = lessonProgress(data, id).status;
  if (status !== 'in-progress') {
    throw new ProgressStateError(
      `cannot ${what} for lesson "${id}": it is ${status}, not in progress (start it first)`,
    );
  }
}

/** The learner reached a step (one with no answer, e.g. a narration or a `wait`). */
export function recordStep(
  data: ProgressData,
  id: string,
  step: StepRef,
  now: string,
): ProgressData {
  requireInProgress(data, id, 'record a step');
  return updateLesson(data, id, (l) => ({ ...l, lastStep: { ...step } }), now);
}

export interface AnswerInput {
  stepLabel: string;
  stepIndex: number;
  answer: string;
  /** Points this answer earned (may be 0 or negative). */
  scoreDelta?: number;
}

/**
 * Records an answer and moves the last step to it. Answering a step already answered (after a
 * rewind) replaces the earlier answer and its points and moves it to the end, so the list
 * stays in the order the answers now stand.
 */
export function recordAnswer(
  data: ProgressData,
  id: string,
  input: AnswerInput,
  now: string,
): ProgressData {
  requireInProgress(data, id, 'record an answer');
  const points = input.scoreDelta ?? 0;
  return updateLesson(
    data,
    id,
    (l) => {
      const earlier = l.answers.find((a) => a.step === input.stepLabel);
      return {
        ...l,
        score: l.score - (earlier?.points ?? 0) + points,
        lastStep: { index: input.stepIndex, label: input.stepLabel },
        answers: [
          ...l.answers.filter((a) => a.step !== input.stepLabel),
          { step: input.stepLabel, index: input.stepIndex, answer: input.answer, points },
        ],
      };
    },
    now,
  );
}

/** True if score/max beats the saved best (by ratio, so a lesson whose max changed compares fairly). */
export function beatsBest(score: number, max: number, best: BestScore | null): boolean {
  if (best === null) return true;
  if (max > 0 && best.max > 0) return score * best.max > best.score * max;
  return score > best.score;
}

/** Marks the lesson done with its final score; the best score only ever improves. */
export function finishLesson(
  data: ProgressData,
  id: string,
  result: { score: number; max: number },
  now: string,
): ProgressData {
  return updateLesson(
    data,
    id,
    (l) => ({
      ...l,
      status: 'done',
      score: result.score,
      max: result.max,
      attempts: Math.max(l.attempts, 1),
      startedAt: l.startedAt ?? now,
      finishedAt: now,
      best: beatsBest(result.score, result.max, l.best)
        ? { score: result.score, max: result.max, at: now }
        : l.best,
    }),
    now,
  );
}

/** Forgets one lesson entirely (best score included). */
export function resetLesson(data: ProgressData, id: string, now: string): ProgressData {
  const lessons = Object.fromEntries(Object.entries(data.lessons).filter(([k]) => k !== id));
  return { ...data, updatedAt: now, lessons };
}

export function resetAll(data: ProgressData, now: string): ProgressData {
  return { ...data, updatedAt: now, lessons: {} };
}

/** The answers as a map of step label to answer, in the order given. */
export function answersByStep(lesson: LessonProgress): Map<string, string> {
  return new Map(lesson.answers.map((a) => [a.step, a.answer]));
}

/**
 * What to save when another process (a second terminal) may have saved since we loaded:
 * its lessons are kept, and only the lessons this change touched come from `mine`
 * (present there: replaced; absent: removed). Last writer wins per lesson, not per file.
 * A lesson change never touches the quiz, so the quiz section is the one on disk; so is the
 * learner seed, if the disk has one.
 */
export function mergeTouched(
  onDisk: ProgressData,
  mine: ProgressData,
  touched: readonly string[],
): ProgressData {
  const keep = Object.entries(onDisk.lessons).filter(([id]) => !touched.includes(id));
  const mineTouched = Object.entries(mine.lessons).filter(([id]) => touched.includes(id));
  const merged = {
    ...mine,
    quiz: onDisk.quiz,
    lessons: Object.fromEntries([...keep, ...mineTouched]),
  };
  // A learner seed another process saved first wins: one learner, one order of choices.
  const learnerSeed = onDisk.learnerSeed ?? mine.learnerSeed;
  return learnerSeed === undefined ? merged : { ...merged, learnerSeed };
}

// ---- Quiz -----------------------------------------------------------------------------------

/** Drills remembered; older ones are dropped (the cards hold what repetition needs). */
export const MAX_DRILLS = 100;

/** Saves one question's card (computed by the quiz's scheduler). */
export function setQuizCard(
  data: ProgressData,
  id: string,
  card: QuizCard,
  now: string,
): ProgressData {
  return {
    ...data,
    updatedAt: now,
    quiz: { ...data.quiz, cards: { ...data.quiz.cards, [id]: { ...card } } },
  };
}

/** Records a finished drill, keeping the most recent MAX_DRILLS. */
export function addQuizDrill(data: ProgressData, drill: QuizDrill, now: string): ProgressData {
  const drills = [...data.quiz.drills, { ...drill }].slice(-MAX_DRILLS);
  return { ...data, updatedAt: now, quiz: { ...data.quiz, drills } };
}

/** Forgets every card and drill. */
export function resetQuiz(data: ProgressData, now: string): ProgressData {
  return { ...data, updatedAt: now, quiz: emptyQuiz() };
}

// ---- Code challenges ------------------------------------------------------------------------

/** Records that the learner's policy passed challenge `id` over `seeds` seeds. */
export function passChallenge(
  data: ProgressData,
  id: string,
  seeds: number,
  now: string,
): ProgressData {
  const before = data.challenges?.[id];
  return {
    ...data,
    updatedAt: now,
    challenges: { ...data.challenges, [id]: { ...before, passedAt: now, seeds } },
  };
}
