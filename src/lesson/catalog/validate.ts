// `validate`: schema and cross-checks (the loader), then headless runs over 20 seeds, the
// lesson's own seed first. On each seed the reference path plays (the quiz keys, the predict
// choice that holds, the best choose option), and so does every other answer of every graded
// step: that answer at that step, the reference answers everywhere else. Every `expect` must
// hold, every predict must have exactly one matching choice and every choose at least one
// option that meets its goal, on every path and every seed.
//
// Fast because paths rejoin: a quiz or predict answer never touches the cluster, and after a
// choose the story takes up again from the same state whatever was chosen (unless the step
// says `branch: true`). A path is played only through its step; if its cluster is then
// provably in the reference path's state (sim-copy.ts: the same inputs at the same points),
// the rest of it is the reference path's rest and is not played again. Otherwise (a branch)
// it plays to the end. A quiz's other answers, and a choose's other options up to the moment
// the story is taken up again, need no copy of the cluster at all: they play beside the
// reference run on its own cluster, which is checked to be untouched afterwards.

import type { Simulation } from '../../sim/index.js';
import { bestOption, predictOutcomes } from '../engine/grading.js';
import type { LessonRunner, Problem } from '../engine/runner.js';
import { LessonRunner as Runner } from '../engine/runner.js';
import { sameState } from '../engine/sim-copy.js';
import type { LessonProblem } from '../format/load.js';
import type { InteractiveStep, Lesson, Step, TaskStep } from '../format/types.js';
import { CopyPool } from './copy-pool.js';
import { loadLesson } from './lesson-file.js';

export const VALIDATION_SEEDS = 20;

export interface ValidationReport {
  file: string;
  lesson?: Lesson;
  errors: LessonProblem[];
  warnings: LessonProblem[];
  seeds: number[];
}

/** The reference answer: the quiz key, the predict choice that will hold, the best choose option. */
export function referenceAnswer(step: InteractiveStep, runner: LessonRunner): number {
  if (step.kind === 'quiz') return step.answer[0] ?? 0;
  if (step.kind === 'predict') return predictOutcomes(runner.sim, step)[0] ?? 0;
  const outcomes = runner.optionOutcomes() ?? [];
  return bestOption(step, outcomes)?.index ?? 0;
}

/** Each task's reference solution, by label: the lines a reference run types at it. */
export function taskSolutions(lesson: Lesson): Map<string, readonly string[]> {
  return new Map(
    lesson.steps.flatMap((s) => (s.kind === 'task' ? [[s.label, s.solution] as const] : [])),
  );
}

export function seedsFor(lesson: Lesson, count = VALIDATION_SEEDS): number[] {
  const seeds = [lesson.seed];
  for (let s = 1; seeds.length < count; s++) if (s !== lesson.seed) seeds.push(s);
  return seeds;
}

/** How an answer is written in an answers file: a node id, or the label (quoted if need be). */
export function answerName(step: InteractiveStep, index: number): string {
  const c = step.choices[index];
  if (!c) return String(index);
  const word = c.node ?? c.label;
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(word) ? word : JSON.stringify(word);
}

/** One problem found on one path of one seed; `path` is '' on the reference path. */
export interface Found {
  problem: Problem;
  path: string;
}

/** A graded step's other answer, played on its own copy until its step is over. */
interface Fork {
  runner: LessonRunner;
  path: string;
  /** Inputs the copy shares with the reference run (compared once only). */
  shared: number;
}

/** How many paths besides the reference one were played, and how many rejoined it. */
export interface PathStats {
  paths: number;
  rejoined: number;
}

/**
 * Plays every path of one seed. Problems on the reference path come back with path '';
 * a problem another path also meets on the reference path is the reference path's.
 */
