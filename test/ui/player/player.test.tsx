// The lesson player as a user drives it, frame by frame: narration, question, hint, answer,
// feedback with counterfactuals; pause, step, step back, speed, help, diagram, restart;
// the window too small; colour off. Starts paused so only keys move the lesson.
import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LessonErrorBoundary } from '../../../src/ui/app/lesson-error.js';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { Player } from '../../../src/ui/player/player.js';
import { createTheme } from '../../../src/ui/theme/theme.js';
import { ThemeContext } from '../../../src/ui/theme/use-theme.js';
import { COLOUR_CODE, flat, frameSize } from '../frame.js';
import { KEY, press, tick, untilMatch } from '../keys.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

const savedLevel = chalk.level;
afterEach(() => {
  chalk.level = savedLevel;
});

type App = ReturnType<typeof render>;

/** The frame without bold and dim codes (chalk is forced on in the colour test). */
const plain = (frame: string) =>
  frame.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');

function resize(app: App, columns: number, rows: number): void {
  Object.defineProperty(app.stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(app.stdout, 'rows', { value: rows, configurable: true });
  app.stdout.emit('resize');
}

function setup(options: { paused?: boolean; colour?: boolean } = {}) {
  const driver = new LessonDriver(miniLesson(), tempStore());
  const onBack = vi.fn();
  const app = render(
    <ThemeContext value={createTheme(options.colour ?? true)}>
      <Player driver={driver} onBack={onBack} initial={{ paused: options.paused ?? true }} />
    </ThemeContext>,
  );
  return { app, driver, onBack };
}

/** Waits until the frame contains `text` (or times out). */
async function until(app: App, text: string | RegExp, timeout = 2_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const frame = app.lastFrame() ?? '';
    if (typeof text === 'string' ? frame.includes(text) : text.test(frame)) return frame;
    if (Date.now() - start > timeout) return frame;
    await tick(10);
  }
}

/** To the first question: continue the narration, step through the write, continue. */
async function toQuestion(app: App): Promise<string> {
  await press(app, KEY.enter);
  for (let i = 0; i < 10 && !(app.lastFrame() ?? '').includes('on its way'); i++)
    await press(app, 'n');
  return press(app, KEY.enter);
}

