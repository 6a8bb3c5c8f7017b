// The scenario runner: executes a lesson's steps in order on the simulator and grades the
// learner by what the simulated cluster did. It is a synchronous state machine, so the TUI
// (which advances it a little every frame), the plain line mode and headless answers files
// all drive one engine: `advance()` runs until an answer is needed, the time budget is used
// up, or the lesson ends; `answer()` grades and continues.
//
// The story on every path: a predict's or a quiz's answer never touches the cluster. A
// choose's option does, so unless the step says `branch: true`, an option other than the
// story's plays on the learner's own copy of the cluster (the detour: its outcome, feedback
// and cards are theirs), and then the story takes up again from the moment before the choice
// with the story's option, on the simulation that never saw the detour. Later narration,
// expects and grading are then true whatever was answered, and the event log has no phantom
// events. Virtual time goes back at that moment; `resets` remembers when, so a rewind can
// tell the detour's t = 8 s from the story's.
import { type Ms, type OpRecord, Simulation, SimulationError } from '../../sim/index.js';
import { parseCommand } from '../commands/parse-command.js';
import { contextAfter, simContext } from '../commands/sim-context.js';
import type {
  ChooseStep,
  ExperimentStep,
  InteractiveStep,
  Lesson,
  PredictStep,
  SayStep,
  SourcePos,
  Step,
  TaskStep,
} from '../format/types.js';
import { type ChoiceOrders, displayedLesson } from './choice-order.js';
import { commandRefusal } from './command-refusal.js';
import { describeOp, describeStep, duration, showValue } from './describe-outcome.js';
import { EVENT_BUDGET, type EventBudget, EventBudgetError, runBudgeted } from './event-budget.js';
import { checkExpect, describeMismatch, Observation } from './expect-check.js';
import { runExperiment } from './experiment.js';
import {
  bestOption,
  chooseFeedback,
  cloneSim,
  evaluateOptions,
  goalFacts,
  isGraded,
  judgeAction,
  judgeRoute,
  lastOp,
  MAX_POINTS,
  type OptionOutcome,
  points,
  routeStep,
  type SimCopier,
  stepMaxPoints,
} from './grading.js';
import { nodeStatusObjects } from './node-status.js';
import { clientCommands, clusterConfig, lessonClients } from './sim-config.js';
import { type Activity, startStep } from './step-activity.js';
import { opFields, type StepRecord } from './step-record.js';
import { describeTaskEnd, solutionText } from './task-feedback.js';
import {
  isGiveUp,
  isHint,
  type TaskCommand,
  type TaskOutcome,
  TaskProgress,
  taskPoints,
} from './task-progress.js';

export type { ExperimentRow, StepRecord } from './step-record.js';

export interface Problem {
  pos: SourcePos;
  step: string;
  message: string;
}

export type RunnerState =
  | { kind: 'running' }
  | { kind: 'say'; step: SayStep }
  | { kind: 'question'; step: InteractiveStep; hintShown: boolean }
  | { kind: 'task'; step: TaskStep; task: TaskProgress }
  | { kind: 'done' };

/** What became of a line typed at a task. */
export type TaskReply =
  | { ok: true; kind: 'command'; command: TaskCommand }
  | { ok: true; kind: 'hint'; hint?: string }
  | { ok: true; kind: 'give-up' }
  | { ok: false; message: string; from: number; to: number };

/** Picks an answer (as displayed, 0-based) for a question nobody answers. */
export type AutoAnswer = (step: InteractiveStep, runner: LessonRunner) => number | undefined;

export interface RunnerOptions {
  seed?: number;
  /**
   * Answers given in advance, by step label, as 0-based indices in the file's order (answers
   * files, saved progress): they do not depend on how the choices are shuffled.
   */
  answers?: ReadonlyMap<string, number>;
  /** Answers steps the preset map does not cover (validate uses the reference answers). */
  autoAnswer?: AutoAnswer;
  /** Stop at each `say` until continueSay() (the TUI); plain and headless runs do not. */
  pauseOnSay?: boolean;
  recordMessages?: boolean;
  /** Shuffles the displayed choices with this seed (choice-order.ts); undefined: as written. */
  choiceSeed?: number;
  /** How the runner copies the cluster (counterfactuals, detours, experiments). */
  copySim?: SimCopier;
  /** Event caps of the story's steps and of the whole run (default EVENT_BUDGET). */
  eventBudget?: EventBudget;
  /** Put every node's status (node-status.ts) on each record: `play --json`. */
  nodeStatus?: boolean;
  /**
   * Lines typed at tasks, by step label (answers files, saved progress, rewind): commands,
   * `hint` and `give up`, fed in order; a task whose lines run out waits for more.
   */
  tasks?: ReadonlyMap<string, readonly string[]>;
}

