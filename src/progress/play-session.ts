// A lesson being played by a person: the runner plus saved progress. Progress is saved when
// the lesson starts, after every answer and at the end, so quitting at any moment loses
// nothing; resuming replays the saved answers to re-simulate exactly where the learner was.
// The choices are shown in this learner's order (choice-order.ts); answers are saved by their
// place in the file.
// Opening (or restarting) a lesson already finished saves nothing until the learner answers
// a question: looking at it again leaves it finished, with its score, in the menu.

import { LessonRunner, type RunnerOptions, type TaskReply } from '../lesson/engine/runner.js';
import type { Lesson } from '../lesson/format/types.js';
import { curriculumHas, progressKey } from './lesson-key.js';
import { type ProgressStore, randomLearnerSeed } from './progress-store.js';

export interface SessionOptions extends RunnerOptions {
  /** Start from step 0 even if the lesson is in progress. */
  restart?: boolean;
}

export class PlaySession {
  runner: LessonRunner;
  /** Answers replayed from saved progress when resuming. */
  readonly resumedAnswers: number;
  /** The record in the store (lesson-key.ts): the id, or the id and a hash of the file's path. */
  readonly key: string;
  /** When resuming, the step the learner had reached (its index), for the player to go to. */
  readonly resumeStep: number | undefined;
  private finishedSaved = false;
  /** A finished lesson opened again: the new attempt is saved with its first answer. */
  private replay?: { max: number };

  constructor(
    readonly lesson: Lesson,
    readonly store: ProgressStore | undefined,
    options: SessionOptions = {},
  ) {
    this.key = progressKey(lesson);
    const answers = new Map(options.answers ?? []);
    const tasks = new Map(options.tasks ?? []);
    const taskLabels = new Set(lesson.steps.flatMap((s) => (s.kind === 'task' ? [s.label] : [])));
    let resumed = 0;
    let resumeStep: number | undefined;
    if (store) {
      adoptBareRecord(store, lesson.id, this.key);
      const before = store.lesson(this.key);
      if (!options.restart && before.status === 'in-progress') resumeStep = before.lastStep?.index;
      const max = new LessonRunner(lesson, { seed: options.seed }).maxScore;
      if (before.status === 'done') this.replay = { max };
      else if (options.restart) store.restartLesson(this.key, { max });
      else {
        const saved = store.startLesson(this.key, { max });
        // Resuming replays the saved answers (an answers file, given instead, wins).
        for (const a of options.answers || options.tasks ? [] : saved.answers) {
          // A task's answer is the lines typed at it, saved as a JSON list.
          if (taskLabels.has(a.step)) {
            const lines = savedLines(a.answer);
            if (lines && !tasks.has(a.step)) {
              tasks.set(a.step, lines);
              resumed++;
            }
            continue;
          }
          const i = Number(a.answer);
          if (Number.isInteger(i) && !answers.has(a.step)) {
            answers.set(a.step, i);
            resumed++;
          }
        }
      }
    }
    this.resumedAnswers = resumed;
    this.resumeStep = resumeStep;
    // The order of each question's choices: fixed by --seed for scripts, else this learner's.
    const choiceSeed =
      options.choiceSeed ?? options.seed ?? store?.learnerSeed() ?? randomLearnerSeed();
    this.runner = new LessonRunner(lesson, { ...options, answers, tasks, choiceSeed });
  }

  /** True while progress is being saved: there is a store and no save has failed. */
  get saving(): boolean {
    return this.store?.saving ?? false;
  }