export function playAllPaths(
  lesson: Lesson,
  seed: number,
  stats: PathStats = { paths: 0, rejoined: 0 },
  pool = new CopyPool(),
): Found[] {
  const ref = new Runner(lesson, {
    seed,
    recordMessages: false,
    copySim: (sim) => pool.copy(sim),
  });
  const found: Found[] = [];
  const playForks = (forks: Fork[]) => {
    for (const fork of forks) {
      const f = fork.runner;
      const rejoined =
        f.cursor === ref.cursor &&
        f.state.kind === ref.state.kind &&
        !f.inDetour &&
        sameState(f.storySim, ref.storySim, fork.shared);
      stats.paths++;
      if (!rejoined) f.advance();
      else {
        stats.rejoined++;
        pool.give(f.storySim, ref.storySim);
      }
      for (const problem of f.problems) found.push({ problem, path: fork.path });
    }
  };
  // Other paths type each task's reference solution when they reach one.
  const solutions = taskSolutions(lesson);
  for (;;) {
    ref.advance();
    if (ref.state.kind === 'task') {
      const step = ref.state.step;
      const next = ref.cursor;
      // The give-up path: nothing typed, the reference solution plays from the task's start.
      const sim = pool.copy(ref.storySim);
      const shared = mark(sim).inputs;
      const f = ref.fork(sim, { autoAnswer: referenceAnswer, tasks: solutions });
      const path = `${step.label} = give up`;
      try {
        f.taskInput('give up', { live: false });
        f.advanceUntilCursor(next);
      } catch (err) {
        found.push({ problem: runFailed(step, err), path });
      }
      found.push(...typeSolution(ref, step, next).map((problem) => ({ problem, path: '' })));
      try {
        playForks([{ runner: f, path, shared }]);
      } catch (err) {
        found.push({ problem: runFailed(step, err), path });
      }
      continue;
    }
    if (ref.state.kind !== 'question') break;
    const step = ref.state.step;
    const next = ref.cursor + 1;
    const answer = referenceAnswer(step, ref);
    const story = ref.storyChoice();
    const forks: Fork[] = [];
    for (let a = 0; a < step.choices.length; a++) {
      if (a === answer) continue;
      const path = `${step.label} = ${answerName(step, a)}`;
      // A quiz's answer touches no cluster, and a choose's other option plays on a copy of
      // its own (a detour) until the story is taken up again: such a path shares the
      // reference run's cluster up to there, and untouched() proves it was left alone. The
      // story's option then plays on the reference path itself.
      const sharing = step.kind === 'quiz' || (story !== undefined && a !== story);
      const sim = sharing ? ref.storySim : pool.copy(ref.storySim);
      const before = mark(sim);
      const f = ref.fork(sim, { autoAnswer: referenceAnswer, tasks: solutions });
      try {
        f.answer(a, { live: false });
        f.advanceUntilCursor(next, { beforeStory: sharing });
      } catch (err) {
        found.push({ problem: runFailed(step, err), path });
        continue;
      }
      if (sharing) {
        if (!untouched(sim, before) || (story !== undefined && f.awaitingStory !== story))
          throw new Error(`${path}: the answer changed the story's cluster`);
        stats.paths++;
        stats.rejoined++;
        for (const problem of f.problems) found.push({ problem, path });
      } else forks.push({ runner: f, path, shared: before.inputs });
    }
    ref.answer(answer, { live: false });
    ref.advanceUntilCursor(next);
    try {
      playForks(forks);
    } catch (err) {
      found.push({ problem: runFailed(step, err), path: forks[0]?.path ?? '' });
    }
  }
  const onReference = new Set(ref.problems.map(problemKey));
  return [
    ...ref.problems.map((problem) => ({ problem, path: '' })),
    ...found.filter((x) => !onReference.has(problemKey(x.problem))),
  ];
}

/** Where a simulation is: it changes only by an input or an event, and time. */
function mark(sim: Simulation): { inputs: number; events: number; now: number } {
  return { inputs: sim.inputs.length, events: sim.eventsProcessed, now: sim.now };
}

function untouched(sim: Simulation, before: ReturnType<typeof mark>): boolean {
  const now = mark(sim);
  return now.inputs === before.inputs && now.events === before.events && now.now === before.now;
}

/**
 * The reference path types a task's solution as a learner would: it must reach the goal
 * (which must not hold before it: the runner reports that) within par.
 */
