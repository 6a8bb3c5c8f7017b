// Building a drill and saving its end, shared by `replication-tutor quiz` and the app's
// "Quiz drill" and "Review" entries so that both ask the same questions and save the same
// way: the bank loaded and checked, the learner's cards read, the questions chosen (due and
// weak-topic questions first, or only what is due for a review), every graded answer saved
// at once, and the drill itself saved when it ends.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lessonForTopic } from '../lesson/catalog/curriculum.js';
import { lessonsDir } from '../lesson/catalog/lesson-paths.js';
import { type ProgressStore, randomLearnerSeed } from '../progress/progress-store.js';
import { type Bank, loadBank } from './bank.js';
import type { BankProblem } from './bank-load.js';
import { Drill } from './drill.js';
import { nextDue } from './leitner.js';
import { QuizMemory } from './memory.js';
import { type DrillReport, localMinute } from './report.js';
import { type Filters, selectQuestions } from './select.js';
import type { BankQuestion } from './types.js';

export const DEFAULT_COUNT = 10;

export type CheckedBank =
  | { ok: true; bank: Bank }
  | { ok: false; reason: string; problems: readonly BankProblem[] };

/** The bank, or why no drill can be built from it (the problems are for printing). */
export async function loadCheckedBank(lessons?: string): Promise<CheckedBank> {
  const bank = await loadBank(lessons);
  if (bank.errors.length > 0) {
    return {
      ok: false,
      reason: `the question bank has ${bank.errors.length} error(s); run 'replication-tutor validate'`,
      problems: bank.errors,
    };
  }
  if (bank.questions.length === 0)
    return { ok: false, reason: `no questions found in ${bank.dir}`, problems: [] };
  return { ok: true, bank };
}

export interface DrillPlan extends Filters {
  /** At most this many; undefined: DEFAULT_COUNT, or everything due for a review. */
  count?: number;
  review?: boolean;
  /** undefined: one from the clock, so two drills differ. */
  seed?: number;
  timeLimitMs?: number;
  /** The limit as the learner typed it, for the header and the report. */
  timeLimit?: string;
}

export interface DrillContext {
  store?: ProgressStore;
  /** A save that failed (said once per drill). */
  warn?: (message: string) => void;
  /** Wall clock in ms. */
  now?: () => number;
}

export interface StartedDrill {
  drill: Drill;
  memory: QuizMemory;
  /** "Interview drill: 10 questions, seed 42 (repeat with --seed 42)." */
  header: string;
  seed: number;
  review: boolean;
}

export type DrillStart = ({ ok: true } & StartedDrill) | { ok: false; reason: string };

export function startDrill(
  questions: readonly BankQuestion[],
  plan: DrillPlan,
  ctx: DrillContext = {},
): DrillStart {
  const now = ctx.now ?? Date.now;
  const review = Boolean(plan.review);
  const seed = plan.seed ?? now() % 1_000_000_000;
  const memory = new QuizMemory(ctx.store, () => new Date(now()), ctx.warn);
  const chosen = selectQuestions(questions, {
    ...plan,
    count: plan.count ?? (review ? undefined : DEFAULT_COUNT),
    seed,
    now: new Date(now()),
    cards: memory.cards(),
    review,
  });
  // Only a review can come up empty when the filters matched something.
  if (chosen.length === 0) return { ok: false, reason: nothingDue(memory) };
  const drill = new Drill(chosen, {
    seed,
    // A script's --seed fixes the order of the choices too; otherwise it is this learner's.
    orderSeed: plan.seed ?? ctx.store?.learnerSeed() ?? randomLearnerSeed(),
    timeLimitMs: plan.timeLimitMs,
    startedAt: now(),
    onResult: (r) => memory.record(r),
  });
  const n = chosen.length;
  const header = `${review ? 'Review' : 'Interview drill'}: ${n} question${n === 1 ? '' : 's'}, seed ${seed} (repeat with --seed ${seed})${plan.timeLimit ? `, time limit ${plan.timeLimit}` : ''}.`;
  return { ok: true, drill, memory, header, seed, review };
}

function nothingDue(memory: QuizMemory): string {
  const due = nextDue(memory.cards());
  return due
    ? `Nothing is due for review. The next question is due at ${localMinute(due)}.`
    : `Nothing to review yet: run 'replication-tutor quiz' first; missed questions come back here.`;
}

/** Saves the drill as one entry of the quiz history, however it ended; returns its report. */
export function finishDrill(started: StartedDrill, at: Date = new Date()): DrillReport {
  const report = started.drill.report();
  started.memory.finishDrill({
    at: at.toISOString(),
    seed: started.seed,
    score: report.score,
    asked: report.asked,
    review: started.review,
  });
  return report;
}

/** When the next question is due for review, for the report (after the answers moved it). */
export function nextReview(started: StartedDrill): string | undefined {
  return nextDue(started.memory.cards());
}

/** Whether `replication-tutor play` finds the lesson for this lesson or topic id. */
export function lessonAvailable(topicOrLesson: string): boolean {
  const id = lessonForTopic(topicOrLesson)?.id ?? topicOrLesson;
  const dir = lessonsDir();
  return existsSync(join(dir, `${id}.yaml`)) || existsSync(join(dir, `${id}.yml`));
}