  /**
   * Answers the current question (0-based, as displayed) and saves it. Progress keeps the
   * choice's place in the file, which does not depend on the shuffle.
   */
  answer(index: number): void {
    const r = this.runner;
    if (r.state.kind !== 'question') return;
    const step = r.state.step;
    if (this.replay) {
      // The first answer of a replay: from here on it is a new attempt, saved as it goes.
      this.store?.restartLesson(this.key, this.replay);
      this.replay = undefined;
    }
    r.answer(index);
    const stepIndex = r.cursor - 1;
    const saved = String(r.fileIndex(step.label, index));
    // A quiz is graded at once; predict and choose once their outcome has played.
    const graded = this.gradedPoints(step.label);
    this.store?.recordAnswer(this.key, step.label, stepIndex, saved, {
      scoreDelta: graded ?? 0,
    });
    if (graded === undefined) this.ungraded = { label: step.label, stepIndex, answer: saved };
  }

  private ungraded?: { label: string; stepIndex: number; answer: string };
  /** Records already looked at for finished tasks to save. */
  private tasksSeen = 0;

  /** A line typed at the waiting task (a command, `hint` or `give up`); saved once it ends. */
  taskInput(line: string): TaskReply {
    const r = this.runner;
    if (this.replay && r.state.kind === 'task') {
      this.store?.restartLesson(this.key, this.replay);
      this.replay = undefined;
    }
    const reply = r.taskInput(line);
    this.syncScore();
    return reply;
  }

  /** Saves each task that has ended since the last look: its lines and its points. */
  private saveTasks(store: ProgressStore): void {
    const records = this.runner.records;
    for (; this.tasksSeen < records.length; this.tasksSeen++) {
      const rec = records[this.tasksSeen]!;
      if (rec.kind !== 'task' || rec.points === undefined) continue;
      if (store.lesson(this.key).status !== 'in-progress') continue;
      const lines = this.runner.typed.filter(([label]) => label === rec.step).map(([, l]) => l);
      store.recordAnswer(this.key, rec.step, rec.index, JSON.stringify(lines), {
        scoreDelta: rec.points,
      });
    }
  }

  private gradedPoints(label: string): number | undefined {
    const rec = this.runner.records.findLast((x) => x.step === label && x.points !== undefined);
    return rec?.points;
  }

  /** Saves the points of an answer whose grading finished after answer() returned, and the end. */
  syncScore(): void {
    const store = this.store;
    if (!store) return;
    this.saveTasks(store);
    const u = this.ungraded;
    const points = u ? this.gradedPoints(u.label) : undefined;
    if (u && points !== undefined && store.lesson(this.key).status === 'in-progress') {
      // Only the points change: where the learner is (lastStep) has moved on since.
      store.updateLesson(this.key, (l) => {
        const earlier = l.answers.find((a) => a.step === u.label);
        if (!earlier) return l;
        return {
          ...l,
          score: l.score - earlier.points + points,
          answers: l.answers.map((a) => (a.step === u.label ? { ...a, points } : a)),
        };
      });
      this.ungraded = undefined;
    }
    if (this.runner.done && !this.runner.halted && !this.finishedSaved) {
      this.finishedSaved = true;
      store.finishLesson(this.key, this.runner.score, this.runner.maxScore);
    }
  }

  /** Records where the learner is, for "continue where you left off". */
  saveStep(): void {
    const step = this.runner.currentStep;
    if (!this.store || !step || this.runner.done) return;
    if (this.store.lesson(this.key).status !== 'in-progress') return;
    this.store.recordStep(this.key, this.runner.cursor, step.label);
  }
}

/** A task's saved lines, or undefined if the saved answer is not a list of lines. */
function savedLines(answer: string): string[] | undefined {
  try {
    const v: unknown = JSON.parse(answer);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Files written before lessons from files had keys of their own saved them under the bare id.
 * Such a record, for an id the curriculum does not have, belongs to a lesson from a file: the
 * first such lesson played takes it over. A record under a curriculum id stays the
 * curriculum lesson's.
 */
function adoptBareRecord(store: ProgressStore, id: string, key: string): void {
  if (key === id || store.hasLesson(key) || !store.hasLesson(id) || curriculumHas(id)) return;
  store.renameLesson(id, key);
}
