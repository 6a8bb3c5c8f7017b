// A one-line command editor as data: the text and cursor, editing, the history (with the
// line being typed kept while older ones are looked at, and edits to them kept until Enter,
// as readline does) and Tab completion from the command language. Pure: the key hook
// dispatches, the view renders, a screen that owns its keys can drive it with the same
// actions.
import type { CommandContext } from '../../lesson/commands/command-context.js';
import { complete } from '../../lesson/commands/complete.js';

/** Lines kept in the history at most (the oldest go first). */
export const HISTORY_LIMIT = 200;

/** The candidates of the last Tab, while Tab is pressed again. */
export interface CompletionMenu {
  candidates: readonly string[];
  /** The line around the word being completed. */
  before: string;
  after: string;
  /** Which candidate is in the line now; -1 before the second Tab. */
  index: number;
}

export interface CommandLineState {
  text: string;
  /** Index into `text` (UTF-16 units), 0…text.length. */
  cursor: number;
  /** Lines entered, oldest first. */
  history: readonly string[];
  /** Which history line is shown: history.length is the line being typed. */
  browsing: number;
  /** Lines edited while browsing (the one being typed too), by position. */
  edits: Readonly<Record<number, string>>;
  /** Set after a Tab that found several candidates; any other action clears it. */
  menu?: CompletionMenu;
  /** The last Tab found nothing to offer (the view may say so). */
  noCompletion?: boolean;
}

