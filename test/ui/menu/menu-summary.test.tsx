// The highlighted entry's description under the menu: whole when it fits (the list gives up
// rows it does not need), else cut at a word with "…", never mid-sentence without a mark.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Menu } from '../../../src/ui/menu/menu.js';
import { clipLines, layoutMarkdown, spansText } from '../../../src/ui/text/markdown.js';
import { textWidth } from '../../../src/ui/text/text.js';
import { flat, frameLines, frameSize } from '../frame.js';
import { extras, lessons } from '../lessons.js';

const GITLAB =
  'Be the on-call engineer the night GitLab.com’s secondary fell behind, replication broke, and a wipe meant for the secondary hit the primary. Pick the host for every command.';

describe('menu description', () => {
  it('shows a three-line description whole at 80×24', () => {
    // The highlighted entry is Continue (lost-tweet): it gets the long description.
    const withLong = lessons.map((l) => (l.id === 'lost-tweet' ? { ...l, summary: GITLAB } : l));
    const app = render(
      <Menu
        lessons={withLong}
        extras={extras}
        width={80}
        height={23}
        onSelect={() => {}}
        onQuit={() => {}}
      />,
    );
    const frame = app.lastFrame() ?? '';
    expect(flat(frame)).toContain('hit the primary. Pick the host for every command.');
    expect(frame).not.toContain('…');
    expect(frameSize(frame)).toEqual({ width: 80, height: 23 });
    app.unmount();
  });

  it('ends a description too long for its rows with an ellipsis', () => {
    const long = Array.from({ length: 12 }, (_, i) => `Sentence number ${i + 1} is here.`).join(
      ' ',
    );
    const withLong = lessons.map((l) => (l.id === 'lost-tweet' ? { ...l, summary: long } : l));
    const app = render(
      <Menu
        lessons={withLong}
        extras={extras}
        width={80}
        height={23}
        onSelect={() => {}}
        onQuit={() => {}}
      />,
    );
    const lines = frameLines(app.lastFrame());
    const rule = lines.findIndex((l) => l.startsWith('───'));
    const description = lines.slice(rule + 1, -1).filter((l) => l.trim() !== '');
    expect(description.length).toBeGreaterThan(2);
    expect(description.at(-1)).toMatch(/\S…$/);
    app.unmount();
  });

  it('gives the list its rows first in a short window: two lines of description, then …', () => {
    const withLong = lessons.map((l) => (l.id === 'lost-tweet' ? { ...l, summary: GITLAB } : l));
    const app = render(
      <Menu
        lessons={withLong}
        extras={extras}
        width={80}
        height={14}
        onSelect={() => {}}
        onQuit={() => {}}
      />,
    );
    const lines = frameLines(app.lastFrame());
    expect(lines).toHaveLength(14);
    const rule = lines.findIndex((l) => l.startsWith('───'));
    expect(lines.slice(rule + 1, -1)).toHaveLength(2);
    expect(lines[rule + 2]).toMatch(/…$/);
    app.unmount();
  });
});

describe('clipLines', () => {
  it('keeps lines that fit and marks a cut with … within the width', () => {
    const lines = layoutMarkdown('one two three four five six seven eight nine ten', 12);
    expect(clipLines(lines, 10, 12)).toEqual(lines);
    const cut = clipLines(lines, 2, 12);
    expect(cut).toHaveLength(2);
    const last = spansText(cut[1] ?? []);
    expect(last.endsWith('…')).toBe(true);
    expect(textWidth(last)).toBeLessThanOrEqual(12);
  });
});
