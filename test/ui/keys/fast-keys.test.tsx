// Keys typed faster than the terminal is read arrive as one chunk ("jj"); each character is
// still one key press, and escape sequences (arrows) inside a chunk stay whole.
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { Drill } from '../../../src/quiz/drill.js';
import { ChoiceList } from '../../../src/ui/choice-list/choice-list.js';
import { QuizApp } from '../../../src/ui/drill/quiz-app.js';
import { keyPresses } from '../../../src/ui/keys/use-keys.js';
import { Menu } from '../../../src/ui/menu/menu.js';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { Player } from '../../../src/ui/player/player.js';
import { choiceQ, numericQ } from '../../quiz/fixtures.js';
import { flat, frameLines } from '../frame.js';
import { KEY, press, tick } from '../keys.js';
import { extras, lessons } from '../lessons.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

const focusedLine = (frame: string | undefined) =>
  frameLines(frame).find((l) => l.startsWith('›')) ?? '';

/** Writes one chunk and waits for the frame to settle. */
async function chunk(app: { stdin: { write: (s: string) => void } }, text: string) {
  app.stdin.write(text);
  await tick(60);
}

describe('keyPresses', () => {
  const none = {};
  it('splits a run of characters into one press each', () => {
    expect(keyPresses('jj', none).map(([i]) => i)).toEqual(['j', 'j']);
  });

  it('gives Enter, Tab, Backspace and Ctrl letters inside a run their key flags', () => {
    const presses = keyPresses('1\r\t\u007f\u0003A', none);
    expect(presses.map(([i]) => i)).toEqual(['1', '\r', '', '', 'c', 'A']);
    expect(presses[1]?.[1].return).toBe(true);
    expect(presses[2]?.[1].tab).toBe(true);
    expect(presses[3]?.[1].delete).toBe(true);
    expect(presses[4]?.[1].ctrl).toBe(true);
    expect(presses[5]?.[1].shift).toBe(true);
  });

  it('leaves a single key and a parsed special key alone', () => {
    const up = { upArrow: true };
    expect(keyPresses('', up)).toEqual([['', up]]);
    expect(keyPresses('q', none)).toEqual([['q', none]]);
  });
});

describe('keys typed fast', () => {
  it('menu: "jj" in one chunk moves twice, arrows inside a chunk too', async () => {
    const app = render(
      <Menu
        lessons={lessons}
        extras={extras}
        width={80}
        height={24}
        onSelect={vi.fn()}
        onQuit={vi.fn()}
      />,
    );
    await chunk(app, 'jj');
    expect(focusedLine(app.lastFrame())).toContain('2. Sync, async');
    await chunk(app, `k${KEY.down}${KEY.down}j`);
    expect(focusedLine(app.lastFrame())).toContain('9. Failover');
    app.unmount();
  });

  it('menu filter: a pasted word is typed letter by letter', async () => {
    const app = render(
      <Menu
        lessons={lessons}
        extras={extras}
        width={80}
        height={24}
        onSelect={vi.fn()}
        onQuit={vi.fn()}
      />,
    );
    await press(app, '/');
    await chunk(app, 'fail');
    expect(app.lastFrame()).toContain('/ fail');
    await chunk(app, '\u007f\u007f');
    expect(app.lastFrame()).toContain('/ fa');
    expect(app.lastFrame()).not.toContain('/ fai');
    app.unmount();
  });

  it('choice list: "jj" moves twice, "3" then picks', async () => {
    const onChoose = vi.fn();
    const app = render(
      <ChoiceList choices={['a', 'b', 'c', 'd']} width={40} onChoose={onChoose} />,
    );
    await chunk(app, 'jj');
    expect(focusedLine(app.lastFrame())).toContain('3. c');
    await chunk(app, 'k\r');
    expect(onChoose).toHaveBeenCalledWith(1);
    app.unmount();
  });

  it('player: "nn" steps two events', async () => {
    const driver = new LessonDriver(miniLesson(), tempStore());
    const app = render(<Player driver={driver} onBack={vi.fn()} initial={{ paused: true }} />);
    await press(app, KEY.enter);
    await press(app, 'n');
    const one = driver.runner.sim.history.length;
    await press(app, 'n');
    const perStep = driver.runner.sim.history.length - one;
    expect(perStep).toBeGreaterThan(0);
    const before = driver.runner.sim.now;
    await chunk(app, 'pp');
    // Two steps back from where we were.
    expect(driver.runner.sim.history.length).toBeLessThan(one);
    expect(driver.runner.sim.now).toBeLessThan(before);
    app.unmount();
  });

  it('drill: a number typed fast with Enter is answered whole', async () => {
    const drill = new Drill([numericQ('n', 12), choiceQ('a')], { seed: 1, startedAt: 0 });
    const app = render(
      <QuizApp
        drill={drill}
        title="Drill"
        report={{ lessonAvailable: () => false }}
        onExit={vi.fn()}
        clock={() => 0}
      />,
    );
    await chunk(app, '12\r');
    expect(flat(app.lastFrame())).toContain('✓ Correct.');
    expect(drill.results[0]?.correct).toBe(true);
    app.unmount();
  });
});