/** What is running right now: the steps still to start, and what to do when all are done. */
interface Running {
  outer: Step;
  queue: Step[];
  /** `from`: the cluster's event count when the step started (its event budget). */
  current?: { step: Step; act: Activity; from: number };
  acts: Activity[];
  onDone: (acts: Activity[]) => void;
}

/** A detour that has been graded: the story goes on with `story` once the learner continues. */
interface PendingStory {
  step: ChooseStep;
  /** The story's option, as displayed. */
  story: number;
}

export class LessonRunner {
  /** The lesson as the learner sees it: choices in their displayed order. */
  readonly lesson: Lesson;
  /** The lesson as loaded, choices in the file's order. */
  readonly source: Lesson;
  readonly seed: number;
  readonly records: StepRecord[] = [];
  readonly problems: Problem[] = [];
  /** Set when the lesson went over an event budget (event-budget.ts) and was stopped there. */
  halted?: Problem;
  /** Events processed on the story's and detours' clusters (MAX_EVENTS_PER_RUN). */
  private eventsSpent = 0;
  /** Answers in the order they were given: (step label, choice as displayed). */
  readonly given: [string, number][] = [];
  /** Lines typed at tasks that were taken (commands the cluster ran, hint, give up). */
  readonly typed: [string, string][] = [];
  readonly maxScore: number;
  /** Virtual times at which the story was taken up again after a detour. */
  readonly resets: Ms[] = [];
  score = 0;
  state: RunnerState = { kind: 'running' };
  /** Index of the next top-level step to start. */
  cursor = 0;
  private readonly orders: ChoiceOrders;
  /** The story's simulation; `sim` is the detour's while one plays. */
  private main: Simulation;
  private detourSim?: Simulation;
  private running?: Running;
  private readonly preset: ReadonlyMap<string, number>;
  private options: RunnerOptions;
  private hintUsed = false;
  private pendingOutcomes?: OptionOutcome[];
  private pendingStory?: PendingStory;
  /** Set when a live answer's detour was graded: the next advance() returns at once, so the
   * learner sees their outcome before the story takes up again. */
  private holdOnce = false;
  /** advance() stops before the story is taken up for the (n+1)th time (rewind). */
  private resetLimit?: number;
  /** advance() stops as soon as the story was taken up this many times (rewind). */
  private stopAtResets?: number;
  /** advance() stops once every step before this index is over (validate's forks). */
  private stopAtCursor?: number;
  /** The task being played, and how many of its preset lines were fed. */
  private task?: TaskProgress;
  private taskFed = 0;
  /** A finished task whose reference solution plays once the learner continues. */
  private pendingTask?: TaskStep;
  /** The line each step typed at a task stands for. */
  private readonly commandText = new WeakMap<Step, string>();

  /** `fork` and `forkSim` are fork()'s: a copy of `fork` waiting at its question, on `forkSim`. */
  constructor(
    lesson: Lesson,
    options: RunnerOptions = {},
    fork?: LessonRunner,
    forkSim?: Simulation,
  ) {
    this.source = lesson;
    this.options = options;
    this.seed = options.seed ?? lesson.seed;
    this.preset = options.answers ?? new Map();
    if (fork && forkSim) {
      // A copy waiting at the same question (validate plays another answer on it).
      this.lesson = fork.lesson;
      this.orders = fork.orders;
      this.main = forkSim;
      this.given.push(...fork.given);
      this.resets.push(...fork.resets);
      this.score = fork.score;
      this.state = fork.state;
      this.cursor = fork.cursor;
      this.hintUsed = fork.hintUsed;
      // The same state gives the same counterfactuals.
      this.pendingOutcomes = fork.pendingOutcomes;
      if (fork.state.kind === 'task') {
        this.task = new TaskProgress(fork.state.step, forkSim);
        this.state = { kind: 'task', step: fork.state.step, task: this.task };
      }
    } else {
      const shown =
        options.choiceSeed === undefined
          ? { lesson, orders: new Map() }
          : displayedLesson(lesson, options.choiceSeed);
      this.lesson = shown.lesson;
      this.orders = shown.orders;
      this.main = new Simulation(clusterConfig(lesson.cluster), {
        seed: this.seed,
        clients: lessonClients(lesson),
        recordMessages: options.recordMessages ?? true,
      });
      for (const cmd of clientCommands(lesson)) this.main.apply(cmd);
    }
    this.maxScore = lesson.steps.reduce((sum, s) => sum + stepMaxPoints(s), 0);
  }