describe('Player', () => {
  it('shows the narration and the cluster from the first frame, within the window', () => {
    const { app } = setup();
    const frame = app.lastFrame() ?? '';
    expect(frame).toContain('Mini lesson');
    expect(frame).toContain('Welcome. Watch the cluster.');
    expect(frame).toContain('Enter ▸ continue');
    expect(frame).toContain('leader primary');
    for (const id of ['primary', 'replica-1', 'replica-2']) expect(frame).toContain(id);
    expect(frame).toContain('? help');
    // Once, where the cards' words are explained.
    expect(frame).toContain('? explains the cards: epoch, LSN, lag');
    expect(frameSize(frame).height).toBeLessThanOrEqual(23);
    expect(frameSize(frame).width).toBeLessThanOrEqual(100);
    app.unmount();
  });

  it('fits 80×24 exactly, and uses the room of a bigger window', async () => {
    const { app } = setup();
    resize(app, 80, 24);
    await tick(20);
    let frame = app.lastFrame() ?? '';
    expect(frameSize(frame)).toEqual({ width: 80, height: 23 });
    resize(app, 140, 40);
    await tick(20);
    frame = app.lastFrame() ?? '';
    expect(frameSize(frame).height).toBe(39);
    // Wide: narration and cluster side by side on the same lines.
    expect(frame).toMatch(/Welcome\. Watch the cluster\. +.*(leader primary|primary)/);
    app.unmount();
  });

  it('answers a prediction: hint, feedback with the run and why, then continues', async () => {
    const { app, driver } = setup();
    let frame = await toQuestion(app);
    expect(frame).toContain('You read from replica-2 at once. What comes back?');
    expect(frame).toMatch(/› +1\. Hello/);
    expect(frame).toContain('2. nothing');
    expect(frame).toContain('1-9 pick');
    frame = await press(app, 'h');
    expect(frame).toContain("Hint: Look at replica-2's applied LSN.");
    await press(app, '2');
    frame = await until(app, 'Points:');
    expect(frame).toContain('✓ 2. nothing (your answer)');
    expect(frame).toContain(
      '✓ Correct: read "tweet" on replica-2 → nothing (replica-2 had applied LSN 0).',
    );
    expect(frame).toContain('Why: replica-2 is 5 s behind.');
    expect(frame).toContain('Points: 1/2');
    expect(driver.runner.score).toBe(1);
    // The read is in the event log, labelled by the checkers.
    expect(flat(frame)).toMatch(/⚠ stale, read-your-writes — you read tweet = null from replica-2/);
    frame = await press(app, KEY.enter);
    expect(frame).toContain('Route your read of tweet.');
    app.unmount();
  });

  it('answers a routing choice wrongly and shows what every other node would have done', async () => {
    const { app } = setup();
    await toQuestion(app);
    await press(app, '1');
    await until(app, 'Points:');
    await press(app, ' ');
    let frame = await until(app, 'Route your read');
    // The highlighted choice's node is marked on the cluster view.
    expect(frame).toMatch(/┃ › primary +epoch 1 ┃/);
    await press(app, KEY.down);
    frame = await untilMatch(app, /┃ › replica-1 +epoch 1 ┃/);
    expect(frame).toMatch(/┃ › replica-1 +epoch 1 ┃/);
    expect(frame).not.toContain('› primary');
    await press(app, 'j');
    await press(app, KEY.enter);
    frame = await until(app, 'The other options');
    expect(frame).toContain('✗ 3. replica-2 (your answer)');
    expect(frame).toContain('✓ 1. primary');
    expect(flat(frame)).toContain(
      '✓ primary: read "tweet" on primary → "Hello" (primary had applied LSN 1)',
    );
    expect(flat(frame)).toMatch(/✗ replica-1: read "tweet" on replica-1 → nothing/);
    app.unmount();
  });

  it('steps forward one event at a time while paused, and back again', async () => {
    const { app, driver } = setup();
    await press(app, KEY.enter);
    const t0 = driver.runner.sim.now;
    let frame = await press(app, 'n');
    const h1 = driver.runner.sim.history.length;
    expect(h1).toBeGreaterThan(0);
    frame = await press(app, KEY.right);
    expect(driver.runner.sim.history.length).toBeGreaterThan(h1);
    expect(driver.runner.sim.now).toBeGreaterThan(t0);
    expect(frame).toContain('⏸ paused');
    const t = driver.runner.sim.now;
    await press(app, KEY.left);
    expect(driver.runner.sim.now).toBeLessThan(t);
    frame = await press(app, 'p');
    expect(driver.runner.sim.now).toBe(0);
    expect(frame).toContain('0.000s  epoch 1');
    app.unmount();
  });

  it('plays in wall time when not paused, and space pauses', async () => {
    const { app, driver } = setup({ paused: false });
    await press(app, KEY.enter);
    await until(app, 'on its way');
    await press(app, KEY.enter);
    await press(app, '2');
    await until(app, 'Points:');
    await press(app, KEY.enter);
    await press(app, '1');
    await until(app, 'Points:');
    await press(app, KEY.enter);
    const t = driver.runner.sim.now;
    for (let i = 0; i < 100 && driver.runner.sim.now === t; i++) await tick(10);
    expect(driver.runner.sim.now).toBeGreaterThan(t);
    let frame = await press(app, ' ');
    expect(frame).toContain('⏸ paused');
    const paused = driver.runner.sim.now;
    await tick(150);
    expect(driver.runner.sim.now).toBe(paused);
    frame = await press(app, ' ');
    expect(frame).toContain('▶ playing');
    for (let i = 0; i < 3; i++) await press(app, '+');
    // The 30 s wait is compressed (and its quiet part skipped): the quiz comes soon.
    frame = await until(app, 'Why was the first read empty?', 10_000);
    expect(frame).toContain('Why was the first read empty?');
    app.unmount();
  });

  it('changes speed with + and -, shown in the footer', async () => {
    const { app } = setup();
    let frame = await press(app, '+');
    expect(frame).toMatch(/2× *$/m);
    await press(app, '+');
    frame = await press(app, '-');
    expect(frame).toMatch(/2× *$/m);
    for (let i = 0; i < 4; i++) frame = await press(app, '-');
    expect(frame).toMatch(/0\.1× *$/m);
    app.unmount();
  });

  it('opens the help with every player key and the time-lapse rule, and closes it', async () => {
    const { app } = setup();
    let frame = await press(app, '?');
    for (const d of [
      'pause / play',
      'step back one event',
      'this moment in the sandbox',
      'faster / slower',
      'space-time diagram on / off',
      'restart the lesson',
      'pick a choice by its number',
      'show a hint',
      'older / newer lines',
      'all / faults and anomalies',
    ]) {
      expect(frame).toContain(d);
    }
    // What the cards show is explained there too.
    expect(frame).toContain('On the cards');
    expect(frame).toMatch(/epoch N +the leader's term/);
    const words = flat(frame.replace(/│/g, ' '));
    expect(words).toContain('A step longer than 6 s (a wait, a workload) plays in 6 s at 1×');
    expect(words).toContain('the clock jumps to 1 s before the next one');
    expect(frame).toContain('Ctrl-C');
    frame = await press(app, '?');
    expect(frame).toContain('Welcome');
    app.unmount();
  });

  it('toggles the space-time diagram', async () => {
    const { app } = setup();
    await press(app, KEY.enter);
    for (let i = 0; i < 6; i++) await press(app, 'n');
    let frame = await press(app, 'd');
    expect(frame).toMatch(/primary +replica-1 +replica-2/);
    expect(frame).toContain('W write');
    frame = await press(app, 'd');
    expect(frame).not.toContain('W write');
    app.unmount();
  });

  it('restarts after confirming, and not otherwise', async () => {
    const { app, driver } = setup();
    await toQuestion(app);
    let frame = await press(app, 'r');
    expect(frame).toContain('Restart this lesson from the beginning?');
    frame = await press(app, 'x');
    expect(frame).not.toContain('Restart this lesson');
    expect(frame).toContain('What comes back?');
    await press(app, 'r');
    frame = await press(app, 'y');
    expect(frame).toContain('Welcome. Watch the cluster.');
    expect(driver.runner.sim.now).toBe(0);
    app.unmount();
  });

  it('q and Esc go back', async () => {
    const { app, onBack } = setup();
    await press(app, 'q');
    await press(app, KEY.escape);
    expect(onBack).toHaveBeenCalledTimes(2);
    app.unmount();
  });

  it('asks for a bigger window below 80×24, where q still goes back', async () => {
    const { app, onBack } = setup();
    resize(app, 70, 20);
    const frame = await until(app, 'Enlarge');
    expect(frame).toContain('Enlarge the window to at least 80×24 (now 70×20)');
    await press(app, 'n');
    expect(app.lastFrame()).toContain('Enlarge');
    await press(app, 'q');
    expect(onBack).toHaveBeenCalledTimes(1);
    resize(app, 80, 24);
    expect(await until(app, 'Welcome')).toContain('Welcome');
    app.unmount();
  });

  it('with colour off prints no colour codes and keeps every label', async () => {
    chalk.level = 3;
    const { app } = setup({ colour: false });
    let frame = app.lastFrame() ?? '';
    expect(frame).not.toMatch(COLOUR_CODE);
    expect(frame).toContain('● leading');
    frame = await toQuestion(app);
    await press(app, '1');
    frame = await until(app, 'Points:');
    expect(frame).not.toMatch(COLOUR_CODE);
    expect(plain(frame)).toContain('✗ 1. Hello (your answer)');
    app.unmount();
    // The same screen with colour on does print colour codes (so the check above can fail).
    const on = setup({ colour: true });
    expect(on.app.lastFrame()).toMatch(COLOUR_CODE);
    on.app.unmount();
  });
});

describe('an engine error while playing', () => {
  it('shows one line and q goes back, instead of a stack trace', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const driver = new LessonDriver(miniLesson(), tempStore());
    driver.stepForward = () => {
      throw new Error('the simulator lost its clock');
    };
    const onBack = vi.fn();
    const app = render(
      <LessonErrorBoundary onBack={onBack}>
        <Player driver={driver} onBack={onBack} initial={{ paused: true }} />
      </LessonErrorBoundary>,
    );
    await press(app, 'n');
    const frame = await until(app, 'stopped');
    expect(frame).toContain('✗ The lesson stopped with an error: the simulator lost its clock');
    await tick(20);
    await press(app, 'q');
    expect(onBack).toHaveBeenCalled();
    app.unmount();
    quiet.mockRestore();
  });
});
