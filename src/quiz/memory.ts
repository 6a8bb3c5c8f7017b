// The quiz's memory of the learner: a Leitner card per question, kept in the progress store.
// Without a usable store (unwritable home) a drill still runs, remembering nothing.
import { ProgressError } from '../progress/progress-error.js';
import type { QuizCard, QuizDrill } from '../progress/progress-schema.js';
import type { ProgressStore } from '../progress/progress-store.js';
import { review } from './leitner.js';
import type { DrillResult } from './report.js';

export class QuizMemory {
  private readonly local: Record<string, QuizCard> = {};
  private warned = false;

  constructor(
    private readonly store: ProgressStore | undefined,
    private readonly clock: () => Date = () => new Date(),
    private readonly warn: (message: string) => void = () => {},
  ) {}

  cards(): Readonly<Record<string, QuizCard>> {
    return { ...(this.store?.quiz().cards ?? {}), ...this.local };
  }

  /** Moves the question's card by the answer and saves it. */
  record(result: DrillResult): QuizCard {
    const prev = this.cards()[result.id];
    const card = review(prev, result.correct, result.topic, this.clock());
    this.local[result.id] = card;
    this.save(() => this.store?.setQuizCard(result.id, card));
    return card;
  }

  finishDrill(drill: QuizDrill): void {
    this.save(() => this.store?.addQuizDrill(drill));
  }

  private save(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      if (!(err instanceof ProgressError)) throw err;
      if (!this.warned) this.warn(`progress will not be saved: ${err.message}`);
      this.warned = true;
    }
  }
}
