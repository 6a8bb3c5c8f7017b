// The shape of progress.json (version 1). Strict objects: a key this version does not know
// means the file is not ours to rewrite, so it is moved aside rather than silently trimmed.
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

export type StepRef = z.infer<typeof stepRefSchema>;
export type Answer = z.infer<typeof answerSchema>;
export type BestScore = z.infer<typeof bestSchema>;
export type LessonStatus = z.infer<typeof lessonStatusSchema>;
export type LessonProgress = z.infer<typeof lessonProgressSchema>;
export type ProgressData = z.infer<typeof progressV1Schema>;
