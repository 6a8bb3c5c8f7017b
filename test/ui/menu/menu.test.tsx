import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { Menu } from '../../../src/ui/menu/menu.js';
import type { MenuEntry } from '../../../src/ui/menu/menu-state.js';
import { createTheme } from '../../../src/ui/theme/theme.js';
import { ThemeContext } from '../../../src/ui/theme/use-theme.js';
import { frameLines, frameSize } from '../frame.js';
import { KEY, press, type } from '../keys.js';
import { extras, lessons } from '../lessons.js';

function setup(height = 24, width = 80) {
  const onSelect = vi.fn<(entry: MenuEntry) => void>();
  const onQuit = vi.fn();
  const app = render(
    <Menu
      lessons={lessons}
      extras={extras}
      width={width}
      height={height}
      onSelect={onSelect}
      onQuit={onQuit}
    />,
  );
  return { app, onSelect, onQuit };
}

const focusedLine = (frame: string) => frameLines(frame).find((l) => l.startsWith('›')) ?? '';

describe('Menu', () => {
  it('lists Continue first, parts as headings, statuses with glyph and label', () => {
    const { app } = setup();
    const frame = app.lastFrame() ?? '';
    const lines = frameLines(frame);
    expect(lines[1]).toMatch(/^› +▶ Continue: The Lost Tweet \(step 3\)/);
    expect(frame).toContain('Part 1 — Leaders and followers');
    expect(frame).toMatch(/1\. Why replicate +● done +best 8\/10 +8 min/);
    expect(frame).toMatch(/2\. Sync, async, semi-sync +○ new/);
    expect(frame).toMatch(/3\. The Lost Tweet +◐ in progress/);
    expect(frame).toMatch(/Sandbox +coming soon/);
    expect(frame).toContain('Read-your-writes: a tweet vanishes');
    expect(frameSize(frame)).toEqual({ width: 80, height: 24 });
    app.unmount();
  });

  it('moves with j/k and arrows, and Enter selects the highlighted lesson', async () => {
    const { app, onSelect } = setup();
    await press(app, 'j');
    expect(focusedLine(app.lastFrame() ?? '')).toContain('1. Why replicate');
    await press(app, KEY.down);
    await press(app, KEY.down);
    await press(app, 'k');
    expect(focusedLine(app.lastFrame() ?? '')).toContain('2. Sync, async');
    expect(app.lastFrame()).toContain('The $10,000 transfer');
    await press(app, KEY.enter);
    expect(onSelect).toHaveBeenCalledTimes(1);
    expect(onSelect.mock.calls[0]?.[0]).toMatchObject({
      kind: 'lesson',
      lesson: { id: 'sync-async' },
    });
    app.unmount();
  });

  it('selects the Continue entry with its step', async () => {
    const { app, onSelect } = setup();
    await press(app, KEY.enter);
    expect(onSelect.mock.calls[0]?.[0]).toMatchObject({
      kind: 'continue',
      lesson: { id: 'lost-tweet' },
      step: 3,
    });
    app.unmount();
  });

  it('skips a disabled entry when wrapping upwards', async () => {
    const { app } = setup();
    await press(app, KEY.up);
    expect(focusedLine(app.lastFrame() ?? '')).toContain('Quiz drill');
    app.unmount();
  });

  it('filters as you type, Enter starts the highlighted match, Esc clears', async () => {
    const { app, onSelect, onQuit } = setup();
    await press(app, '/');
    let frame = await type(app, 'fail');
    expect(frame).toContain('/ fail');
    expect(frame).toContain('2 matches');
    expect(frame).toContain('9. Failover');
    expect(frame).not.toContain('Why replicate');
    expect(frame).not.toContain('Continue:');
    // Letters are text while filtering: q and j do not quit or move.
    frame = await press(app, 'q');
    expect(onQuit).not.toHaveBeenCalled();
    expect(frame).toContain('No lesson matches the filter.');
    frame = await press(app, KEY.backspace);
    expect(frame).toContain('9. Failover');
    await press(app, KEY.down);
    await press(app, KEY.enter);
    expect(onSelect.mock.calls[0]?.[0]).toMatchObject({ lesson: { id: 'github-2012' } });
    frame = await press(app, KEY.escape);
    expect(frame).not.toContain('/ fail');
    expect(frame).toContain('Why replicate');
    app.unmount();
  });

  it('q and Esc quit', async () => {
    const { app, onQuit } = setup();
    await press(app, 'q');
    expect(onQuit).toHaveBeenCalledTimes(1);
    await press(app, KEY.escape);
    expect(onQuit).toHaveBeenCalledTimes(2);
    app.unmount();
  });

  it('opens the key help with ? and closes it again', async () => {
    const { app, onQuit } = setup();
    let frame = await press(app, '?');
    expect(frame).toContain('filter lessons by typing');
    frame = await press(app, KEY.escape);
    expect(onQuit).not.toHaveBeenCalled();
    expect(frame).toContain('Why replicate');
    app.unmount();
  });

  it('scrolls a long list to keep the highlight in view within the height', async () => {
    const { app } = setup(12);
    for (let i = 0; i < 6; i++) await press(app, 'j');
    const frame = app.lastFrame() ?? '';
    expect(focusedLine(frame)).toContain('Quiz drill');
    expect(frame).toContain('↑ more');
    expect(frameSize(frame).height).toBe(12);
    app.unmount();
  });

  it('handles two keys written in one tick', async () => {
    const { app } = setup();
    app.stdin.write('j');
    app.stdin.write('j');
    await press(app, 'j');
    expect(focusedLine(app.lastFrame() ?? '')).toContain('3. The Lost Tweet');
    app.unmount();
  });

  it('keeps the status labels with colour off', () => {
    const app = render(
      <ThemeContext value={createTheme(false)}>
        <Menu
          lessons={lessons}
          extras={extras}
          width={80}
          height={24}
          onSelect={() => {}}
          onQuit={() => {}}
        />
      </ThemeContext>,
    );
    const frame = app.lastFrame() ?? '';
    for (const label of ['○ new', '◐ in progress', '● done', 'best 8/10'])
      expect(frame).toContain(label);
    app.unmount();
  });
});
