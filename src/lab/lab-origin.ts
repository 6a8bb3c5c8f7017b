// Where a sandbox session starts: a preset, a lesson's cluster, or a lesson at a given step
// ("open this moment in the sandbox"). An origin is a lesson whose steps are the ones played
// before that moment, flattened to what they did on the cluster: a predict becomes its
// `then`, a choose the operation or action the learner chose; narration, quizzes and
// experiments (which run on copies) drop out. The live cluster replays those steps to reach
// the moment, and `:save` writes them first, so a saved session replays to the same state.
import { referenceAnswer } from '../lesson/catalog/validate.js';
import { taskSolutionSteps } from '../lesson/commands/task-solutions.js';
import { routeStep } from '../lesson/engine/grading.js';
import { LessonRunner } from '../lesson/engine/runner.js';
import type { Lesson, Step } from '../lesson/format/types.js';
import { DEFAULT_PRESET, findPreset, presetLesson, unknownPreset } from './presets.js';

export type OriginSource =
  | { kind: 'preset'; name: string }
  | { kind: 'lesson'; id: string; title: string; step: number };

export interface LabOrigin {
  source: OriginSource;
  /** The cluster, clients and seed; `steps`: what ran before the session, no questions. */
  lesson: Lesson;
}

/** A preset's cluster (default three-node-async). Throws on an unknown name. */
export function originFromPreset(name: string = DEFAULT_PRESET, seed?: number): LabOrigin {
  const preset = findPreset(name);
  if (!preset) throw new RangeError(unknownPreset(name));
  const lesson = presetLesson(preset);
  return { source: { kind: 'preset', name }, lesson: { ...lesson, seed: seed ?? lesson.seed } };
}

export interface LessonMoment {
  /** Index of the step the session opens before (0: the lesson's cluster as it starts). */
  step?: number;
  /** Answers given so far, by step label; questions not in it get the reference answer. */
  answers?: ReadonlyMap<string, number> | Iterable<readonly [string, number]>;
  seed?: number;
}

/**
 * The cluster of `lesson` as it stands before step `step`, after the steps before it ran
 * with the given answers. The player can call this with its cursor and the answers given
 * so far to open the moment it shows in the sandbox.
 */
export function originFromLesson(lesson: Lesson, moment: LessonMoment = {}): LabOrigin {
  const step = Math.max(0, Math.min(moment.step ?? 0, lesson.steps.length));
  const seed = moment.seed ?? lesson.seed;
  const prefix = lesson.steps.slice(0, step);
  const given = new Map(moment.answers ?? []);
  // After a task the story goes on from its reference solution.
  const solutions = taskSolutionSteps(lesson);
  const tasks = new Map(
    lesson.steps.flatMap((s) => (s.kind === 'task' ? [[s.label, s.solution] as const] : [])),
  );
  let answers = new Map<string, number>();
  if (prefix.some(isQuestion)) {
    // Play the questions to learn which answer each got (given, or the reference one).
    const runner = new LessonRunner(
      { ...lesson, steps: prefix },
      { seed, answers: given, autoAnswer: referenceAnswer, recordMessages: false, tasks },
    );
    runner.advance();
    answers = new Map(runner.given);
  }
  return {
    source: { kind: 'lesson', id: lesson.id, title: lesson.title, step },
    lesson: { ...lesson, seed, steps: flattenSteps(prefix, answers, solutions) },
  };
}

function isQuestion(s: Step): boolean {
  return s.kind === 'quiz' || s.kind === 'predict' || s.kind === 'choose';
}

/** What the steps did on the cluster, given the answer each question got. */
export function flattenSteps(
  steps: readonly Step[],
  answers: ReadonlyMap<string, number>,
  solutions: ReadonlyMap<string, Step[]> = new Map(),
): Step[] {
  const out: Step[] = [];
  for (const s of steps) {
    switch (s.kind) {
      case 'say':
      case 'quiz':
      case 'experiment':
        break;
      case 'task':
        out.push(...(solutions.get(s.label) ?? []));
        break;
      case 'predict':
        out.push(...flattenSteps([s.run], answers));
        break;
      case 'choose': {
        const choice = s.choices[answers.get(s.label) ?? 0];
        if (!choice) break;
        if (s.form === 'route') out.push(routeStep(s, choice.node!));
        else out.push(...flattenSteps(choice.do ?? [], answers));
        break;
      }
      default:
        out.push(s);
    }
  }
  return out;
}
