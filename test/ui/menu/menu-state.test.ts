import { describe, expect, it } from 'vitest';
import {
  continueEntry,
  entryTitle,
  highlighted,
  INITIAL_MENU,
  type MenuAction,
  type MenuInput,
  type MenuState,
  matchesFilter,
  menuRows,
  reduceMenu,
  selectableEntries,
} from '../../../src/ui/menu/menu-state.js';
import { extras, lessons } from '../lessons.js';

const input: MenuInput = { lessons, extras };

function run(actions: MenuAction[], from: MenuState = INITIAL_MENU, inp = input): MenuState {
  return actions.reduce((s, a) => reduceMenu(s, a, inp), from);
}

const titles = (inp: MenuInput, filter: string | null) =>
  selectableEntries(menuRows(inp, filter)).map(entryTitle);

describe('menu rows', () => {
  it('starts with Continue, then lessons grouped by part in order, then the extras', () => {
    const rows = menuRows(input, null);
    expect(rows.map((r) => (r.kind === 'header' ? `# ${r.text}` : entryTitle(r.entry)))).toEqual([
      'Continue: The Lost Tweet (step 3)',
      '# Part 1 — Leaders and followers',
      '1. Why replicate',
      '2. Sync, async, semi-sync',
      '3. The Lost Tweet',
      '# Part 2 — When the leader fails',
      '9. Failover',
      '10. GitHub, 2012',
      '# Practice',
      'Quiz drill',
      'Sandbox',
    ]);
  });

  it('makes disabled extras unselectable and leaves absent ones out', () => {
    expect(titles(input, null)).not.toContain('Sandbox');
    expect(titles(input, null)).toContain('Quiz drill');
    expect(
      menuRows({ lessons }, null).some((r) => r.kind === 'header' && r.text === 'Practice'),
    ).toBe(false);
  });

  it('continues the last played lesson when it is in progress, else the first in progress', () => {
    expect(continueEntry({ lessons, lastPlayedId: 'github-2012' })).toMatchObject({
      lesson: { id: 'github-2012' },
      step: 1,
    });
    expect(continueEntry({ lessons, lastPlayedId: 'why-replicate' })?.kind).toBe('continue');
    expect(continueEntry({ lessons, lastPlayedId: 'why-replicate' })).toMatchObject({
      lesson: { id: 'lost-tweet' },
    });
    const fresh = lessons.map((l) => ({ ...l, status: 'new' as const }));
    expect(continueEntry({ lessons: fresh })).toBeUndefined();
    expect(menuRows({ lessons: fresh }, null)[0]).toMatchObject({ kind: 'header' });
  });
});

describe('filter', () => {
  it('narrows by every word, case-insensitively, over title, id and part', () => {
    expect(titles(input, 'LOST')).toEqual(['3. The Lost Tweet']);
    expect(titles(input, 'leader fails')).toEqual(['9. Failover', '10. GitHub, 2012']);
    expect(titles(input, 'github-2012')).toEqual(['10. GitHub, 2012']);
    expect(titles(input, 'quiz')).toEqual(['Quiz drill']);
    expect(titles(input, 'zzz')).toEqual([]);
  });

  it('hides Continue while filtering, but not for an empty filter', () => {
    expect(titles(input, 'tweet')).toEqual(['3. The Lost Tweet']);
    expect(titles(input, '')[0]).toMatch(/^Continue/);
  });

  it('is typed, erased and cleared by actions, resetting the cursor', () => {
    let s = run([{ type: 'move', delta: 2 }, { type: 'start-filter' }]);
    expect(s).toMatchObject({ filter: '', cursor: 0 });
    s = run(
      [
        { type: 'type', text: 'f' },
        { type: 'type', text: 'a' },
        { type: 'move', delta: 1 },
      ],
      s,
    );
    expect(s).toMatchObject({ filter: 'fa', cursor: 1 });
    s = run([{ type: 'erase' }], s);
    expect(s).toMatchObject({ filter: 'f', cursor: 0 });
    s = run([{ type: 'clear-filter' }], s);
    expect(s).toMatchObject({ filter: null, cursor: 0 });
  });

  it('matches entries with the words of an extra kind', () => {
    expect(matchesFilter({ kind: 'sandbox', item: { kind: 'sandbox' } }, 'sand')).toBe(true);
  });
});

describe('cursor', () => {
  it('moves over selectable entries and wraps at both ends', () => {
    const count = titles(input, null).length;
    expect(count).toBe(7);
    expect(highlighted(input, run([{ type: 'move', delta: -1 }]))).toMatchObject({ kind: 'quiz' });
    expect(run([{ type: 'move', delta: -1 }]).cursor).toBe(count - 1);
    expect(
      run(Array.from({ length: count }, () => ({ type: 'move', delta: 1 }) as const)).cursor,
    ).toBe(0);
  });

  it('highlights within the filtered list', () => {
    const s = run([
      { type: 'start-filter' },
      { type: 'type', text: 'fail' },
      { type: 'move', delta: 1 },
    ]);
    expect(highlighted(input, s)).toMatchObject({ kind: 'lesson', lesson: { id: 'github-2012' } });
  });

  it('clamps a cursor left beyond a shorter list, and has nothing when nothing matches', () => {
    expect(highlighted(input, { cursor: 99, filter: null, help: false })).toMatchObject({
      kind: 'quiz',
    });
    expect(highlighted(input, { cursor: 0, filter: 'zzz', help: false })).toBeUndefined();
    expect(
      run([{ type: 'move', delta: 1 }], { cursor: 0, filter: 'zzz', help: false }).cursor,
    ).toBe(0);
  });
});
