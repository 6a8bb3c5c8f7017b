// What the narration pane shows, chosen from the engine's state and records: the question
// waiting for an answer, the feedback of the one just answered, the narration waiting for a
// key, or (while the cluster plays) the latest narration, experiment or graded answer.
import type { StepRecord } from '../../lesson/engine/runner.js';
import type { TaskProgress } from '../../lesson/engine/task-progress.js';
import type { InteractiveStep, Measure, Step, TaskStep } from '../../lesson/format/types.js';
import type { Phase } from '../player/lesson-driver.js';

/** An experiment's record and what its step measures (the table's columns). */
export interface ShownExperiment {
  record: StepRecord;
  measure?: readonly Measure[];
}

export type Narration =
  | { kind: 'none' }
  | { kind: 'say'; text: string; waiting: boolean; experiment?: ShownExperiment }
  | { kind: 'question'; step: InteractiveStep; experiment?: ShownExperiment }
  | { kind: 'outcome'; step: InteractiveStep; answer: number }
  | { kind: 'feedback'; step: InteractiveStep; record: StepRecord; waiting: boolean }
  | { kind: 'experiment'; experiment: ShownExperiment }
  | { kind: 'done'; text?: string; score: number; max: number }
  | {
      kind: 'task';
      step: TaskStep;
      task: TaskProgress;
      /** Commands or time used against par, in words. */
      usage: string;
      /** A command is playing. */
      running: boolean;
      /** The finished task's record (its feedback), once it is over. */
      record?: StepRecord;
    };

export interface NarrationInput {
  phase: Phase;
  question?: InteractiveStep;
  feedback?: StepRecord;
  /** A question answered whose outcome is playing. */
  outcome?: { step: InteractiveStep; answer: number };
  records: readonly StepRecord[];
  steps: readonly Step[];
  score: number;
  maxScore: number;
  /** The task being played, if any, and virtual time now (for its usage against par). */
  task?: TaskProgress;
  now?: number;
}

function isInteractive(step: Step | undefined): step is InteractiveStep {
  return step?.kind === 'quiz' || step?.kind === 'predict' || step?.kind === 'choose';
}

/** The newest record the narration pane can show, and where it is. */
function latest(records: readonly StepRecord[]): { record: StepRecord; index: number } | undefined {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (!r) continue;
    if (r.kind === 'say' || r.kind === 'experiment' || r.answer !== undefined) {
      return { record: r, index: i };
    }
  }
  return undefined;
}

function shown(record: StepRecord, steps: readonly Step[]): ShownExperiment {
  const step = steps[record.index];
  return step?.kind === 'experiment' ? { record, measure: step.measure } : { record };
}

/** An experiment run just before the record at `index` (no other narration between). */
function experimentBefore(records: readonly StepRecord[], index: number): StepRecord | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const r = records[i];
    if (!r) continue;
    if (r.kind === 'experiment') return r;
    if (r.kind === 'say' || r.answer !== undefined) return undefined;
  }
  return undefined;
}

function fromRecord(
  record: StepRecord,
  steps: readonly Step[],
  waiting: boolean,
  experiment?: StepRecord,
): Narration {
  if (record.kind === 'say') {
    const said: Narration = { kind: 'say', text: record.text ?? '', waiting };
    // Narration about an experiment keeps its table in view.
    return experiment ? { ...said, experiment: shown(experiment, steps) } : said;
  }
  if (record.kind === 'experiment') return { kind: 'experiment', experiment: shown(record, steps) };
  const step = steps[record.index];
  return isInteractive(step) ? { kind: 'feedback', step, record, waiting } : { kind: 'none' };
}

export function narrationOf(input: NarrationInput): Narration {
  const last = latest(input.records);
  const task = input.task;
  if (task && (input.phase === 'task' || input.phase === 'running' || input.phase === 'feedback')) {
    const record = input.phase === 'feedback' ? input.feedback : undefined;
    if (input.phase !== 'feedback' || record?.kind === 'task')
      return {
        kind: 'task',
        step: task.step,
        task,
        usage: task.usage(input.now ?? task.start.t),
        running: input.phase === 'running',
        ...(record && { record }),
      };
  }
  switch (input.phase) {
    case 'question': {
      if (!input.question) return { kind: 'none' };
      // A question about an experiment keeps its table in view.
      const experiment =
        last?.record.kind === 'experiment' ? shown(last.record, input.steps) : undefined;
      return { kind: 'question', step: input.question, experiment };
    }
    case 'feedback':
      return input.feedback ? fromRecord(input.feedback, input.steps, true) : { kind: 'none' };
    case 'say':
      return last
        ? fromRecord(last.record, input.steps, true, experimentBefore(input.records, last.index))
        : { kind: 'none' };
    case 'done': {
      const say = [...input.records].reverse().find((r) => r.kind === 'say');
      return { kind: 'done', text: say?.text, score: input.score, max: input.maxScore };
    }
    case 'task':
      return { kind: 'none' };
    case 'running':
      if (input.outcome) return { kind: 'outcome', ...input.outcome };
      return last
        ? fromRecord(last.record, input.steps, false, experimentBefore(input.records, last.index))
        : { kind: 'none' };
  }
}

/** Identifies what is shown, so the scroll position resets when it changes. */
export function narrationKey(n: Narration, generation: number): string {
  switch (n.kind) {
    case 'say':
      return `${generation}:say:${n.text.length}:${n.text.slice(0, 40)}`;
    case 'question':
      return `${generation}:q:${n.step.label}`;
    case 'feedback':
      return `${generation}:f:${n.record.step}`;
    case 'outcome':
      return `${generation}:o:${n.step.label}`;
    case 'experiment':
      return `${generation}:x:${n.experiment.record.step}`;
    case 'task':
      return `${generation}:t:${n.step.label}${n.record ? ':done' : ''}`;
    default:
      return `${generation}:${n.kind}`;
  }
}
