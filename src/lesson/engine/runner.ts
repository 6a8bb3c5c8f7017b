// The scenario runner: executes a lesson's steps in order on the simulator and grades the
// learner by what the simulated cluster did. It is a synchronous state machine, so the TUI
// (which advances it a little every frame), the plain line mode and headless answers files
// all drive one engine: `advance()` runs until an answer is needed, the time budget is used
// up, or the lesson ends; `answer()` grades and continues.
import { type OpRecord, Simulation, summarizeWorkload } from '../../sim/index.js';
import type {
  ChooseStep,
  ExperimentStep,
  InteractiveStep,
  Lesson,
  PredictStep,
  SayStep,
  SourcePos,
  Step,
  StepKind,
} from '../format/types.js';
import { describeOp, describeStep, showValue } from './describe-outcome.js';
import { checkExpect, describeMismatch, Observation } from './expect-check.js';
import {
  chooseFeedback,
  cloneSim,
  evaluateOptions,
  goalFacts,
  isGraded,
  judgeAction,
  judgeRoute,
  MAX_POINTS,
  type OptionOutcome,
  points,
  routeStep,
} from './grading.js';
import { clientCommands, clusterConfig, lessonClients, simWorkload } from './sim-config.js';
import { type Activity, startStep } from './step-activity.js';

export interface ExperimentRow {
  policy: string;
  ops: number;
  anomalies: number;
  byChecker: Record<string, number>;
  /** Share of reads the leader served, in percent. */
  leaderLoad: number;
  p50: number;
  p99: number;
}

/** One executed step, as printed by plain mode and as a JSON line. */
export interface StepRecord {
  t: number;
  step: string;
  kind: StepKind;
  index: number;
  text?: string;
  node?: string;
  key?: string;
  value?: unknown;
  lsn?: number | null;
  stale?: boolean;
  ok?: boolean | 'unknown';
  error?: string;
  summary?: string;
  held?: boolean;
  answer?: number;
  answerLabel?: string;
  correct?: boolean;
  correctChoices?: number[];
  points?: number;
  max?: number;
  feedback?: string[];
  explain?: string;
  outcomes?: OptionOutcome[];
  table?: ExperimentRow[];
  expectFailures?: string[];
}

export interface Problem {
  pos: SourcePos;
  step: string;
  message: string;
}

export type RunnerState =
  | { kind: 'running' }
  | { kind: 'say'; step: SayStep }
  | { kind: 'question'; step: InteractiveStep; hintShown: boolean }
  | { kind: 'done' };

export type AutoAnswer = (step: InteractiveStep, runner: LessonRunner) => number | undefined;

export interface RunnerOptions {
  seed?: number;
  /** Answers given in advance, by step label (answers files, resuming saved progress). */
  answers?: ReadonlyMap<string, number>;
  /** Answers steps the preset map does not cover (validate uses the reference answers). */
  autoAnswer?: AutoAnswer;
  /** Stop at each `say` until continueSay() (the TUI); plain and headless runs do not. */
  pauseOnSay?: boolean;
  recordMessages?: boolean;
}

/** What is running right now: the steps still to start, and what to do when all are done. */
interface Running {
  outer: Step;
  queue: Step[];
  current?: { step: Step; act: Activity };
  acts: Activity[];
  onDone: (acts: Activity[]) => void;
}

export class LessonRunner {
  readonly lesson: Lesson;
  readonly seed: number;
  readonly sim: Simulation;
  readonly records: StepRecord[] = [];
  readonly problems: Problem[] = [];
  /** Answers in the order they were given: (step label, choice index). */
  readonly given: [string, number][] = [];
  readonly maxScore: number;
  score = 0;
  state: RunnerState = { kind: 'running' };
  /** Index of the next top-level step to start. */
  cursor = 0;
  private running?: Running;
  private readonly preset: ReadonlyMap<string, number>;
  private options: RunnerOptions;
  private hintUsed = false;
  private pendingOutcomes?: OptionOutcome[];