function typeSolution(ref: LessonRunner, step: TaskStep, next: number): Problem[] {
  const out: Problem[] = [];
  const at = (message: string): Problem => ({ pos: step.pos, step: step.label, message });
  // A goal that held at the start is reported by the runner; what follows from it is not news.
  const heldAtStart = ref.state.kind === 'task' && ref.state.task.met;
  for (const [j, line] of step.solution.entries()) {
    if (ref.state.kind !== 'task') {
      if (!heldAtStart)
        out.push(
          at(`task: the goal already holds after solution line ${j}; later lines never run`),
        );
      break;
    }
    const r = ref.taskInput(line, { live: false });
    if (!r.ok) out.push(at(`task: solution line ${j + 1} "${line}": ${r.message}`));
    ref.advanceUntilCursor(next);
  }
  if (ref.state.kind === 'task') {
    const unmet = ref.state.task.conditions.filter((c) => !c.met);
    out.push(
      at(
        `task: the reference solution does not reach the goal: ${unmet.map((c) => `${c.text}${c.now ? ` (${c.now})` : ''}`).join('; ')}`,
      ),
    );
    ref.taskInput('give up', { live: false });
    ref.advanceUntilCursor(next);
    return out;
  }
  const rec = ref.records.findLast((r) => r.step === step.label && r.points !== undefined);
  if (rec && rec.points !== step.points && rec.correct)
    out.push(at(`task: the reference solution is over par: ${rec.feedback?.[0] ?? ''}`));
  return out;
}

function runFailed(step: Step, err: unknown): Problem {
  return { pos: step.pos, step: step.label, message: `run failed: ${(err as Error).message}` };
}

function problemKey(p: Problem): string {
  return `${p.pos.line}:${p.pos.col}:${p.step}:${p.message}`;
}

/** Runs a loaded lesson over the seeds and collects every problem with where it is. */
export function validateLesson(lesson: Lesson, seeds = seedsFor(lesson)): LessonProblem[] {
  const byMessage = new Map<string, Aggregated>();
  for (const seed of seeds) {
    let found: Found[];
    try {
      found = playAllPaths(lesson, seed);
    } catch (err) {
      add(
        byMessage,
        { ...at(lesson, 0, 0, ''), message: `run failed: ${(err as Error).message}` },
        '',
        seed,
      );
      continue;
    }
    for (const { problem: pr, path } of found) {
      add(
        byMessage,
        { ...at(lesson, pr.pos.line, pr.pos.col, `step ${pr.step}`), message: pr.message },
        path,
        seed,
      );
    }
  }
  return [...byMessage.values()].map(({ p, message, path, seeds: s }) => {
    const where =
      s.length === seeds.length
        ? 'on every seed'
        : `seed${s.length > 1 ? 's' : ''} ${s.join(', ')}`;
    return { ...p, message: `${message} (${path ? `path ${path}, ` : ''}${where})` };
  });
}

function at(
  lesson: Lesson,
  line: number,
  col: number,
  path: string,
): Omit<LessonProblem, 'message'> {
  return { file: lesson.file, line, col, path };
}

interface Aggregated {
  p: Omit<LessonProblem, 'message'>;
  message: string;
  path: string;
  seeds: number[];
}

function add(acc: Map<string, Aggregated>, p: LessonProblem, path: string, seed: number): void {
  const key = `${p.line}:${p.col}:${p.path}:${p.message}:${path}`;
  const cur = acc.get(key);
  if (cur) {
    if (!cur.seeds.includes(seed)) cur.seeds.push(seed);
  } else
    acc.set(key, {
      p: { file: p.file, line: p.line, col: p.col, path: p.path },
      message: p.message,
      path,
      seeds: [seed],
    });
}

export async function validateFile(file: string): Promise<ValidationReport> {
  const loaded = await loadLesson(file);
  if (!loaded.ok) return { file, errors: loaded.errors, warnings: loaded.warnings, seeds: [] };
  const seeds = seedsFor(loaded.lesson);
  return {
    file,
    lesson: loaded.lesson,
    errors: validateLesson(loaded.lesson, seeds),
    warnings: loaded.warnings,
    seeds,
  };
}
