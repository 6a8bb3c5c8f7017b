// The app shell: the menu from lessons and saved progress, Enter starts the player, q goes
// back to the menu and quits from there, Ctrl-C quits from anywhere with its own reason.
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { App, type ExitReason, loadedCatalog } from '../../../src/ui/app/app.js';
import { menuInput } from '../../../src/ui/menu/menu-items.js';
import { KEY, press, tick, until } from '../keys.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

function setup(start = false) {
  const lesson = miniLesson();
  const store = tempStore();
  const onExit = vi.fn<(reason: ExitReason) => void>();
  const app = render(
    <App
      catalog={loadedCatalog([lesson])}
      store={store}
      start={start ? { lesson } : undefined}
      onExit={onExit}
      player={{ initial: { paused: true } }}
    />,
  );
  return { app, onExit, store };
}

describe('App', () => {
  it('shows the menu with the lesson, its part, the drill, the review and the sandbox', () => {
    const { app } = setup();
    const frame = app.lastFrame() ?? '';
    expect(frame).toContain('More lessons');
    expect(frame).toMatch(/› +Mini lesson +○ new +3 min/);
    expect(frame).toMatch(/ {4}Quiz drill\s*\n/);
    expect(frame).toMatch(/Review +nothing due/);
    expect(frame).toMatch(/ {4}Sandbox\s*\n/);
    expect(frame).not.toContain('coming soon');
    app.unmount();
  });

  it('menu → lesson → q back to the menu (now in progress, Continue first) → q quits', async () => {
    const { app, onExit } = setup();
    await press(app, KEY.enter);
    let frame = await until(app, 'Welcome');
    expect(frame).toContain('Welcome. Watch the cluster.');
    await press(app, KEY.enter);
    frame = await press(app, 'q');
    expect(frame).toMatch(/› +▶ Continue: Mini lesson \(step \d+\)/);
    expect(frame).toContain('◐ in progress');
    expect(onExit).not.toHaveBeenCalled();
    // Continue resumes where the learner was.
    await press(app, KEY.enter);
    frame = await until(app, 'on its way');
    expect(frame).toContain('The write is on its way');
    await press(app, 'q');
    await press(app, 'q');
    expect(onExit).toHaveBeenCalledWith('quit');
    app.unmount();
  });

  it('Ctrl-C quits from the player with its own reason', async () => {
    const { app, onExit } = setup();
    await press(app, KEY.enter);
    await until(app, 'Welcome');
    app.stdin.write('\u0003');
    await tick(20);
    expect(onExit).toHaveBeenCalledWith('interrupt');
    app.unmount();
  });

  it('a lesson started directly quits on q', async () => {
    const { app, onExit } = setup(true);
    expect(await until(app, 'Welcome')).toContain('Welcome');
    await press(app, 'q');
    expect(onExit).toHaveBeenCalledWith('quit');
    app.unmount();
  });

  it('says the window is too small for the menu, and q still quits', async () => {
    const { app, onExit } = setup();
    Object.defineProperty(app.stdout, 'columns', { value: 50, configurable: true });
    app.stdout.emit('resize');
    await tick(20);
    expect(app.lastFrame()).toContain('Enlarge the window to at least 80×24 (now 50×24)');
    await press(app, 'q');
    expect(onExit).toHaveBeenCalledWith('quit');
    app.unmount();
  });
});

describe('App on a first run (the store opens after the first frame)', () => {
  function deferred() {
    const lesson = miniLesson();
    const store = tempStore();
    let resolve: (s: typeof store) => void = () => {};
    const opening = new Promise<typeof store>((r) => {
      resolve = r;
    });
    const openStore = vi.fn(() => opening);
    const onExit = vi.fn<(reason: ExitReason) => void>();
    const app = render(
      <App
        catalog={loadedCatalog([lesson])}
        openStore={openStore}
        onExit={onExit}
        player={{ initial: { paused: true } }}
      />,
    );
    return { app, store, openStore, open: () => resolve(store) };
  }

  it('draws the menu at once, and a lesson picked early starts, saved, once the store is open', async () => {
    const { app, store, openStore, open } = deferred();
    expect(app.lastFrame()).toMatch(/› +Mini lesson +○ new/);
    await tick(20);
    expect(openStore).toHaveBeenCalledTimes(1);
    await press(app, KEY.enter);
    // The lessons wait for the store: nothing can be played unsaved.
    expect(app.lastFrame()).not.toContain('Welcome');
    expect(store.lesson('mini')?.status ?? 'new').toBe('new');
    open();
    await until(app, 'Welcome');
    expect(store.lesson('mini')?.status).toBe('in-progress');
    app.unmount();
  });

  it('the drill, picked early, waits for the store too', async () => {
    const { app, open } = deferred();
    await press(app, 'j');
    expect(app.lastFrame()).toMatch(/› +Quiz drill/);
    await press(app, KEY.enter);
    await tick(300);
    expect(app.lastFrame()).toContain('Loading the drill');
    open();
    await until(app, 'answered');
    app.unmount();
  });
});

describe('menuInput', () => {
  it('reads status, best score and the step to resume from progress', () => {
    const lesson = miniLesson();
    const store = tempStore();
    expect(menuInput([lesson], store).lessons[0]).toMatchObject({
      id: 'mini',
      status: 'new',
      order: 101,
    });
    store.startLesson('mini', { max: 6 });
    store.recordStep('mini', 4, 'c1');
    const input = menuInput([lesson], store);
    expect(input.lessons[0]).toMatchObject({ status: 'in-progress', step: 5 });
    expect(input.lastPlayedId).toBe('mini');
    store.finishLesson('mini', 4, 6);
    expect(menuInput([lesson], store).lessons[0]).toMatchObject({
      status: 'done',
      bestScore: 4,
      max: 6,
    });
  });
});