  /** The cluster on screen: the learner's detour while one plays, else the story's. */
  get sim(): Simulation {
    return this.detourSim ?? this.main;
  }

  /** The story's cluster, which a detour never touches. */
  get storySim(): Simulation {
    return this.main;
  }

  /** Whether the learner's own option is playing (or waiting to be left) on its copy. */
  get inDetour(): boolean {
    return this.detourSim !== undefined;
  }

  /** The displayed order of a question's choices (position → index in the file), if shuffled. */
  order(label: string): readonly number[] | undefined {
    return this.orders.get(label);
  }

  /** A displayed choice's index in the file. */
  fileIndex(label: string, displayed: number): number {
    return this.orders.get(label)?.[displayed] ?? displayed;
  }

  /** Where a choice (by its index in the file) is displayed. */
  displayIndex(label: string, fileIndex: number): number {
    const order = this.orders.get(label);
    return order ? order.indexOf(fileIndex) : fileIndex;
  }

  /**
   * The same lesson re-simulated from the start to virtual time `t` (rewind), replaying the
   * answers given so far. Narration before `t` does not stop the replay. After a detour the
   * clock went back, so `t` is taken on the timeline it belongs to: the story's since the
   * last reset at or before `t`.
   */
  rewoundTo(t: number): LessonRunner {
    const given = this.given.map(([label, d]): [string, number] => [
      label,
      this.fileIndex(label, d),
    ]);
    // Answers given so far win over preset ones not yet reached (resumed progress, a file).
    const typed = new Map<string, string[]>();
    for (const [label, line] of this.typed) typed.set(label, [...(typed.get(label) ?? []), line]);
    const r = new LessonRunner(this.source, {
      ...this.options,
      answers: new Map([...this.preset, ...given]),
      tasks: new Map([...(this.options.tasks ?? []), ...typed]),
      pauseOnSay: false,
    });
    const resets = this.resets.filter((x) => x <= t).length;
    if (resets > 0) {
      r.stopAtResets = resets;
      r.advance();
      r.stopAtResets = undefined;
    }
    r.resetLimit = resets;
    r.advance(t);
    r.resetLimit = undefined;
    r.options = { ...r.options, pauseOnSay: this.options.pauseOnSay };
    return r;
  }

  /** Starts the lesson again from step 0 with no answers. */
  restarted(): LessonRunner {
    return new LessonRunner(this.source, { ...this.options, answers: undefined, tasks: undefined });
  }

  /**
   * A copy of this runner waiting at the same question, on `sim` (an exact copy of the
   * cluster): validate plays another answer on it. Its problems are its own.
   */
  fork(sim: Simulation, options: Partial<RunnerOptions> = {}): LessonRunner {
    const atTaskStart = this.state.kind === 'task' && this.task?.commands.length === 0;
    if (
      (this.state.kind !== 'question' && !atTaskStart) ||
      this.running ||
      this.detourSim ||
      this.pendingStory ||
      this.pendingTask
    )
      throw new Error('a runner can only be forked at a question or a task not yet begun');
    return new LessonRunner(this.source, { ...this.options, ...options }, this, sim);
  }

  /**
   * Runs until every step before `cursor` is over (a detour taken up again included), or with
   * `beforeStory` until a detour is over and the story is about to be taken up again.
   */
  advanceUntilCursor(cursor: number, opts: { beforeStory?: boolean } = {}): void {
    this.stopAtCursor = cursor;
    if (opts.beforeStory) this.resetLimit = this.resets.length;
    try {
      this.advance();
    } finally {
      this.stopAtCursor = undefined;
      this.resetLimit = undefined;
    }
  }

  /**
   * For the choose step waiting for an answer: the option (as displayed) the story goes on
   * with, whatever is answered; undefined for other questions and for a branch.
   */
  storyChoice(): number | undefined {
    const s = this.state;
    if (s.kind !== 'question' || s.step.kind !== 'choose' || s.step.branch) return undefined;
    return this.storyOption(s.step, this.optionOutcomes() ?? []);
  }

  /** After a detour, the option (as displayed) the story is about to go on with. */
  get awaitingStory(): number | undefined {
    return this.pendingStory?.story;
  }

