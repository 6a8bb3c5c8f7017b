// One drill: the questions chosen for it, asked one at a time, each graded once. The plain
// mode and the TUI both drive this object; the clock is passed in (wall time: the drill's time
// limit is the learner's, not the simulator's).
import { type Answer, type Asked, ask, instanceSeed, type Verdict } from './ask.js';
import { type DrillEnd, type DrillReport, type DrillResult, drillReport } from './report.js';
import type { BankQuestion } from './types.js';

export interface DrillOptions {
  seed: number;
  /** Shuffles each question's choices for the learner (their seed, or a script's --seed). */
  orderSeed?: number;
  /** Wall-clock milliseconds the drill may take; undefined: no limit. */
  timeLimitMs?: number;
  /** Wall-clock time the drill started (ms since the epoch). */
  startedAt: number;
  /** Called once per graded answer (saving the card). */
  onResult?: (result: DrillResult) => void;
}

export class Drill {
  readonly questions: readonly BankQuestion[];
  readonly results: DrillResult[] = [];
  readonly seed: number;
  ended: DrillEnd | undefined;
  private cursor = 0;
  private asked: Asked | undefined;
  private verdict: Verdict | undefined;

  constructor(
    questions: readonly BankQuestion[],
    private readonly opts: DrillOptions,
  ) {
    this.questions = questions;
    this.seed = opts.seed;
    if (questions.length === 0) this.ended = 'done';
  }

  get total(): number {
    return this.questions.length;
  }

  /** 0-based position of the question being asked. */
  get index(): number {
    return this.cursor;
  }

  /** The question being asked, generated on first use; undefined once the drill ended. */
  current(): Asked | undefined {
    while (this.ended === undefined && this.asked === undefined) {
      const q = this.questions[this.cursor];
      if (!q) {
        this.ended = 'done';
        break;
      }
      try {
        this.asked = ask(q, instanceSeed(this.seed, q.id), this.opts.orderSeed);
      } catch {
        // A template that fails for this seed is a bug already covered by validate and the
        // tests; the learner should not pay for it, so the question is left out.
        this.skipUnasked();
      }
    }
    return this.ended === undefined ? this.asked : undefined;
  }

  /** The verdict on the current question, once answered. */
  get lastVerdict(): Verdict | undefined {
    return this.verdict;
  }

  /** Grades the current question (once); the result is recorded and reported. */
  answer(a: Answer): Verdict {
    const asked = this.current();
    if (!asked) throw new Error('the drill has ended');
    if (this.verdict) return this.verdict;
    const verdict = asked.grade(a);
    this.verdict = verdict;
    const q = asked.question;
    const result: DrillResult = {
      id: q.id,
      topic: q.topic,
      lesson: q.lesson,
      kind: q.kind,
      difficulty: q.difficulty,
      correct: verdict.correct,
      skipped: a.kind === 'skip',
    };
    this.results.push(result);
    this.opts.onResult?.(result);
    return verdict;
  }

  /** On to the next question (after an answer). */
  next(): void {
    this.cursor++;
    this.asked = undefined;
    this.verdict = undefined;
    if (this.cursor >= this.questions.length) this.ended ??= 'done';
  }

  private skipUnasked(): void {
    this.cursor++;
    if (this.cursor >= this.questions.length) this.ended = 'done';
  }

  /** Milliseconds left at wall time `now`; undefined without a limit. */
  timeLeft(now: number): number | undefined {
    if (this.opts.timeLimitMs === undefined) return undefined;
    return Math.max(0, this.opts.startedAt + this.opts.timeLimitMs - now);
  }

  /** Ends the drill when its time is up; true if it did. */
  checkTime(now: number): boolean {
    if (this.ended === undefined && this.timeLeft(now) === 0) this.ended = 'time';
    return this.ended === 'time';
  }

  /** Ends the drill early (input ended, the learner quit). */
  stop(why: Exclude<DrillEnd, 'done' | 'time'>): void {
    this.ended ??= why;
  }

  report(): DrillReport {
    return drillReport(this.results, this.ended ?? 'quit', this.total);
  }
}