  constructor(lesson: Lesson, options: RunnerOptions = {}) {
    this.lesson = lesson;
    this.options = options;
    this.seed = options.seed ?? lesson.seed;
    this.preset = options.answers ?? new Map();
    this.sim = new Simulation(clusterConfig(lesson.cluster), {
      seed: this.seed,
      clients: lessonClients(lesson),
      recordMessages: options.recordMessages ?? true,
    });
    for (const cmd of clientCommands(lesson)) this.sim.apply(cmd);
    this.maxScore = lesson.steps.filter(isGraded).length * MAX_POINTS;
  }

  /**
   * The same lesson re-simulated from the start to virtual time `t` (rewind), replaying the
   * answers given so far. Narration before `t` does not stop the replay.
   */
  rewoundTo(t: number): LessonRunner {
    // Answers given so far win over preset ones not yet reached (resumed progress, a file).
    const r = new LessonRunner(this.lesson, {
      ...this.options,
      answers: new Map([...this.preset, ...this.given]),
      pauseOnSay: false,
    });
    r.advance(t);
    r.options = { ...r.options, pauseOnSay: this.options.pauseOnSay };
    return r;
  }

  /** Starts the lesson again from step 0 with no answers. */
  restarted(): LessonRunner {
    return new LessonRunner(this.lesson, { ...this.options, answers: undefined });
  }

  get done(): boolean {
    return this.state.kind === 'done';
  }

  /** The top-level step being executed or waiting, if any. */
  get currentStep(): Step | undefined {
    return this.running?.outer ?? this.lesson.steps[this.cursor];
  }

  /**
   * Runs until an answer or a key press is needed, the lesson ends, virtual time reaches
   * `untilT`, or `maxEvents` simulator events have been processed.
   */
  advance(untilT = Number.POSITIVE_INFINITY, maxEvents = Number.POSITIVE_INFINITY): void {
    let events = 0;
    while (this.state.kind === 'running') {
      const r = this.running;
      if (r) {
        if (!r.current) {
          const next = r.queue.shift();
          if (!next) {
            this.running = undefined;
            r.onDone(r.acts);
            continue;
          }
          r.current = { step: next, act: this.start(next) };
        }
        const { step, act } = r.current;
        if (!act.done() && this.sim.now < act.deadline) {
          const limit = Math.min(act.deadline, untilT);
          if (Number.isFinite(maxEvents)) {
            while (!act.done() && events < maxEvents) {
              const t = this.sim.nextEventTime();
              if (t === undefined || t > limit) {
                this.sim.runUntil(limit);
                break;
              }
              this.sim.step();
              events++;
            }
            if (act.done()) this.sim.runUntil(this.sim.now);
          } else {
            this.sim.runUntilCondition(act.done, limit);
          }
          if (!act.done() && this.sim.now < act.deadline) return;
        }
        r.current = undefined;
        r.acts.push(act);
        this.finished(step, act);
        continue;
      }
      if (this.cursor >= this.lesson.steps.length) {
        this.state = { kind: 'done' };
        return;
      }
      const step = this.lesson.steps[this.cursor]!;
      this.begin(step);
    }
  }

  /** Starts a top-level step. */
  private begin(step: Step): void {
    switch (step.kind) {
      case 'say':
        this.emit(step, { text: step.text });
        this.cursor++;
        if (this.options.pauseOnSay) this.state = { kind: 'say', step };
        return;
      case 'experiment':
        this.emit(step, { table: this.experiment(step) });
        this.cursor++;
        return;
      case 'quiz':
      case 'predict':
      case 'choose': {
        this.hintUsed = false;
        this.pendingOutcomes = undefined;
        this.state = { kind: 'question', step, hintShown: false };
        const preset = this.preset.get(step.label) ?? this.options.autoAnswer?.(step, this);
        if (preset !== undefined) this.answer(preset);
        return;
      }
      default:
        this.cursor++;
        this.running = { outer: step, queue: [step], acts: [], onDone: () => {} };
    }
  }

  private start(step: Step): Activity {
    try {
      return startStep(this.sim, step);
    } catch (err) {
      this.problem(step, (err as Error).message);
      return { done: () => true, deadline: 0 };
    }
  }

