// The shape of progress.json (version 2: lessons, the quiz's spaced-repetition cards, and
// passed code challenges; version 1 had lessons only). Version 1 and the records inside are
// strict: a key they do not know means the file is not ours to rewrite, so it is moved
// aside rather than silently trimmed. Version 2's top level (and a challenge record) is loose:
// fields a newer build adds are kept as they are.
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });
const count = z.number().finite();

export const stepRefSchema = z.strictObject({
  index: z.number().int().nonnegative(),
  label: z.string(),
});

export const answerSchema = z.strictObject({
  step: z.string(),
  index: z.number().int().nonnegative(),
  answer: z.string(),
  /** What this answer added to the score, so answering the same step again replaces it. */
  points: count,
});

export const bestSchema = z.strictObject({
  score: count,
  max: count.nonnegative(),
  at: isoTime,
});

export const lessonStatusSchema = z.enum(['new', 'in-progress', 'done']);

export const lessonProgressSchema = z.strictObject({
  status: lessonStatusSchema,
  score: count,
  max: count.nonnegative(),
  best: bestSchema.nullable(),
  lastStep: stepRefSchema.nullable(),
  /**
   * In the order given. A list, not an object: JSON object key order is not kept for labels
   * that look like integers ("2"), and replay depends on the order.
   */
  answers: z.array(answerSchema),
  /** How many times the lesson was started from step 0. */
  attempts: z.number().int().nonnegative(),
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
  updatedAt: isoTime,
});

export const progressV1Schema = z.strictObject({
  version: z.literal(1),
  updatedAt: isoTime,
  lessons: z.record(z.string(), lessonProgressSchema),
});

/** One quiz question's place in the Leitner boxes (src/quiz/leitner.ts). */
export const quizCardSchema = z.strictObject({
  /** The question's topic when last answered, for weak-topic selection. */
  topic: z.string(),
  /** 1 (answered wrongly, back soon) to 5 (known, back in weeks). */
  box: z.number().int().min(1).max(5),
  due: isoTime,
  seen: z.number().int().nonnegative(),
  correct: z.number().int().nonnegative(),
  wrong: z.number().int().nonnegative(),
  last: isoTime,
  lastCorrect: z.boolean(),
});

/** One finished drill, for the record. */
export const quizDrillSchema = z.strictObject({
  at: isoTime,
  seed: z.number().int().nonnegative(),
  score: z.number().int().nonnegative(),
  asked: z.number().int().nonnegative(),
  review: z.boolean(),
});

export const quizProgressSchema = z.strictObject({
  /** By question id. */
  cards: z.record(z.string(), quizCardSchema),
  /** Most recent last; bounded (see progress-state.ts). */
  drills: z.array(quizDrillSchema),
});

/** A code challenge the learner's policy passed (src/challenge). Unknown keys are kept. */
export const challengeProgressSchema = z.looseObject({
  passedAt: isoTime,
  /** How many seeds the passing run graded. */
  seeds: z.number().int().nonnegative(),
});

/**
 * Loose at the top level and in `challenges`: a key a newer build added (in this version) is
 * kept and written back, not a reason to move the file aside.
 */
export const progressV2Schema = z.looseObject({
  version: z.literal(2),
  updatedAt: isoTime,
  lessons: z.record(z.string(), lessonProgressSchema),
  quiz: quizProgressSchema,
  /**
   * Seeds the order this learner sees each question's choices in (the same order every time).
   * Made once, when the file is first written; a file from before it gets one at its next save.
   */
  learnerSeed: z.number().int().nonnegative().optional(),
  /** Code challenges passed, by challenge id (absent until the first pass). */
  challenges: z.record(z.string(), challengeProgressSchema).optional(),
});

/** The schema of each version a file may have, for checking a file before migrating it. */
export const PROGRESS_SCHEMAS = { 1: progressV1Schema, 2: progressV2Schema } as const;
/** The newest version: what this build writes. */
export const progressSchema = progressV2Schema;

export type StepRef = z.infer<typeof stepRefSchema>;
export type Answer = z.infer<typeof answerSchema>;
export type BestScore = z.infer<typeof bestSchema>;
export type LessonStatus = z.infer<typeof lessonStatusSchema>;
export type LessonProgress = z.infer<typeof lessonProgressSchema>;
export type QuizCard = z.infer<typeof quizCardSchema>;
export type QuizDrill = z.infer<typeof quizDrillSchema>;
export type ChallengeProgress = z.infer<typeof challengeProgressSchema>;
export type QuizProgress = z.infer<typeof quizProgressSchema>;
export type ProgressData = z.infer<typeof progressSchema>;
