import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../src/lesson/commands/command-context.js';
import {
  type CommandLineAction,
  type CommandLineState,
  HISTORY_LIMIT,
  initialCommandLine,
  reduceCommandLine,
  wordStart,
} from '../../../src/ui/command-line/command-line-state.js';

const CTX: CommandContext = {
  nodes: ['primary', 'replica-1', 'replica-2'],
  clients: ['you'],
  keys: ['tweet'],
  backups: [],
};

function run(state: CommandLineState, ...actions: CommandLineAction[]): CommandLineState {
  return actions.reduce(reduceCommandLine, state);
}

const typed = (text: string, history: string[] = []) =>
  run(initialCommandLine(history), { type: 'insert', text });
const tab: CommandLineAction = { type: 'complete', context: CTX };

describe('command line editing', () => {
  it('inserts at the cursor and moves it', () => {
    const s = run(typed('write hello'), { type: 'word-left' }, { type: 'insert', text: 'tweet ' });
    expect(s.text).toBe('write tweet hello');
    expect(s.cursor).toBe('write tweet '.length);
  });

  it('turns pasted line breaks and tabs into spaces and drops control characters', () => {
    expect(typed('write a\r\nb\tc\u0007').text).toBe('write a b c');
  });

  it('backspace and delete remove one character on either side, nothing at the ends', () => {
    let s = run(typed('crash'), { type: 'home' }, { type: 'backspace' });
    expect(s).toMatchObject({ text: 'crash', cursor: 0 });
    s = run(s, { type: 'delete' });
    expect(s).toMatchObject({ text: 'rash', cursor: 0 });
    s = run(s, { type: 'end' }, { type: 'delete' }, { type: 'backspace' });
    expect(s).toMatchObject({ text: 'ras', cursor: 3 });
  });

  it('moves over a surrogate pair as one character', () => {
    const s = run(typed('write k 🐘'), { type: 'left' });
    expect(s.cursor).toBe('write k '.length);
    expect(run(typed('write k 🐘'), { type: 'backspace' }).text).toBe('write k ');
  });

  it('deletes the word before the cursor, and kills to either end', () => {
    expect(run(typed('read tweet from  '), { type: 'delete-word' }).text).toBe('read tweet ');
    const mid = run(
      typed('read tweet from replica-2'),
      { type: 'word-left' },
      { type: 'word-left' },
    );
    expect(mid.cursor).toBe('read tweet '.length);
    expect(run(mid, { type: 'kill-end' }).text).toBe('read tweet ');
    expect(run(mid, { type: 'kill-start' })).toMatchObject({ text: 'from replica-2', cursor: 0 });
    expect(run(mid, { type: 'word-right' }).cursor).toBe('read tweet from'.length);
  });

  it('finds word starts across runs of spaces', () => {
    expect(wordStart('a  bc  ', 7)).toBe(3);
    expect(wordStart('abc', 0)).toBe(0);
  });
});