  /** Records a finished inner or top-level step and checks its expect. */
  private finished(step: Step, act: Activity): void {
    const op = act.op;
    const extra: Partial<StepRecord> = op
      ? opFields(op, this.sim)
      : { summary: describeStep(step) };
    if (act.held) {
      extra.held = act.held();
      if (!extra.held)
        this.problem(
          step,
          `until: the condition did not hold within ${step.kind === 'until' ? step.max : 0} ms`,
        );
    }
    this.emit(step, extra);
    this.checkStepExpect(step, op);
  }

  private checkStepExpect(step: Step, op?: OpRecord): string[] {
    if (!step.expect) return [];
    const misses = checkExpect(new Observation(this.sim, op), step.expect).map(describeMismatch);
    if (misses.length > 0) {
      const last = this.records[this.records.length - 1];
      if (last && last.step === step.label) last.expectFailures = misses;
      for (const m of misses)
        this.problems.push({ pos: step.expectPos ?? step.pos, step: step.label, message: m });
    }
    return misses;
  }

  private problem(step: Step, message: string): void {
    this.problems.push({ pos: step.pos, step: step.label, message });
  }

  private emit(step: Step, fields: Partial<StepRecord>): StepRecord {
    const rec: StepRecord = {
      t: this.sim.now,
      step: step.label,
      kind: step.kind,
      index: this.lesson.steps.indexOf(step),
      ...fields,
    };
    this.records.push(rec);
    return rec;
  }

  // ---- interaction --------------------------------------------------------------------------

  continueSay(): void {
    if (this.state.kind === 'say') this.state = { kind: 'running' };
  }

  /** The current question's hint; using it halves the points for a right answer. */
  hint(): string | undefined {
    if (this.state.kind !== 'question') return undefined;
    const h = this.state.step.hint;
    if (h) {
      this.hintUsed = true;
      this.state = { ...this.state, hintShown: true };
    }
    return h;
  }

  /** What each option of the current choose step does (computed once, from this moment). */
  optionOutcomes(): OptionOutcome[] | undefined {
    if (this.state.kind !== 'question' || this.state.step.kind !== 'choose') return undefined;
    this.pendingOutcomes ??= evaluateOptions(this.sim, this.state.step);
    return this.pendingOutcomes;
  }

  /** Answers the current question with a 0-based choice index. */
  answer(index: number): void {
    if (this.state.kind !== 'question') throw new Error('no question is waiting for an answer');
    const step = this.state.step;
    if (!Number.isInteger(index) || index < 0 || index >= step.choices.length) {
      throw new RangeError(`choice ${index + 1} is out of range (1-${step.choices.length})`);
    }
    this.given.push([step.label, index]);
    this.cursor++;
    this.state = { kind: 'running' };
    if (step.kind === 'quiz') this.gradeQuiz(step, index);
    else if (step.kind === 'predict') this.startPredict(step, index);
    else this.startChoose(step, index);
  }

  private grade(
    step: InteractiveStep,
    index: number,
    correct: boolean,
    correctChoices: number[],
    fields: Partial<StepRecord>,
    costly = false,
  ): void {
    const pts = points(correct, this.hintUsed, costly);
    this.score += pts;
    this.emit(step, {
      answer: index,
      answerLabel: step.choices[index]!.label,
      correct,
      correctChoices,
      points: pts,
      max: MAX_POINTS,
      explain: step.explain,
      ...fields,
    });
  }

  private gradeQuiz(step: InteractiveStep & { kind: 'quiz' }, index: number): void {
    // Multi-select quizzes are answered one choice at a time here: any right choice counts.
    const correct = step.answer.includes(index);
    const right = step.answer.map((i) => step.choices[i]!.label);
    this.grade(step, index, correct, step.answer, {
      feedback: [correct ? '✓ Correct.' : `✗ The answer: ${right.join(' / ')}.`],
    });
  }

