// The story rule as the player drives it: a wrong choice's outcome is held on screen with
// the learner's cluster, continuing shows the narration that takes the story up again on
// the story's cluster, and stepping back crosses the reset both ways.
import { describe, expect, it } from 'vitest';
import { LessonDriver } from '../../src/ui/player/lesson-driver.js';
import { playerView } from '../../src/ui/player/player-view.js';
import { miniLesson, tempStore } from '../ui/mini-lesson.js';

function play(d: LessonDriver, max = 500): void {
  for (let i = 0; i < max && d.phase === 'running'; i++) d.tick(100, 1);
}

describe('a detour in the player', () => {
  it('holds the learner’s outcome, narrates the way back, then plays the story', () => {
    const d = new LessonDriver(miniLesson(), tempStore());
    for (let i = 0; i < 50 && d.question?.label !== 'c1'; i++) {
      if (d.phase === 'question') d.answer(0);
      else if (d.phase === 'running') play(d);
      else d.continue();
    }
    expect(d.question?.label).toBe('c1');
    const choiceAt = d.runner.sim.now;
    // Only the primary has the write: replica-2 (not the story's option) is a detour.
    d.answer(2);
    play(d);
    expect(d.phase).toBe('feedback');
    expect(d.runner.inDetour).toBe(true);
    expect(d.snapshot().t).toBeGreaterThan(choiceAt);
    expect(playerView(d).narration).toMatchObject({ kind: 'feedback' });

    d.continue();
    expect(d.phase).toBe('say');
    expect(d.runner.inDetour).toBe(false);
    expect(d.runner.sim.now).toBe(choiceAt);
    expect(playerView(d).narration).toMatchObject({
      kind: 'say',
      text: 'Back to the story: the lesson goes on as if you had chosen primary.',
    });
    // The event log is the story's: no read on replica-2 after the choice.
    expect(
      [...d.runner.sim.ops].some((op) => op.node === 'replica-2' && op.invokedAt >= choiceAt),
    ).toBe(false);

    d.continue();
    play(d);
    expect(d.question?.label).toBe('q1');
    expect(
      [...d.runner.sim.ops].filter((op) => op.invokedAt >= choiceAt).map((op) => op.node),
    ).toEqual(['primary']);

    // Back across the reset: first the story's timeline, then before the question.
    const score = d.runner.score;
    while (d.runner.sim.now > choiceAt) d.stepBack();
    expect(d.runner.resets).toEqual([choiceAt]);
    d.stepBack();
    expect(d.runner.resets).toEqual([]);
    expect(d.runner.sim.now).toBeLessThan(choiceAt);
    for (let i = 0; i < 50 && d.question?.label !== 'q1'; i++) {
      if (d.phase === 'running') play(d);
      else d.continue();
    }
    expect(d.question?.label).toBe('q1');
    expect(d.runner.score).toBe(score);
    expect(d.runner.records.filter((r) => r.resume)).toHaveLength(1);
  });
});