export type CommandLineAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'delete-word' }
  | { type: 'kill-start' }
  | { type: 'kill-end' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'word-left' }
  | { type: 'word-right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'history'; direction: -1 | 1 }
  | { type: 'complete'; context: CommandContext; direction?: 1 | -1 }
  | { type: 'close-menu' }
  | { type: 'set'; text: string }
  /** Enter: the line goes into the history and the editor empties. */
  | { type: 'submit' }
  /** Enter on a line the screen refused: into the history, but kept to be fixed. */
  | { type: 'remember' };

export function initialCommandLine(history: readonly string[] = []): CommandLineState {
  const kept = history.slice(-HISTORY_LIMIT);
  return { text: '', cursor: 0, history: kept, browsing: kept.length, edits: {} };
}

/** Index of the character boundary before `i` (a surrogate pair is one character). */
function prevIndex(text: string, i: number): number {
  if (i <= 0) return 0;
  const low = text.charCodeAt(i - 1);
  return i >= 2 && low >= 0xdc00 && low <= 0xdfff ? i - 2 : i - 1;
}

function nextIndex(text: string, i: number): number {
  if (i >= text.length) return text.length;
  const high = text.charCodeAt(i);
  return high >= 0xd800 && high <= 0xdbff && i + 1 < text.length ? i + 2 : i + 1;
}

const isSpace = (ch: string | undefined) => ch === ' ';

/** Start of the word before the cursor (words end at spaces), as Ctrl-W and Alt-B see it. */
export function wordStart(text: string, cursor: number): number {
  let i = cursor;
  while (i > 0 && isSpace(text[i - 1])) i--;
  while (i > 0 && !isSpace(text[i - 1])) i--;
  return i;
}

export function wordEnd(text: string, cursor: number): number {
  let i = cursor;
  while (i < text.length && isSpace(text[i])) i++;
  while (i < text.length && !isSpace(text[i])) i++;
  return i;
}

function edit(state: CommandLineState, text: string, cursor: number): CommandLineState {
  const { menu: _menu, noCompletion: _none, ...rest } = state;
  return { ...rest, text, cursor: Math.max(0, Math.min(cursor, text.length)) };
}

function move(state: CommandLineState, cursor: number): CommandLineState {
  return edit(state, state.text, cursor);
}

/** Line `i` of the history as last seen (an edit made while browsing, or the original). */
function lineAt(state: CommandLineState, i: number): string {
  return state.edits[i] ?? (i === state.history.length ? '' : (state.history[i] ?? ''));
}

function browse(state: CommandLineState, direction: -1 | 1): CommandLineState {
  const to = state.browsing + direction;
  if (to < 0 || to > state.history.length) return state;
  // The line as left is kept (an edit of an old line, or the line being typed).
  const edits: Record<number, string> = { ...state.edits };
  const original = state.browsing === state.history.length ? '' : state.history[state.browsing];
  if (state.text === original) delete edits[state.browsing];
  else edits[state.browsing] = state.text;
  const next = { ...state, edits, browsing: to };
  const text = lineAt(next, to);
  return edit(next, text, text.length);
}

function completeWord(
  state: CommandLineState,
  context: CommandContext,
  direction: 1 | -1,
): CommandLineState {
  const menu = state.menu;
  if (menu && menu.candidates.length > 0) {
    // Tab again: put the next candidate in the line.
    const n = menu.candidates.length;
    const index =
      menu.index < 0 ? (direction > 0 ? 0 : n - 1) : (((menu.index + direction) % n) + n) % n;
    const word = menu.candidates[index]!;
    return {
      ...state,
      text: menu.before + word + menu.after,
      cursor: menu.before.length + word.length,
      menu: { ...menu, index },
    };
  }
  const { text, cursor } = state;
  const c = complete(text, context, cursor);
  const before = text.slice(0, c.from);
  const after = text.slice(c.to);
  const typed = text.slice(c.from, c.to);
  if (c.candidates.length === 0) return { ...edit(state, text, cursor), noCompletion: true };
  if (c.candidates.length === 1) {
    const word = c.candidates[0]!;
    // A finished word gets its space, as a shell does, unless one follows already.
    const space = after.startsWith(' ') ? '' : ' ';
    const filled = before + word + space;
    return edit(state, filled + after, filled.length);
  }
  const grown =
    c.common.length > typed.length && c.common.toLowerCase().startsWith(typed.toLowerCase());
  const word = grown ? c.common : typed;
  return {
    ...edit(state, before + word + after, before.length + word.length),
    menu: { candidates: c.candidates, before, after, index: -1 },
  };
}

function remembered(state: CommandLineState): readonly string[] {
  const line = state.text.trim();
  if (line === '' || state.history[state.history.length - 1] === line) return state.history;
  return [...state.history, line].slice(-HISTORY_LIMIT);
}

export function reduceCommandLine(
  state: CommandLineState,
  action: CommandLineAction,
): CommandLineState {
  const { text, cursor } = state;
  switch (action.type) {
    case 'insert': {
      // Pasted line breaks and tabs are spaces: the line is one command.
      const typed = action.text.replace(/[\r\n\t]+/g, ' ').replace(/\p{Cc}/gu, '');
      if (typed === '') return state;
      return edit(state, text.slice(0, cursor) + typed + text.slice(cursor), cursor + typed.length);
    }
    case 'backspace': {
      const from = prevIndex(text, cursor);
      return edit(state, text.slice(0, from) + text.slice(cursor), from);
    }
    case 'delete':
      return edit(state, text.slice(0, cursor) + text.slice(nextIndex(text, cursor)), cursor);
    case 'delete-word': {
      const from = wordStart(text, cursor);
      return edit(state, text.slice(0, from) + text.slice(cursor), from);
    }
    case 'kill-start':
      return edit(state, text.slice(cursor), 0);
    case 'kill-end':
      return edit(state, text.slice(0, cursor), cursor);
    case 'left':
      return move(state, prevIndex(text, cursor));
    case 'right':
      return move(state, nextIndex(text, cursor));
    case 'word-left':
      return move(state, wordStart(text, cursor));
    case 'word-right':
      return move(state, wordEnd(text, cursor));
    case 'home':
      return move(state, 0);
    case 'end':
      return move(state, text.length);
    case 'history':
      return browse(state, action.direction);
    case 'complete':
      return completeWord(state, action.context, action.direction ?? 1);
    case 'close-menu':
      return move(state, cursor);
    case 'set':
      return edit(state, action.text, action.text.length);
    case 'submit': {
      const history = remembered(state);
      return { text: '', cursor: 0, history, browsing: history.length, edits: {} };
    }
    case 'remember': {
      const history = remembered(state);
      return { ...edit(state, text, cursor), history, browsing: history.length, edits: {} };
    }
  }
}
