// The lesson being played, for the player: a PlaySession (runner + saved progress) with the
// calls the keys make — play a frame, continue, answer, step, step back, restart — and the
// bookkeeping after each (score and step saved, a lag sample taken). It only calls the
// engine; no replication behaviour is computed here. No React, no timers: the player's
// ticker calls `tick` with the wall time that passed, so tests can drive it by hand.
import type { CommandContext } from '../../lesson/commands/command-context.js';
import { simContext } from '../../lesson/commands/sim-context.js';
import { fastForward } from '../../lesson/engine/fast-forward.js';
import type { LessonRunner, StepRecord, TaskReply } from '../../lesson/engine/runner.js';
import { stepSpan } from '../../lesson/engine/step-span.js';
import type { TaskProgress } from '../../lesson/engine/task-progress.js';
import type { InteractiveStep, Lesson } from '../../lesson/format/types.js';
import { PlaySession } from '../../progress/play-session.js';
import type { ProgressStore } from '../../progress/progress-store.js';
import type { ClusterSnapshot, Ms } from '../../sim/index.js';
import { previousEventTime } from '../event-log/history-window.js';
import { addSample, type LagSamples, NO_SAMPLES, samplesUntil } from '../lag-chart/lag-sampler.js';
import { type StoryClock, storyClock } from '../text/story-time.js';
import { MAX_JUMP_MS, planAdvance, playRate } from './time-lapse.js';

/**
 * running: time passes; say: narration waits for a key; question: an answer is needed;
 * task: a command is needed; feedback: the graded answer (or finished task) is shown until a
 * key; done: the lesson is over.
 */
export type Phase = 'running' | 'say' | 'question' | 'task' | 'feedback' | 'done';

export interface DriverOptions {
  seed?: number;
  /** Start from step 0 even if the lesson is in progress. */
  restart?: boolean;
}

export interface TickResult {
  changed: boolean;
  /** Virtual time jumped over a quiet stretch, when this frame was a time-lapse. */
  lapsed?: Ms;
}

/** Steps one frame of playback may take one event at a time (a bound, never reached). */
const MAX_STEPWISE = 100_000;

export class LessonDriver {
  session: PlaySession;
  /** Bumped on every change, so a view knows to read again. */
  version = 0;
  /** Bumped when the runner is replaced (step back, restart): resets per-question state. */
  generation = 0;
  lag: LagSamples = NO_SAMPLES;
  /** The story's wall clock, when the lesson sets one. */
  readonly clock: StoryClock | undefined;
  /** The question just answered in this session, whose feedback waits for a key. */
  private awaiting?: string;
  private cache?: { version: number; snapshot: ClusterSnapshot };
  private names?: { version: number; context: CommandContext };
  private savedCursor = -1;

  constructor(
    readonly lesson: Lesson,
    readonly store: ProgressStore | undefined,
    private readonly options: DriverOptions = {},
  ) {
    this.clock = storyClock(lesson.clock);
    this.session = this.newSession(Boolean(options.restart));
    const resumeAt = this.session.resumeStep;
    if (resumeAt !== undefined) fastForward(this.runner, resumeAt);
    // Start whatever takes no time (the first narration, usually) before the first frame.
    else this.runner.advance(this.runner.sim.now);
    this.settle();
  }

  private newSession(restart: boolean): PlaySession {
    return new PlaySession(this.lesson, this.store, {
      seed: this.options.seed,
      restart,
      pauseOnSay: true,
    });
  }

  get runner(): LessonRunner {
    return this.session.runner;
  }

  get phase(): Phase {
    if (this.awaiting !== undefined) {
      if (this.graded(this.awaiting)) return 'feedback';
      if (this.runner.state.kind === 'running') return 'running';
    }
    const kind = this.runner.state.kind;
    return kind === 'done' ? 'done' : kind;
  }

