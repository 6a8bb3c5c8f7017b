// Resuming a lesson: the runner replays the saved answers by itself, but a player that stops
// at every narration would make the learner press Enter through everything they already
// read. This continues each `say` before the saved step at once, so the lesson re-simulates
// straight to where the learner left it.
import type { LessonRunner } from './runner.js';

/**
 * Advances until a `say` that leaves the runner's cursor at or past `cursor` (a cursor as
 * saved in progress: a waiting `say` at step i has cursor i + 1), a question without a saved
 * answer, or the end of the lesson.
 */
export function fastForward(runner: LessonRunner, cursor: number): void {
  for (;;) {
    runner.advance();
    if (runner.state.kind !== 'say' || runner.cursor >= cursor) return;
    runner.continueSay();
  }
}
