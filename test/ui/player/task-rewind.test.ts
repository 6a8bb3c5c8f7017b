// Stepping back from a task's verdict into the command that was still in flight: the
// driver awaits the verdict again (as when the command was typed), so the read plays to its
// end and the verdict shows again instead of the story running past it.
import { describe, expect, it } from 'vitest';
import { loadLessonFile } from '../../../src/lesson/format/load.js';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { tempStore } from '../mini-lesson.js';

function play(d: LessonDriver, frames = 400): void {
  for (let i = 0; i < frames && d.phase === 'running'; i++) d.tick(50, 1);
}

describe('stepping back into the lost tweet task', () => {
  it('awaits the verdict again, and the read plays to its end', async () => {
    const loaded = await loadLessonFile('lessons/lost-tweet.yaml');
    if (!loaded.ok) throw new Error('lost-tweet does not load');
    const d = new LessonDriver(loaded.lesson, tempStore(), { seed: 1 });
    for (let i = 0; i < 300 && d.phase !== 'task'; i++) {
      if (d.phase === 'running') d.tick(50, 1);
      else if (d.phase === 'question') d.answer(1);
      else d.continue();
    }
    expect(d.phase).toBe('task');
    d.taskInput('read tweet-101 from primary');
    play(d);
    expect(d.phase).toBe('feedback');
    const done = d.runner.sim.now;
    expect(d.stepBack()).toBe(true);
    expect(d.runner.sim.now).toBeLessThan(done);
    expect(d.phase).toBe('running');
    expect(d.taskActive).toBe(true);
    play(d);
    expect(d.phase).toBe('feedback');
    expect(d.feedback).toMatchObject({ step: 't-find-tweet', kind: 'task' });
    expect(d.runner.sim.now).toBe(done);
  });
});