  /** The record of the answer to step `label` (or of the task `label`), once graded. */
  graded(label: string): StepRecord | undefined {
    const records = this.runner.records;
    for (let i = records.length - 1; i >= 0; i--) {
      const r = records[i];
      if (r?.step !== label) continue;
      if (r.answer !== undefined || (r.kind === 'task' && r.points !== undefined)) return r;
    }
    return undefined;
  }

  /** The task being played (also while its commands run, and its result until a key). */
  get task(): TaskProgress | undefined {
    const t = this.runner.currentTask;
    if (!t) return undefined;
    return t.outcome === undefined || this.awaiting === t.step.label ? t : undefined;
  }

  /** A task that still takes commands: the command line has the keys. */
  get taskActive(): boolean {
    const t = this.task;
    return t !== undefined && t.outcome === undefined;
  }

  /** A line typed at the task: a command (it plays at once), hint or give up. */
  taskInput(line: string): TaskReply {
    const step = this.task?.step;
    const reply = this.session.taskInput(line);
    if (reply.ok && step) this.awaiting = step.label;
    // What takes no time starts at once (a crash, a backup).
    if (reply.ok && this.phase === 'running') this.runner.advance(this.runner.sim.now);
    this.settle();
    return reply;
  }

  /** The question waiting for an answer. */
  get question(): InteractiveStep | undefined {
    const s = this.runner.state;
    return s.kind === 'question' ? s.step : undefined;
  }

  /** The answered question whose feedback is on screen. */
  get feedback(): StepRecord | undefined {
    return this.awaiting === undefined ? undefined : this.graded(this.awaiting);
  }

  /** The question just answered whose outcome is still playing, and the answer given. */
  get outcome(): { step: InteractiveStep; answer: number } | undefined {
    if (this.awaiting === undefined || this.graded(this.awaiting)) return undefined;
    const step = this.runner.lesson.steps.find((s) => s.label === this.awaiting);
    const given = this.runner.given.findLast(([label]) => label === this.awaiting);
    if (!step || !given) return undefined;
    if (step.kind !== 'quiz' && step.kind !== 'predict' && step.kind !== 'choose') return undefined;
    return { step, answer: given[1] };
  }

  snapshot(): ClusterSnapshot {
    if (this.cache?.version !== this.version) {
      this.cache = { version: this.version, snapshot: this.runner.sim.snapshot() };
    }
    return this.cache.snapshot;
  }

  /** The names a task's command may use now (Tab completes them), read once per change. */
  commandContext(): CommandContext {
    if (this.names?.version !== this.version) {
      const clients = this.lesson.clients.map((c) => c.id);
      this.names = { version: this.version, context: simContext(this.runner.sim, clients) };
    }
    return this.names.context;
  }

  /** Stated length of the step being played (see time-lapse.ts). */
  span(): Ms | undefined {
    // The step now running, inside an option or a prediction too (a restore's or copy's
    // length is known only once it has started).
    const running = this.runner.activitySpan;
    if (running !== undefined && running > 0) return running;
    const step = this.runner.currentStep;
    if (!step) return undefined;
    // A task's command is the step that plays (`wait 10s` in a few seconds, like a lesson's).
    if (step.kind === 'task') {
      const running = this.runner.runningStep;
      return running ? stepSpan(running) : undefined;
    }
    const given = this.runner.given;
    const last = given[given.length - 1];
    return stepSpan(step, last && last[0] === step.label ? last[1] : undefined);
  }

  /** Virtual ms per wall ms at `speed` right now. */
  rate(speed: number): number {
    return playRate(speed, this.span());
  }

  /** Plays `wallMs` of wall time at `speed`. */
  tick(wallMs: number, speed: number): TickResult {
    if (this.phase !== 'running') return { changed: false };
    const r = this.runner;
    const before = this.mark();
    const plan = planAdvance({
      now: r.sim.now,
      next: r.sim.nextEventTime(),
      speed,
      span: this.span(),
      wallMs,
      // A restore or copy shows its progress: it plays through, not in one jump.
      steady: r.activityShowsProgress,
    });
    // A jump processes one event at most, so a step that starts on the way does not run
    // its events all in one frame; while an answer is being graded, play goes event by
    // event so that it stops at the feedback.
    if (plan.lapse) r.advance(plan.until, 1);
    else if (this.awaiting !== undefined) this.advanceStepwise(plan.until);
    else r.advance(plan.until);
    const changed = this.changedSince(before);
    if (changed) this.settle();
    // A jump that ends on an event due at once skipped no time: nothing to report.
    const skipped = r.sim.now - before.now;
    return { changed, lapsed: plan.lapse && changed && skipped > 0 ? skipped : undefined };
  }