  private startPredict(step: PredictStep, index: number): void {
    this.running = {
      outer: step,
      queue: [step.run],
      acts: [],
      onDone: (acts) => {
        const act = acts[0];
        const obs = new Observation(this.sim, act?.op);
        const holding = step.answer
          ? step.answer
          : step.choices.flatMap((c, i) =>
              c.expect && checkExpect(obs, c.expect).length === 0 ? [i] : [],
            );
        if (!step.answer && holding.length !== 1) {
          this.problem(
            step,
            holding.length === 0
              ? 'predict: no choice matches what happened'
              : `predict: more than one choice matches what happened (${holding.map((i) => step.choices[i]!.label).join(', ')})`,
          );
        }
        const facts = step.choices[holding[0] ?? index]?.expect;
        const what = act?.op
          ? describeOp(act.op)
          : facts
            ? goalFacts(obs, facts)
            : describeStep(step.run);
        const correct = holding.includes(index);
        this.grade(step, index, correct, holding, {
          feedback: [
            `${correct ? '✓ Correct' : '✗ Not quite'}: ${what}.`,
            ...(correct
              ? []
              : [
                  `What happened matches: ${holding.map((i) => step.choices[i]!.label).join(' / ') || '(none of the choices)'}.`,
                ]),
          ],
        });
        this.checkStepExpect(step, act?.op);
      },
    };
  }

  private startChoose(step: ChooseStep, index: number): void {
    const outcomes = this.pendingOutcomes ?? evaluateOptions(this.sim, step);
    this.pendingOutcomes = undefined;
    const choice = step.choices[index]!;
    const correctChoices = outcomes.filter((o) => o.correct).map((o) => o.index);
    if (correctChoices.length === 0) this.problem(step, 'choose: no option meets the goal');
    const startT = this.sim.now;
    const queue = step.form === 'route' ? [routeStep(step, choice.node!)] : [...(choice.do ?? [])];
    this.running = {
      outer: step,
      queue,
      acts: [],
      onDone: (acts) => {
        // The learner's choice really happened on the cluster: judge that run.
        let mine: OptionOutcome;
        if (step.form === 'route') {
          const op = acts[0]!.op!;
          const j = judgeRoute(this.sim, step.goal, op);
          mine = {
            index,
            label: choice.label,
            ...j,
            usedLeader: op.node === this.sim.currentLeader()?.id,
          };
        } else {
          mine = { index, label: choice.label, ...judgeAction(this.sim, step, startT) };
        }
        const all = outcomes.map((o) => (o.index === index ? mine : o));
        const costly =
          step.form === 'route' &&
          step.prefer === 'replica' &&
          mine.correct &&
          mine.usedLeader === true &&
          all.some((o) => o.correct && !o.usedLeader);
        this.grade(
          step,
          index,
          mine.correct,
          correctChoices,
          { feedback: chooseFeedback(step, mine, all), outcomes: all },
          costly,
        );
        this.checkStepExpect(step, step.form === 'route' ? acts[0]?.op : undefined);
      },
    };
  }

  // ---- experiment ---------------------------------------------------------------------------

  private experiment(step: ExperimentStep): ExperimentRow[] {
    return step.policies.map((policy) => {
      const clone = cloneSim(this.sim);
      const tag = `exp-${policy}`;
      clone.apply({ type: 'workload', spec: simWorkload(step.workload, policy), tag });
      const run = clone.workloads[clone.workloads.length - 1]!;
      clone.runUntilCondition(() => run.active <= 0, run.endAt + clone.cfg.clientTimeout + 1);
      const s = summarizeWorkload(clone, run);
      const anomalies = Object.values(s.anomalies).reduce((a, b) => a + b, 0);
      return {
        policy,
        ops: s.ops,
        anomalies,
        byChecker: Object.fromEntries(Object.entries(s.anomalies).filter(([, n]) => n > 0)),
        leaderLoad: Math.round(s.leaderShare * 100),
        p50: s.p50,
        p99: s.p99,
      };
    });
  }
}

function opFields(op: OpRecord, sim: Simulation): Partial<StepRecord> {
  const obs = new Observation(sim, op);
  const fields: Partial<StepRecord> = {
    node: op.node,
    key: op.key,
    value: op.value ?? null,
    lsn: op.lsn ?? null,
    ok: obs.outcome(),
    summary: describeOp(op),
  };
  if (op.error) fields.error = op.error;
  if (op.kind === 'read' && op.outcome === 'ok')
    fields.stale = obs.opAnomalies('stale-read').length > 0;
  return fields;
}

export { showValue };