  get done(): boolean {
    return this.state.kind === 'done';
  }

  /**
   * The virtual length of the step now running (inside a predict or an action option too):
   * a wait's, an until's limit, a workload's, or a restore's or copy's (size ÷ rate, known
   * once it started), so the player can compress it.
   */
  get activitySpan(): Ms | undefined {
    return this.running?.current?.act.span;
  }

  /** A restore or copy is running: the player shows its progress bar filling. */
  get activityShowsProgress(): boolean {
    return this.running?.current?.act.progress === true;
  }

  /** The inner step being executed (a task's command, a choose's option step), if any. */
  get runningStep(): Step | undefined {
    return this.running?.current?.step;
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
    try {
      this.advanceSteps(untilT, maxEvents);
    } catch (err) {
      if (!(err instanceof EventBudgetError)) throw err;
      this.halt(err);
    }
  }

  /**
   * Stops the lesson at the step that went over a budget: a located problem, and the run is
   * over (validate reports it, plain mode and the player show it and end).
   */
  private halt(err: EventBudgetError): void {
    const step =
      this.running?.current?.step ??
      this.running?.outer ??
      this.lesson.steps[Math.min(this.cursor, this.lesson.steps.length - 1)];
    if (step) this.problem(step, err.message);
    this.halted = this.problems[this.problems.length - 1];
    this.running = undefined;
    this.pendingStory = undefined;
    this.holdOnce = false;
    this.state = { kind: 'done' };
  }

  /** Throws EventBudgetError when the step or the run has processed too many events. */
  /** The events one step may take (counterfactuals and experiment runs, each on a copy). */
  private get stepCap(): number {
    return (this.options.eventBudget ?? EVENT_BUDGET).step;
  }

  private budgetLeft(
    sim: Simulation,
    from: number,
  ): { cap: number; scope: 'step' | 'lesson'; named: number } {
    const caps = this.options.eventBudget ?? EVENT_BUDGET;
    const step = caps.step - (sim.eventsProcessed - from);
    const run = caps.run - this.eventsSpent;
    const left =
      step <= run
        ? { cap: step, scope: 'step' as const, named: caps.step }
        : { cap: run, scope: 'lesson' as const, named: caps.run };
    if (left.cap <= 0) throw new EventBudgetError(left.scope, left.named);
    return left;
  }