  private advanceStepwise(until: Ms): void {
    const r = this.runner;
    for (let i = 0; i < MAX_STEPWISE; i++) {
      if (this.phase !== 'running' || r.sim.now >= until) return;
      const before = this.mark();
      r.advance(until, 1);
      if (!this.changedSince(before)) return;
    }
  }

  /** Continues past narration or feedback. False when nothing was waiting for a key. */
  continue(): boolean {
    const phase = this.phase;
    if (phase === 'feedback') this.awaiting = undefined;
    else if (phase === 'say') this.runner.continueSay();
    else return false;
    // What follows and takes no time starts at once (a write is sent, the next say shows).
    if (this.phase === 'running') this.runner.advance(this.runner.sim.now);
    this.settle();
    return true;
  }

  /** Answers the waiting question (0-based); its feedback shows once it is graded. */
  answer(index: number): void {
    const step = this.question;
    if (!step) return;
    this.session.answer(index);
    this.awaiting = step.label;
    this.settle();
  }

  /** Shows the hint (which halves the points of a right answer). */
  hint(): string | undefined {
    const h = this.runner.hint();
    this.settle();
    return h;
  }

  /** Processes the next simulator event; at narration or feedback, continues instead. */
  stepForward(): boolean {
    const phase = this.phase;
    if (phase === 'say' || phase === 'feedback') return this.continue();
    if (phase !== 'running') return false;
    const before = this.mark();
    this.runner.advance(this.runner.sim.now + MAX_JUMP_MS, 1);
    if (!this.changedSince(before)) return false;
    this.settle();
    return true;
  }

  /** Re-simulates to the previous event; answers given so far are replayed. */
  stepBack(): boolean {
    const r = this.runner;
    if (r.sim.now === 0 && r.records.length === 0) return false;
    const t = previousEventTime(r.sim.history, r.sim.now) ?? 0;
    this.session.runner = r.rewoundTo(t);
    // Back inside a task whose command is in flight: its verdict is awaited again, as
    // when the command was typed.
    const task = this.runner.currentTask;
    this.awaiting =
      task && task.outcome === undefined && this.runner.state.kind === 'running'
        ? task.step.label
        : undefined;
    this.generation++;
    this.lag = samplesUntil(this.lag, t);
    this.settle();
    return true;
  }

  /** Starts the lesson again from step 0 (saved answers cleared, best score kept). */
  restart(): void {
    this.session = this.newSession(true);
    this.awaiting = undefined;
    this.generation++;
    this.lag = NO_SAMPLES;
    this.savedCursor = -1;
    this.runner.advance(0);
    this.settle();
  }

  private mark() {
    const r = this.runner;
    return {
      now: r.sim.now,
      records: r.records.length,
      state: r.state,
      events: r.sim.history.length,
    };
  }

  private changedSince(m: ReturnType<LessonDriver['mark']>): boolean {
    const r = this.runner;
    return (
      r.sim.now !== m.now ||
      r.records.length !== m.records ||
      r.state !== m.state ||
      r.sim.history.length !== m.events
    );
  }

  /** After every change: score and position saved, lag sampled, views told. */
  private settle(): void {
    this.session.syncScore();
    // The step is saved when it changes, not every frame (each save rewrites the file).
    if (this.runner.cursor !== this.savedCursor) {
      this.savedCursor = this.runner.cursor;
      this.session.saveStep();
    }
    this.version++;
    this.lag = addSample(this.lag, this.snapshot());
  }
}
