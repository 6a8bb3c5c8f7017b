// A task in the player, driven by keys: the pane shows the goal as a checklist, the command
// line takes every key (q, r, d and space are letters of commands, not player keys), a wrong
// word is refused with carets, Ctrl-T and Ctrl-G fill in hint and give up, and the task's
// verdict waits for Enter before the story goes on.
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { LessonDriver } from '../../../src/ui/player/lesson-driver.js';
import { Player } from '../../../src/ui/player/player.js';
import { createTheme } from '../../../src/ui/theme/theme.js';
import { ThemeContext } from '../../../src/ui/theme/use-theme.js';
import { frameSize } from '../frame.js';
import { KEY, press, tick, type } from '../keys.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

const LESSON = `
id: task-mini
title: Task mini
cluster:
  nodes:
    - {id: primary, role: leader}
    - {id: replica-1, role: follower, lag: 5s}
steps:
  - write: {key: tweet, value: hello}
  - id: see
    task:
      text: Read your tweet so that it shows.
      goal: {read: tweet, value: hello}
      par: {commands: 1}
      hints: [The primary has it.]
      solution: ["read tweet from primary"]
  - say: The end.
`;

type App = ReturnType<typeof render>;

function setup() {
  const driver = new LessonDriver(miniLesson(LESSON), tempStore());
  const onBack = vi.fn();
  const app = render(
    <ThemeContext value={createTheme(false)}>
      <Player driver={driver} onBack={onBack} initial={{ paused: false }} />
    </ThemeContext>,
  );
  return { app, driver, onBack };
}

async function until(app: App, text: string, timeout = 3_000): Promise<string> {
  const start = Date.now();
  for (;;) {
    const frame = app.lastFrame() ?? '';
    if (frame.includes(text) || Date.now() - start > timeout) return frame;
    await tick(10);
  }
}

describe('a task in the player', () => {
  it('takes commands at its line, with the goal as a live checklist', async () => {
    const { app, driver, onBack } = setup();
    let frame = await until(app, 'task>');
    expect(driver.phase).toBe('task');
    expect(frame).toContain('Read your tweet so that it shows.');
    expect(frame).toContain('Goal (0/1 met) · 0 commands (par 1)');
    expect(frame).toContain('✗ a read of tweet shows "hello" (now: no read of tweet yet)');
    expect(frame).toContain('^T hint');
    expect(frameSize(frame).height).toBeLessThanOrEqual(23);
    // Letters that are player keys elsewhere (q back, r restart, d diagram) are typed.
    frame = await type(app, 'read tweet from replica-9');
    expect(frame).toContain('task> read tweet from replica-9');
    expect(onBack).not.toHaveBeenCalled();
    expect(frame).not.toContain('Restart this lesson');
    frame = await press(app, KEY.enter);
    expect(frame).toContain('^^^^^^^^^');
    expect(frame).toContain('unknown node "replica-9"');
    expect(driver.task?.commands).toHaveLength(0);
    // Ctrl-U clears the line; a stale read runs and the checklist says what it showed.
    await press(app, '\u0015');
    await type(app, 'read tweet from replica-1');
    await press(app, KEY.enter);
    frame = await until(app, '(now: the newest one showed nothing');
    expect(frame).toContain('> read tweet from replica-1');
    expect(frame).toContain('Goal (0/1 met) · 1 command (par 1)');
    // Ctrl-T fills in hint; Enter shows it.
    frame = await press(app, '\u0014');
    expect(frame).toContain('task> hint');
    frame = await press(app, KEY.enter);
    expect(await until(app, 'Hint 1: The primary has it.')).toContain('Hint 1');
    await type(app, 'read tweet from primary');
    await press(app, KEY.enter);
    frame = await until(app, '✓ Goal reached');
    expect(frame).toContain('✓ Goal reached with 2 commands (par 1), over par, 1 hint used: 1/3');
    expect(frame).toContain('✓ a read of tweet shows "hello"');
    expect(frame).toContain('Enter ▸ continue');
    expect(frame).not.toContain('task>');
    await press(app, KEY.enter);
    frame = await until(app, 'Back to the story');
    expect(frame).toContain('`read tweet from primary`');
    expect(driver.runner.score).toBe(1);
    app.unmount();
  });

  it('gives up with Ctrl-G then Enter, for 0 points', async () => {
    const { app, driver } = setup();
    await until(app, 'task>');
    let frame = await press(app, '\u0007');
    expect(frame).toContain('task> give up');
    frame = await press(app, KEY.enter);
    frame = await until(app, 'You gave up');
    expect(frame).toContain('You gave up after 0 commands (par 1): 0/3 points.');
    expect(driver.runner.score).toBe(0);
    app.unmount();
  });

  it('steps back from the verdict into the running read, which plays on to the verdict', async () => {
    const { app, driver } = setup();
    await until(app, 'task>');
    await type(app, 'read tweet from primary');
    await press(app, KEY.enter);
    let frame = await until(app, '✓ Goal reached');
    expect(frame).toContain('Enter ▸ continue');
    // p steps back: the read is in flight again; the line has the keys, so nothing could
    // un-pause it: it plays on by itself, and the verdict waits again.
    const generation = driver.generation;
    await press(app, 'p');
    frame = await until(app, '✓ Goal reached');
    expect(driver.generation).toBe(generation + 1);
    expect(driver.phase).toBe('feedback');
    expect(frame).toContain('✓ Goal reached with 1 command (par 1)');
    app.unmount();
  });
});
