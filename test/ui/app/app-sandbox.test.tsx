// The sandbox inside the app: the menu's entry opens the preset picker, then the sandbox;
// leaving returns to the menu. In the player, s opens the lesson's moment in the sandbox
// and leaving returns to the lesson where it was.
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { App, type ExitReason, loadedCatalog } from '../../../src/ui/app/app.js';
import { KEY, press, type, until } from '../keys.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

function setup(start = false) {
  const lesson = miniLesson();
  const onExit = vi.fn<(reason: ExitReason) => void>();
  const app = render(
    <App
      catalog={loadedCatalog([lesson])}
      store={tempStore()}
      start={start ? { lesson } : undefined}
      onExit={onExit}
      player={{ initial: { paused: true } }}
      sandbox={{ initial: { paused: true } }}
    />,
  );
  return { app, onExit };
}

describe('the sandbox in the app', () => {
  it('menu → Sandbox → a preset → the sandbox → q → the menu', async () => {
    const { app, onExit } = setup();
    await press(app, '/');
    await type(app, 'sandbox');
    await press(app, KEY.enter);
    let frame = await until(app, 'Pick the cluster');
    expect(frame).toContain('three-node-async');
    expect(frame).toContain('five-node-quorum-failover');
    await press(app, '3');
    frame = await until(app, 'Sandbox · preset cascade');
    expect(frame).toContain('replica-3');
    await press(app, KEY.escape);
    frame = await press(app, 'q');
    expect(frame).toContain('Mini lesson');
    expect(frame).toContain('Sandbox');
    expect(onExit).not.toHaveBeenCalled();
    app.unmount();
  });

  it('q in the picker goes back to the menu', async () => {
    const { app } = setup();
    await press(app, '/');
    await type(app, 'sandbox');
    await press(app, KEY.enter);
    await until(app, 'Pick the cluster');
    const frame = await press(app, 'q');
    expect(frame).toContain('Mini lesson');
    app.unmount();
  });

  it('s in the player opens this moment; leaving returns to the lesson where it was', async () => {
    const { app, onExit } = setup(true);
    await until(app, 'Welcome');
    await press(app, KEY.enter);
    await press(app, 'n');
    let frame = await press(app, 'n');
    const step = /step (\d+)\/(\d+)/.exec(frame)?.[0];
    expect(step).toBeDefined();
    frame = await press(app, 's');
    frame = await until(app, 'Sandbox · lesson mini');
    expect(frame).toMatch(/lesson mini\S* at step \d+/);
    await type(app, 'crash replica-1');
    await press(app, KEY.enter);
    await press(app, KEY.escape);
    frame = await press(app, 'q');
    expect(frame).toContain('Leave the sandbox?');
    frame = await press(app, 'y');
    frame = await until(app, step!);
    expect(frame).toContain(step);
    expect(frame).toContain('tweet = "Hello"');
    expect(onExit).not.toHaveBeenCalled();
    app.unmount();
  });
});