  private advanceSteps(untilT: number, maxEvents: number): void {
    let events = 0;
    while (this.state.kind === 'running') {
      if (this.holdOnce) {
        this.holdOnce = false;
        return;
      }
      const r = this.running;
      if (r) {
        if (!r.current) {
          const next = r.queue.shift();
          if (!next) {
            this.running = undefined;
            r.onDone(r.acts);
            continue;
          }
          const from = this.sim.eventsProcessed;
          r.current = { step: next, act: this.start(next), from };
          // A restore or copy just started whose length is now known: a player advancing to
          // a time event by event (a jump) stops here, so it plays the step at that length.
          if (r.current.act.progress && Number.isFinite(maxEvents)) return;
        }
        const { step, act, from } = r.current;
        const sim = this.sim;
        if (!act.done() && sim.now < act.deadline) {
          const limit = Math.min(act.deadline, untilT);
          const before = sim.eventsProcessed;
          try {
            const budget = this.budgetLeft(sim, from);
            if (Number.isFinite(maxEvents)) {
              while (!act.done() && events < maxEvents) {
                const t = sim.nextEventTime();
                if (t === undefined || t > limit) {
                  sim.runUntil(limit);
                  break;
                }
                sim.step();
                events++;
                if (sim.eventsProcessed - before >= budget.cap && !act.done())
                  throw new EventBudgetError(budget.scope, budget.named);
              }
              if (act.done()) sim.runUntil(sim.now);
            } else {
              runBudgeted(sim, act.done, limit, budget.cap, budget.scope, budget.named);
            }
          } finally {
            this.eventsSpent += sim.eventsProcessed - before;
          }
          if (!act.done() && sim.now < act.deadline) return;
        }
        r.current = undefined;
        r.acts.push(act);
        this.finished(step, act);
        continue;
      }
      if (this.pendingStory) {
        if (this.resetLimit !== undefined && this.resets.length >= this.resetLimit) return;
        this.takeUpStory(this.pendingStory);
        if (this.stopAtResets !== undefined && this.resets.length >= this.stopAtResets) return;
        continue;
      }
      if (this.pendingTask) {
        if (this.resetLimit !== undefined && this.resets.length >= this.resetLimit) return;
        this.playSolution(this.pendingTask, true);
        if (this.stopAtResets !== undefined && this.resets.length >= this.stopAtResets) return;
        continue;
      }
      if (this.stopAtCursor !== undefined && this.cursor >= this.stopAtCursor) return;
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
        this.runExperimentStep(step);
        this.cursor++;
        return;
      case 'task':
        this.cursor++;
        this.beginTask(step);
        return;
      case 'quiz':
      case 'predict':
      case 'choose': {
        this.hintUsed = false;
        this.pendingOutcomes = undefined;
        this.state = { kind: 'question', step, hintShown: false };
        const preset = this.preset.get(step.label);
        const answer =
          preset !== undefined
            ? this.displayIndex(step.label, preset)
            : this.options.autoAnswer?.(step, this);
        if (answer !== undefined) this.give(answer, false);
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
      : { summary: describeStep(step, this.sim) };
    if (act.held) {
      extra.held = act.held();
      if (!extra.held)
        this.problem(
          step,
          `until: the condition did not hold within ${duration(step.kind === 'until' ? step.max : 0)}`,
        );
    }
    const command = this.commandText.get(step);
    if (command !== undefined) extra.command = command;
    this.emit(step, extra);
    this.checkStepExpect(step, new Observation(this.sim, op));
  }

  private checkStepExpect(step: Step, obs: Observation): string[] {
    if (!step.expect) return [];
    const misses = checkExpect(obs, step.expect).map(describeMismatch);
    if (misses.length > 0) {
      const last = this.records.findLast((r) => r.step === step.label);
      if (last) last.expectFailures = misses;
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
    const outer = this.running?.outer;
    if (outer && outer !== step && isGraded(outer)) rec.within = outer.label;
    if (this.detourSim) rec.detour = true;
    if (this.options.nodeStatus) rec.nodes = nodeStatusObjects(this.sim);
    this.records.push(rec);
    return rec;
  }

  private copy(sim: Simulation): Simulation {
    return (this.options.copySim ?? cloneSim)(sim);
  }

  // ---- interaction --------------------------------------------------------------------------

  continueSay(): void {
    if (this.state.kind === 'say') this.state = { kind: 'running' };
  }

  /**
   * The current question's hint; using it halves the points for a right answer. At a task:
   * the next hint of its ladder, each costing a point (undefined when none is left).
   */
  hint(): string | undefined {
    if (this.state.kind === 'task') {
      const r = this.taskInput('hint');
      return r.ok && r.kind === 'hint' ? r.hint : undefined;
    }
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
    this.pendingOutcomes ??= evaluateOptions(
      this.sim,
      this.state.step,
      (s) => this.copy(s),
      this.stepCap,
    );
    return this.pendingOutcomes;
  }

  /**
   * Answers the current question with a 0-based choice index, as displayed. A person's answer
   * (`live`, the default) holds the runner once its detour is graded, so that they see what
   * their option did before the story takes up again; a script's does not.
   */
  answer(index: number, opts: { live?: boolean } = {}): void {
    try {
      this.give(index, opts.live ?? true);
    } catch (err) {
      if (!(err instanceof EventBudgetError)) throw err;
      this.halt(err);
    }
  }

  /** `live`: a person answered now, and wants to see their outcome before the story goes on. */
  private give(index: number, live: boolean): void {
    if (this.state.kind !== 'question') throw new Error('no question is waiting for an answer');
    const step = this.state.step;
    if (!Number.isInteger(index) || index < 0 || index >= step.choices.length) {
      throw new RangeError(`choice ${index + 1} is out of range (1-${step.choices.length})`);
    }
    this.given.push([step.label, index]);
    this.cursor++;
    this.state = { kind: 'running' };
    if (step.kind === 'quiz') this.gradeQuiz(step, index);
    else if (step.kind === 'predict')
      this.runPredict(step, (obs, act) => this.gradePredict(step, index, obs, act));
    else this.startChoose(step, index, live);
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

  /**
   * Runs a predict's `then` on the story's cluster. It takes no answer: what happens cannot
   * depend on the guess; only `graded` (called once it is over) knows the answer.
   */
  private runPredict(
    step: PredictStep,
    graded: (obs: Observation, act: Activity | undefined) => void,
  ): void {
    this.running = {
      outer: step,
      queue: [step.run],
      acts: [],
      onDone: (acts) => {
        const act = acts[0];
        const obs = new Observation(this.sim, act?.op);
        graded(obs, act);
        this.checkStepExpect(step, obs);
      },
    };
  }

  private gradePredict(
    step: PredictStep,
    index: number,
    obs: Observation,
    act: Activity | undefined,
  ): void {
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
          : `predict: more than one choice matches what happened (${holding
              .map((i) => step.choices[i]!.label)
              .join(', ')})`,
      );
    }
    const facts = step.choices[holding[0] ?? index]?.expect;
    const what = act?.op
      ? describeOp(act.op, this.sim)
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
  }

  /** The option the story goes on with (as displayed): the step's `story`, or the best one. */
  private storyOption(step: ChooseStep, outcomes: readonly OptionOutcome[]): number {
    if (step.story !== undefined) return step.story;
    const inFileOrder = [...outcomes].sort(
      (a, b) => this.fileIndex(step.label, a.index) - this.fileIndex(step.label, b.index),
    );
    return bestOption(step, inFileOrder)?.index ?? this.displayIndex(step.label, 0);
  }

  /** The steps one option of a choose runs. */
  private optionSteps(step: ChooseStep, index: number): Step[] {
    const choice = step.choices[index]!;
    return step.form === 'route' ? [routeStep(step, choice.node!)] : [...(choice.do ?? [])];
  }

  private startChoose(step: ChooseStep, index: number, live: boolean): void {
    const outcomes =
      this.pendingOutcomes ?? evaluateOptions(this.sim, step, (s) => this.copy(s), this.stepCap);
    this.pendingOutcomes = undefined;
    const choice = step.choices[index]!;
    const correctChoices = outcomes.filter((o) => o.correct).map((o) => o.index);
    if (correctChoices.length === 0) this.problem(step, 'choose: no option meets the goal');
    const story = this.storyOption(step, outcomes);
    const detour = !step.branch && index !== story;
    // The learner's option plays on their own copy; the story's cluster waits untouched.
    if (detour) this.detourSim = this.copy(this.main);
    const startT = this.sim.now;
    this.running = {
      outer: step,
      queue: this.optionSteps(step, index),
      acts: [],
      onDone: (acts) => {
        const sim = this.sim;
        // The learner's choice really happened on a cluster: judge that run.
        let mine: OptionOutcome;
        if (step.form === 'route') {
          const op = acts[0]!.op!;
          const j = judgeRoute(sim, step.goal, op);
          mine = {
            index,
            label: choice.label,
            ...j,
            usedLeader: op.node === sim.currentLeader(sim.groupOfKey(op.key))?.id,
          };
        } else {
          mine = { index, label: choice.label, ...judgeAction(sim, step, startT, lastOp(acts)) };
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
        if (detour) {
          this.pendingStory = { step, story };
          this.holdOnce = live;
        } else {
          this.checkChooseExpect(step, acts);
        }
      },
    };
  }

  private checkChooseExpect(step: ChooseStep, acts: Activity[]): void {
    const op: OpRecord | undefined = step.form === 'route' ? acts[0]?.op : undefined;
    this.checkStepExpect(step, new Observation(this.sim, op));
  }

  /**
   * After a detour: back to the story's cluster as it was before the choice, a narration
   * saying so, then the story's option plays there.
   */
  private takeUpStory({ step, story }: PendingStory): void {
    this.pendingStory = undefined;
    this.detourSim = undefined;
    this.resets.push(this.main.now);
    const label = step.choices[story]!.label;
    const text =
      step.resume ?? `Back to the story: the lesson goes on as if you had chosen ${label}.`;
    this.emit(step, { kind: 'say', text, resume: true, summary: `story: ${label}` });
    if (this.options.pauseOnSay)
      this.state = { kind: 'say', step: { kind: 'say', label: step.label, pos: step.pos, text } };
    this.running = {
      outer: step,
      queue: this.optionSteps(step, story),
      acts: [],
      onDone: (acts) => this.checkChooseExpect(step, acts),
    };
  }

  // ---- task ---------------------------------------------------------------------------------
  //
  // The learner's commands play on their own copy of the cluster, made at the first command
  // (a hint or giving up touches nothing). Each runs until its result is in, as a lesson step
  // does, cut at the task's time limit; the goal is checked after each. When the task is over
  // (solved, given up, out of commands or time) the story rule applies as after a choose: the
  // cluster is set back to the task's start and the reference solution plays there, unless the
  // task says `branch: true` and was solved, or the learner typed the solution itself.

  /** The task being played, or the last one played (its `outcome` is then set). */
  get currentTask(): TaskProgress | undefined {
    return this.task;
  }

  private beginTask(step: TaskStep): void {
    this.task = new TaskProgress(step, this.main);
    this.taskFed = 0;
    this.state = { kind: 'task', step, task: this.task };
    if (this.task.met) this.problem(step, 'task: the goal already holds when the task starts');
    this.feedTask();
  }

  /** Types the task's preset lines (answers file, saved progress, rewind) while it waits. */
  private feedTask(): void {
    while (this.state.kind === 'task') {
      const step = this.state.step;
      const lines = this.options.tasks?.get(step.label);
      if (!lines || this.taskFed >= lines.length) return;
      const line = lines[this.taskFed++]!;
      const r = this.taskInput(line, { live: false });
      if (!r.ok) this.problem(step, `task: "${line}": ${r.message}`);
    }
  }

  /**
   * One line typed at the task: a command (run on the learner's cluster), `hint` or `give
   * up`. A line that does not parse, or that the cluster refuses, changes nothing and is not
   * counted. `live` (a person typing now): after giving up or solving, the runner holds so
   * they see the outcome before the reference solution plays.
   */
  taskInput(line: string, opts: { live?: boolean } = {}): TaskReply {
    if (this.state.kind !== 'task' || !this.task)
      return { ok: false, message: 'no task is waiting for a command', from: 0, to: line.length };
    const step = this.state.step;
    const task = this.task;
    const live = opts.live ?? true;
    if (isHint(line)) {
      if (task.hintsShown >= step.hints.length) return { ok: true, kind: 'hint' };
      task.hintsShown++;
      this.typed.push([step.label, 'hint']);
      return { ok: true, kind: 'hint', hint: step.hints[task.hintsShown - 1] };
    }
    if (isGiveUp(line)) {
      this.typed.push([step.label, 'give up']);
      try {
        this.endTask(step, task, 'gave-up', live);
      } catch (err) {
        if (!(err instanceof EventBudgetError)) throw err;
        this.halt(err);
      }
      return { ok: true, kind: 'give-up' };
    }
    const sim = this.detourSim ?? this.main;
    const parsed = parseCommand(
      line,
      simContext(
        sim,
        this.lesson.clients.map((c) => c.id),
      ),
    );
    if (!parsed.ok) return { ok: false, ...parsed.error };
    const cmd = parsed.command;
    const n = task.commands.length;
    const cmdStep = {
      ...cmd.step,
      ...('background' in cmd.step && { background: false }),
      label: `${step.label}.cmd[${n}]`,
      pos: step.pos,
    } as Step;
    const whole = { from: 0, to: line.length };
    const refusal = commandRefusal(sim, cmdStep);
    if (refusal) return { ok: false, message: refusal, ...whole };
    this.detourSim ??= this.copy(this.main);
    const target = this.detourSim;
    let act: Activity;
    try {
      act = startStep(target, cmdStep);
    } catch (err) {
      if (err instanceof SimulationError) return { ok: false, message: err.message, ...whole };
      throw err;
    }
    const command: TaskCommand = { text: cmd.text, t: target.now };
    this.commandText.set(cmdStep, cmd.text);
    task.commands.push(command);
    this.typed.push([step.label, cmd.text]);
    // A command runs until its result is in, but never past the task's time limit.
    const capped: Activity = {
      done: act.done,
      deadline: Math.min(act.deadline, task.endsAt),
      get op() {
        return act.op;
      },
    };
    this.running = {
      outer: step,
      queue: [],
      current: { step: cmdStep, act: capped, from: target.eventsProcessed },
      acts: [],
      onDone: () => this.afterTaskCommand(step, task, command, live),
    };
    this.state = { kind: 'running' };
    return { ok: true, kind: 'command', command };
  }

  private afterTaskCommand(
    step: TaskStep,
    task: TaskProgress,
    command: TaskCommand,
    live: boolean,
  ): void {
    const sim = this.sim;
    command.doneAt = sim.now;
    command.result = this.records.findLast(
      (r) => r.step === `${step.label}.cmd[${task.commands.length - 1}]`,
    )?.summary;
    task.update(sim);
    if (task.met) this.endTask(step, task, 'solved', live);
    else if (task.commands.length >= step.limit.commands)
      this.endTask(step, task, 'out-of-commands', live);
    else if (sim.now >= task.endsAt) this.endTask(step, task, 'out-of-time', live);
    else {
      this.state = { kind: 'task', step, task };
      this.feedTask();
    }
  }

  private endTask(step: TaskStep, task: TaskProgress, outcome: TaskOutcome, live: boolean): void {
    const sim = this.sim;
    const elapsed = (task.commands.at(-1)?.doneAt ?? task.start.t) - task.start.t;
    const pts = taskPoints(step, outcome, task.commands.length, elapsed, task.hintsShown);
    task.outcome = outcome;
    task.points = pts;
    this.score += pts;
    this.emit(step, {
      correct: outcome === 'solved',
      points: pts,
      max: step.points,
      feedback: describeTaskEnd(step, task, outcome, pts, sim.now),
      summary: task.commands.map((c) => c.text).join('; ') || '(no commands)',
      task: {
        outcome,
        commands: task.commands.map((c) => c.text),
        hints: task.hintsShown,
        par: step.par,
        elapsed,
        goal: task.conditions.map(({ text, met, now }) => ({ text, met, ...(now && { now }) })),
      },
    });
    this.state = { kind: 'running' };
    const typedSolution =
      task.commands.length === step.solution.length &&
      task.commands.every((c, i) => c.text === normalLine(step.solution[i]!));
    if (this.detourSim && outcome === 'solved' && (step.branch || typedSolution)) {
      // The learner's cluster is the story's from here: theirs stands, or is the solution's.
      this.main = this.detourSim;
      this.detourSim = undefined;
      // `task` stays readable (its outcome set) until the next task: the player shows it.
      for (const r of this.records)
        if (r.within === step.label || r.step === step.label) delete r.detour;
      // The author's bridge back to the story still reads true: nothing was set back.
      if (typedSolution && !step.branch && step.resume) this.say(step, step.resume, false);
      return;
    }
    if (!this.detourSim) {
      // Nothing was changed: the solution plays on the story's cluster as it is.
      this.playSolution(step, false);
      return;
    }
    this.pendingTask = step;
    this.holdOnce = live;
  }

  /** Back to the task's start (when the learner's cluster changed) and the solution plays. */
  private playSolution(step: TaskStep, setBack: boolean): void {
    this.pendingTask = undefined;
    if (setBack) {
      this.detourSim = undefined;
      this.resets.push(this.main.now);
    }
    this.say(step, step.resume ?? solutionText(step, setBack), setBack);
    const start = new TaskProgress(step, this.main);
    this.running = {
      outer: step,
      queue: this.solutionSteps(step),
      acts: [],
      onDone: () => {
        start.update(this.main);
        const unmet = start.conditions.filter((c) => !c.met);
        if (unmet.length > 0)
          this.problem(
            step,
            `task: the reference solution does not reach the goal: ${unmet.map((c) => `${c.text} (${c.now ?? 'no'})`).join('; ')}`,
          );
      },
    };
  }

  /** Narration after a task; it waits for a key when the cluster was set back. */
  private say(step: TaskStep, text: string, setBack: boolean): void {
    this.emit(step, { kind: 'say', text, resume: setBack, summary: 'reference solution' });
    if (this.options.pauseOnSay)
      this.state = { kind: 'say', step: { kind: 'say', label: step.label, pos: step.pos, text } };
  }

  /** The solution's lines as steps, each parsed against the names the lines before it made. */
  private solutionSteps(step: TaskStep): Step[] {
    let ctx = simContext(
      this.main,
      this.lesson.clients.map((c) => c.id),
    );
    const out: Step[] = [];
    step.solution.forEach((line, j) => {
      const r = parseCommand(line, ctx);
      if (!r.ok) {
        this.problem(step, `task: solution line ${j + 1} "${line}": ${r.error.message}`);
        return;
      }
      ctx = contextAfter(ctx, r.command.raw);
      out.push({
        ...r.command.step,
        ...('background' in r.command.step && { background: false }),
        label: `${step.label}.solution[${j}]`,
        pos: step.solutionPos?.[j] ?? step.pos,
      } as Step);
    });
    return out;
  }

  // ---- experiment ---------------------------------------------------------------------------

  private runExperimentStep(step: ExperimentStep): void {
    const table = runExperiment(this.sim, step, (s) => this.copy(s), this.stepCap);
    this.emit(step, { table });
    this.checkStepExpect(step, new Observation(this.sim, undefined, table));
  }
}

/** A command line as the parser prints it back: words separated by single spaces. */
function normalLine(line: string): string {
  return line.trim().split(/\s+/).join(' ');
}

export { showValue };
