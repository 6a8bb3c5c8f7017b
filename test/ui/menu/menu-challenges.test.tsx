// The menu's Challenges part: every challenge with whether it passed, and — highlighted — what
// to write and the three commands (the work happens in an editor, the grading in the CLI).
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { CHALLENGE_INFO } from '../../../src/challenge/challenge-info.js';
import { Menu } from '../../../src/ui/menu/menu.js';
import { challengeItems, menuInput } from '../../../src/ui/menu/menu-items.js';
import { menuRows } from '../../../src/ui/menu/menu-state.js';
import { flat, frameLines } from '../frame.js';
import { press, type } from '../keys.js';
import { extras, lessons } from '../lessons.js';

const store = {
  lesson: () => ({ status: 'new' }) as never,
  quiz: () => ({ cards: {} }),
  challenges: () => ({
    'bounded-staleness-router': { passedAt: '2026-01-01T00:00:00Z', seeds: 1000 },
  }),
};

describe('menu: Challenges', () => {
  it('lists every challenge under its header, passed ones marked from progress', () => {
    const input = menuInput(lessons, store);
    const rows = menuRows(input, null);
    const header = rows.findIndex((r) => r.kind === 'header' && r.text.startsWith('Challenges'));
    expect(header).toBeGreaterThan(0);
    const entries = rows
      .slice(header + 1)
      .flatMap((r) =>
        r.kind === 'entry' && r.entry.kind === 'challenge' ? [r.entry.challenge] : [],
      );
    expect(entries.map((c) => c.id)).toEqual(CHALLENGE_INFO.map((c) => c.id));
    expect(entries.filter((c) => c.passed).map((c) => c.id)).toEqual(['bounded-staleness-router']);
    expect(challengeItems().every((c) => !c.passed)).toBe(true);
  });

  it('shows what to write and the three commands of the highlighted challenge', async () => {
    const app = render(
      <Menu
        lessons={lessons}
        extras={extras}
        challenges={challengeItems(store)}
        width={80}
        height={24}
        onSelect={() => {}}
        onQuit={() => {}}
      />,
    );
    await press(app, '/');
    await type(app, 'staleness');
    const frame = app.lastFrame() ?? '';
    expect(frameLines(frame).some((l) => /A router with a maximum lag\s+✓ passed/.test(l))).toBe(
      true,
    );
    const text = flat(frame);
    expect(text).toContain('no more than 500 ms behind');
    expect(text).toContain('replication-tutor challenge init bounded-staleness-router');
    expect(text).toContain(
      'replication-tutor challenge run bounded-staleness-router --policy bounded-staleness-router.mjs',
    );
    expect(text).toContain('replication-tutor challenge replay bounded-staleness-router --seed N');
    app.unmount();
  });
});