describe('command line history', () => {
  it('submit records the trimmed line once and empties the editor', () => {
    let s = run(typed('  crash replica-1 '), { type: 'submit' });
    expect(s).toMatchObject({ text: '', cursor: 0, history: ['crash replica-1'] });
    s = run(s, { type: 'insert', text: 'crash replica-1' }, { type: 'submit' });
    expect(s.history).toEqual(['crash replica-1']);
    s = run(s, { type: 'insert', text: '   ' }, { type: 'submit' });
    expect(s.history).toEqual(['crash replica-1']);
  });

  it('remember keeps a refused line to fix, and in the history', () => {
    const s = run(typed('crash replca-1'), { type: 'remember' });
    expect(s).toMatchObject({ text: 'crash replca-1', history: ['crash replca-1'] });
    expect(s.cursor).toBe(s.text.length);
  });

  it('up and down walk the history and keep the line being typed', () => {
    let s = run(typed('heal', ['write a 1', 'crash primary']), { type: 'history', direction: -1 });
    expect(s.text).toBe('crash primary');
    expect(s.cursor).toBe(s.text.length);
    s = run(s, { type: 'history', direction: -1 });
    expect(s.text).toBe('write a 1');
    // Past the oldest: stays.
    expect(run(s, { type: 'history', direction: -1 }).text).toBe('write a 1');
    s = run(s, { type: 'history', direction: 1 }, { type: 'history', direction: 1 });
    expect(s.text).toBe('heal');
    expect(run(s, { type: 'history', direction: 1 }).text).toBe('heal');
  });

  it('keeps edits to an old line while browsing, and forgets them after Enter', () => {
    let s = run(
      typed('', ['write a 1', 'crash primary']),
      { type: 'history', direction: -1 },
      { type: 'backspace' },
      { type: 'insert', text: 'x' },
      { type: 'history', direction: -1 },
      { type: 'history', direction: 1 },
    );
    expect(s.text).toBe('crash primarx');
    s = run(s, { type: 'submit' });
    expect(s.history).toEqual(['write a 1', 'crash primary', 'crash primarx']);
    s = run(s, { type: 'history', direction: -1 }, { type: 'history', direction: -1 });
    expect(s.text).toBe('crash primary');
  });

  it(`keeps the last ${HISTORY_LIMIT} lines`, () => {
    let s = initialCommandLine();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) {
      s = run(s, { type: 'insert', text: `wait ${i}s` }, { type: 'submit' });
    }
    expect(s.history).toHaveLength(HISTORY_LIMIT);
    expect(s.history[0]).toBe('wait 5s');
  });
});

describe('command line completion', () => {
  it('a single candidate is filled in with its space', () => {
    const s = run(typed('cra'), tab);
    expect(s).toMatchObject({ text: 'crash ', cursor: 6 });
    expect(s.menu).toBeUndefined();
  });

  it('fills the common prefix first and lists the candidates', () => {
    const s = run(typed('crash rep'), tab);
    expect(s.text).toBe('crash replica-');
    expect(s.menu?.candidates).toEqual(['replica-1', 'replica-2']);
    expect(s.menu?.index).toBe(-1);
  });

  it('Tab again cycles through the candidates, Shift-Tab back', () => {
    let s = run(typed('crash '), tab);
    expect(s.text).toBe('crash ');
    expect(s.menu?.candidates).toEqual(['primary', 'replica-1', 'replica-2']);
    s = run(s, tab);
    expect(s).toMatchObject({ text: 'crash primary', cursor: 13 });
    s = run(s, tab, tab);
    expect(s.text).toBe('crash replica-2');
    s = run(s, tab);
    expect(s.text).toBe('crash primary');
    s = run(s, { type: 'complete', context: CTX, direction: -1 });
    expect(s.text).toBe('crash replica-2');
    expect(s.menu?.index).toBe(2);
  });

  it('completes in the middle of a line, keeping what follows', () => {
    const line = 'read tweet from rep as you';
    const left: CommandLineAction = { type: 'word-left' };
    const s = run(typed(line), left, left, left, { type: 'word-right' }, tab, tab);
    expect(s.text).toBe('read tweet from replica-1 as you');
    expect(s.cursor).toBe('read tweet from replica-1'.length);
  });

  it('any other action closes the list and keeps the candidate chosen', () => {
    const s = run(typed('crash '), tab, tab, { type: 'insert', text: ' ' });
    expect(s.text).toBe('crash primary ');
    expect(s.menu).toBeUndefined();
    // The next Tab starts over from the new word.
    expect(run(s, tab).noCompletion).toBe(true);
  });

  it('says when there is nothing to complete and changes nothing', () => {
    const s = run(typed('frobnicate '), tab);
    expect(s.text).toBe('frobnicate ');
    expect(s.noCompletion).toBe(true);
    expect(run(s, { type: 'left' }).noCompletion).toBeUndefined();
  });
});
