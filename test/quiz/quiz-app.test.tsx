// The drill's terminal view, driven by keys: choose, answer a number, skip, see feedback
// and the final report; the time limit ends the drill on its own.
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { Drill } from '../../src/quiz/drill.js';
import { QuizApp } from '../../src/ui/drill/quiz-app.js';
import { bar, clock } from '../../src/ui/drill/quiz-progress-bar.js';
import { flat } from '../ui/frame.js';
import { KEY, press, tick } from '../ui/keys.js';
import { choiceQ, numericQ } from './fixtures.js';

function setup(opts: { limit?: number; now?: { t: number } } = {}) {
  const now = opts.now ?? { t: 0 };
  const drill = new Drill([choiceQ('a'), numericQ('n', 3), choiceQ('b', 'split-brain')], {
    seed: 1,
    startedAt: 0,
    timeLimitMs: opts.limit,
  });
  const onExit = vi.fn();
  const app = render(
    <QuizApp
      drill={drill}
      title="Interview drill"
      report={{ lessonAvailable: () => false, timeLimit: opts.limit ? '1m' : undefined }}
      onExit={onExit}
      clock={() => now.t}
      tickMs={10}
    />,
  );
  return { app, drill, onExit, now };
}

describe('the drill in the terminal', () => {
  it('asks, gives feedback with the model answer, and ends with the report', async () => {
    const { app, drill, onExit } = setup();
    let frame = flat(app.lastFrame());
    expect(frame).toContain('Interview drill');
    expect(frame).toContain('0/3 answered');
    expect(frame).toContain('Question 1 of 3 · easy · choice');
    expect(frame).toContain('Question a?');
    expect(frame).toContain('1-9 pick');

    frame = flat(await press(app, '2'));
    expect(frame).toContain('✓ Correct.');
    expect(frame).toContain('Model answer: Model answer of a.');
    expect(frame).toContain('1/3 answered · ✓ 1 ✗ 0');

    frame = flat(await press(app, KEY.enter));
    expect(frame).toContain('How many for n?');
    expect(frame).toContain('type a number');
    await press(app, '4');
    await press(app, KEY.backspace);
    await press(app, '3');
    frame = flat(await press(app, KEY.enter));
    expect(frame).toContain('✓ 3 replicas');

    await press(app, KEY.enter);
    frame = flat(await press(app, 's'));
    expect(frame).toContain('✗ Not quite. Your answer: skipped. The answer: 2. right.');
    expect(frame).toContain('Revisit: lesson 11, Split brain');

    frame = flat(await press(app, KEY.enter));
    expect(frame).toContain('Score: 2/3');
    expect(frame).toContain('Weakest topics: lesson 11, Split brain (0/1)');
    expect(drill.results.map((r) => r.correct)).toEqual([true, true, false]);

    await press(app, 'q');
    expect(onExit).toHaveBeenCalledWith('quit');
  });

  it('q during a question ends the drill with a report of what was answered', async () => {
    const { app } = setup();
    await press(app, '1');
    await press(app, KEY.enter);
    await press(app, 's');
    await press(app, KEY.enter);
    const frame = flat(await press(app, 'q'));
    expect(frame).toContain('Score: 0/2');
  });

  it('ends the drill when the wall-clock limit is up', async () => {
    const now = { t: 0 };
    const { app, drill } = setup({ limit: 60_000, now });
    expect(flat(app.lastFrame())).toContain('⏱ 1:00 left');
    await press(app, '2');
    now.t = 61_000;
    await tick(50);
    const frame = flat(app.lastFrame());
    expect(frame).toContain('Time is up (1m).');
    expect(frame).toContain('Score: 1/1');
    expect(drill.ended).toBe('time');
  });

  it('embedded in the app: leaving the report calls back, Ctrl-C is left to the app', async () => {
    const drill = new Drill([choiceQ('a')], { seed: 1, startedAt: 0 });
    const onLeave = vi.fn();
    const onExit = vi.fn();
    const app = render(
      <QuizApp
        drill={drill}
        title="Interview drill"
        report={{ lessonAvailable: () => false }}
        onExit={onExit}
        onLeave={onLeave}
        clock={() => 0}
      />,
    );
    await press(app, '2');
    await press(app, '\u0003');
    expect(onLeave).not.toHaveBeenCalled();
    const frame = flat(await press(app, KEY.enter));
    expect(frame).toContain('Score: 1/1');
    expect(frame).toContain('q back to the menu');
    await press(app, 'q');
    expect(onLeave).toHaveBeenCalledTimes(1);
    expect(onExit).not.toHaveBeenCalled();
    // Still mounted: the app decides what comes next.
    expect(flat(app.lastFrame())).toContain('Score: 1/1');
    app.unmount();
  });

  it('draws the bar and the clock', () => {
    expect(bar(1, 4, 8)).toBe('██░░░░░░');
    expect(clock(61_000)).toBe('1:01');
    expect(clock(500)).toBe('0:01');
  });
});
