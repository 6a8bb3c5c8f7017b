// The player's engine glue, driven by hand: phases, continuing, answering with feedback,
// playing frames with time-lapses, stepping forward and back, restarting, resuming, saving.
import { describe, expect, it } from 'vitest';
import { openProgress } from '../../../src/progress/progress-store.js';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { miniLesson, tempHome, tempStore } from '../mini-lesson.js';

/** Where the waiting question shows the choice written `fileIndex`-th (choices are shuffled). */
function shown(d: LessonDriver, fileIndex: number): number {
  return d.runner.displayIndex(d.question?.label ?? '', fileIndex);
}

/** Plays frames of 100 ms at `speed` until the phase is not running (or `max` frames). */
function play(d: LessonDriver, speed = 1, max = 500): number[] {
  const lapses: number[] = [];
  for (let i = 0; i < max && d.phase === 'running'; i++) {
    const r = d.tick(100, speed);
    if (r.lapsed !== undefined) lapses.push(r.lapsed);
  }
  return lapses;
}

describe('LessonDriver', () => {
  it('opens at the first narration with no time passed, and saves that the lesson started', () => {
    const home = tempHome();
    const d = new LessonDriver(miniLesson(), openProgress({ home }).store);
    expect(d.phase).toBe('say');
    expect(d.runner.sim.now).toBe(0);
    expect(openProgress({ home }).store.lesson('mini').status).toBe('in-progress');
  });

  it('continues narration, plays the write, stops at the next narration and the question', () => {
    const d = new LessonDriver(miniLesson(), tempStore());
    expect(d.continue()).toBe(true);
    expect(d.phase).toBe('running');
    play(d);
    expect(d.phase).toBe('say');
    expect(d.runner.sim.now).toBe(2);
    d.continue();
    expect(d.phase).toBe('question');
    expect(d.question?.label).toBe('p1');
    expect(d.continue()).toBe(false);
  });

  it('after an answer plays the outcome, then holds the feedback until continued', () => {
    const d = new LessonDriver(miniLesson(), tempStore());
    d.continue();
    play(d);
    d.continue();
    const right = shown(d, 1);
    d.answer(right);
    expect(d.phase).toBe('running');
    expect(d.outcome).toMatchObject({ step: { label: 'p1' }, answer: right });
    play(d);
    expect(d.phase).toBe('feedback');
    expect(d.feedback).toMatchObject({ step: 'p1', correct: true, points: 2 });
    // Held: frames do not move time while the feedback is shown.
    const t = d.runner.sim.now;
    expect(d.tick(100, 1).changed).toBe(false);
    expect(d.runner.sim.now).toBe(t);
    d.continue();
    expect(d.phase).toBe('question');
    expect(d.question?.label).toBe('c1');
  });

  it('grades a routing choice by what the cluster did, with the other options run too', () => {
    const d = new LessonDriver(miniLesson(), tempStore());
    d.continue();
    play(d);
    d.continue();
    d.answer(1);
    play(d);
    d.continue();
    d.answer(2);
    play(d);
    const fb = d.feedback;
    expect(fb).toMatchObject({ step: 'c1', correct: false, points: 0 });
    expect(fb?.feedback?.[0]).toMatch(/^✗ .*replica-2.*LSN 0/);
    expect(fb?.feedback?.join('\n')).toMatch(/✓ primary: read "tweet" on primary → "Hello"/);
  });

  it('skips the quiet part of a long wait in a time-lapse, and compresses the rest', () => {
    const d = new LessonDriver(miniLesson(), tempStore());
    d.continue();
    play(d);
    d.continue();
    d.answer(1);
    play(d);
    d.continue();
    d.answer(0);
    play(d);
    d.continue();
    expect(d.span()).toBe(30_000);
    expect(d.rate(1)).toBe(5);
    const before = d.runner.sim.now;
    const lapses = play(d);
    expect(d.phase).toBe('question');
    expect(d.question?.label).toBe('q1');
    expect(d.runner.sim.now).toBeGreaterThanOrEqual(before + 30_000);
    expect(lapses.length).toBeGreaterThan(0);
    expect(Math.max(...lapses)).toBeGreaterThan(10_000);
  });

  it('steps one event at a time, and back to the previous event', () => {
    const d = new LessonDriver(miniLesson(), tempStore());
    d.continue();
    const events = () => d.runner.sim.history.length;
    expect(d.stepForward()).toBe(true);
    const first = events();
    expect(first).toBeGreaterThan(0);
    d.stepForward();
    expect(events()).toBeGreaterThan(first);
    const t = d.runner.sim.now;
    const generation = d.generation;
    expect(d.stepBack()).toBe(true);
    expect(d.generation).toBe(generation + 1);
    expect(d.runner.sim.now).toBeLessThan(t);
  });

  it('at narration, stepping forward continues it', () => {
    const d = new LessonDriver(miniLesson(), tempStore());
    expect(d.stepForward()).toBe(true);
    expect(d.phase).toBe('running');
  });

  it('stepping back past an answered question replays the answer', () => {
    const d = new LessonDriver(miniLesson(), tempStore());
    d.continue();
    play(d);
    d.continue();
    const wrong = shown(d, 0);
    d.answer(wrong);
    play(d);
    d.continue();
    expect(d.question?.label).toBe('c1');
    // Back to before the prediction was graded: it is answered again, the same way.
    while (d.runner.sim.now > 2) d.stepBack();
    play(d);
    d.continue();
    const p1 = d.runner.records.find((r) => r.step === 'p1');
    expect(p1).toMatchObject({ answer: wrong, correct: false });
    expect(d.question?.label).toBe('c1');
  });

  it('restarts from step 0 with the answers cleared', () => {
    const home = tempHome();
    const d = new LessonDriver(miniLesson(), openProgress({ home }).store);
    d.continue();
    play(d);
    d.continue();
    d.answer(1);
    play(d);
    d.restart();
    expect(d.phase).toBe('say');
    expect(d.runner.sim.now).toBe(0);
    expect(d.runner.score).toBe(0);
    expect(openProgress({ home }).store.lesson('mini').answers).toEqual([]);
  });

  it('saves answers and score as they happen, and resumes at the saved step', () => {
    const home = tempHome();
    const d = new LessonDriver(miniLesson(), openProgress({ home }).store);
    d.continue();
    play(d);
    d.continue();
    d.answer(shown(d, 1));
    play(d);
    d.continue();
    // Saved by the choice's place in the file, whatever order it was shown in.
    const saved = openProgress({ home }).store.lesson('mini');
    expect(saved.answers.map((a) => [a.step, a.answer])).toEqual([['p1', '1']]);
    expect(saved.score).toBe(2);
    // A new session (the learner came back) replays to the waiting question.
    const again = new LessonDriver(miniLesson(), openProgress({ home }).store);
    expect(again.phase).toBe('question');
    expect(again.question?.label).toBe('c1');
    expect(again.runner.score).toBe(2);
  });

  it('plays the whole lesson to the end and records the score', () => {
    const home = tempHome();
    const d = new LessonDriver(miniLesson(), openProgress({ home }).store);
    const answers: Record<string, number> = { p1: 1, c1: 0, q1: 1 };
    for (let guard = 0; guard < 100 && d.phase !== 'done'; guard++) {
      if (d.phase === 'question') d.answer(shown(d, answers[d.question?.label ?? ''] ?? 0));
      else if (d.phase === 'running') play(d, 10);
      else d.continue();
    }
    expect(d.phase).toBe('done');
    expect(d.runner.score).toBe(6);
    const saved = openProgress({ home }).store.lesson('mini');
    expect(saved.status).toBe('done');
    expect(saved.best?.score).toBe(6);
  });
});
