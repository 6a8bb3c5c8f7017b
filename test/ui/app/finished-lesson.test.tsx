// Opening a finished lesson again (to look, or to replay it) leaves it finished with its
// best score until the learner answers something; then it is a new attempt in progress, and
// the menu still shows the best score.
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { App, type ExitReason, loadedCatalog } from '../../../src/ui/app/app.js';
import { KEY, press, until } from '../keys.js';
import { miniLesson, tempStore } from '../mini-lesson.js';

function finished() {
  const lesson = miniLesson();
  const store = tempStore();
  store.startLesson('mini', { max: 6 });
  store.recordAnswer('mini', 'p1', 3, '1', { scoreDelta: 2 });
  store.finishLesson('mini', 4, 6);
  const app = render(
    <App
      catalog={loadedCatalog([lesson])}
      store={store}
      onExit={vi.fn<(reason: ExitReason) => void>()}
      player={{ initial: { paused: true } }}
    />,
  );
  return { app, store };
}

const menuLine = (frame: string) => frame.split('\n').find((l) => l.includes('Mini lesson')) ?? '';

describe('a finished lesson opened again', () => {
  it('stays done with its best score when left without answering', async () => {
    const { app, store } = finished();
    expect(menuLine(app.lastFrame() ?? '')).toMatch(/Mini lesson +● done +best 4\/6 +3 min/);
    await press(app, KEY.enter);
    await until(app, 'Welcome');
    // Reading on and stepping through changes nothing saved.
    await press(app, KEY.enter);
    for (let i = 0; i < 5; i++) await press(app, 'n');
    expect(store.lesson('mini')).toMatchObject({ status: 'done', best: { score: 4, max: 6 } });
    const frame = await press(app, 'q');
    expect(menuLine(frame)).toMatch(/● done +best 4\/6/);
    expect(frame).not.toContain('Continue:');
    app.unmount();
  });

  it('restarting it (r, y) changes nothing saved either', async () => {
    const { app, store } = finished();
    await press(app, KEY.enter);
    await until(app, 'Welcome');
    await press(app, 'r');
    await press(app, 'y');
    expect(store.lesson('mini').status).toBe('done');
    app.unmount();
  });

  it('becomes a new attempt in progress with its first answer, the best score still shown', async () => {
    const { app, store } = finished();
    await press(app, KEY.enter);
    await until(app, 'Welcome');
    await press(app, KEY.enter);
    for (let i = 0; i < 10 && !(app.lastFrame() ?? '').includes('on its way'); i++)
      await press(app, 'n');
    await press(app, KEY.enter);
    await press(app, '2');
    expect(store.lesson('mini')).toMatchObject({
      status: 'in-progress',
      best: { score: 4, max: 6 },
    });
    expect(store.lesson('mini').answers.map((a) => a.step)).toEqual(['p1']);
    const frame = await press(app, 'q');
    expect(menuLine(frame)).toMatch(/◐ in progress +best 4\/6/);
    expect(frame).toMatch(/▶ Continue: Mini lesson/);
    app.unmount();
  });
});
