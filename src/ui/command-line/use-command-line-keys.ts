// Key bindings of the command line, as a shell's line editor has them: ←/→ (Ctrl-B/F) move,
// Alt-←/→ (Alt-B/F) by word, Home/End (Ctrl-A/E), Backspace, Ctrl-D deletes forward, Ctrl-W
// the word before, Ctrl-U/K to the start/end, ↑/↓ (Ctrl-P/N) the history, Tab completes
// (again: the next candidate; Shift-Tab the one before), Enter submits, Esc closes the
// candidates. `commandLineKey` is pure; `useCommandLine` owns the keys of a screen, or
// hands `handleKey` to a screen whose one key handler owns them (see keys/use-keys.ts).
import type { Key } from 'ink';
import { useCallback } from 'react';
import type { CommandContext } from '../../lesson/commands/command-context.js';
import { isText } from '../keys/keymap.js';
import { useKeys } from '../keys/use-keys.js';
import { useReducerRef } from '../keys/use-reducer-ref.js';
import {
  type CommandLineAction,
  type CommandLineState,
  initialCommandLine,
  reduceCommandLine,
} from './command-line-state.js';

/** What a key does to the line: an edit, Enter, or nothing the line wants. */
export type CommandLineKey = CommandLineAction | { type: 'enter' };

/** Ctrl-letter chords of the line editor. */
const CTRL: Readonly<Record<string, CommandLineAction>> = {
  a: { type: 'home' },
  e: { type: 'end' },
  b: { type: 'left' },
  f: { type: 'right' },
  w: { type: 'delete-word' },
  u: { type: 'kill-start' },
  k: { type: 'kill-end' },
  p: { type: 'history', direction: -1 },
  n: { type: 'history', direction: 1 },
  h: { type: 'backspace' },
};

/** The line's meaning of a key press; undefined leaves the key to the screen. */
export function commandLineKey(
  input: string,
  key: Partial<Key>,
  state: CommandLineState,
  context: CommandContext,
): CommandLineKey | undefined {
  if (key.return) return { type: 'enter' };
  if (key.tab) return { type: 'complete', context, direction: key.shift ? -1 : 1 };
  if (key.escape) return state.menu ? { type: 'close-menu' } : undefined;
  // Ink reports DEL, which Backspace sends on most terminals, as "delete".
  if (key.backspace || key.delete)
    return key.meta ? { type: 'delete-word' } : { type: 'backspace' };
  if (key.leftArrow) return key.ctrl || key.meta ? { type: 'word-left' } : { type: 'left' };
  if (key.rightArrow) return key.ctrl || key.meta ? { type: 'word-right' } : { type: 'right' };
  if (key.upArrow) return { type: 'history', direction: -1 };
  if (key.downArrow) return { type: 'history', direction: 1 };
  if (key.home) return { type: 'home' };
  if (key.end) return { type: 'end' };
  if (key.ctrl) {
    if (input === 'd') return state.text === '' ? undefined : { type: 'delete' };
    return CTRL[input];
  }
  if (key.meta) {
    if (input === 'b') return { type: 'word-left' };
    if (input === 'f') return { type: 'word-right' };
    if (input === 'd') return { type: 'kill-end' };
    return undefined;
  }
  if (isText(input, key)) return { type: 'insert', text: input };
  return undefined;
}

export interface CommandLineOptions {
  /** The names Tab completes (node ids, keys…), as they are now. */
  context: CommandContext;
  /**
   * Enter on a line that is not blank. Return false when the line was refused (a parse
   * error): it stays to be fixed, and still goes into the history.
   */
  onSubmit: (line: string) => boolean | undefined;
  /** Lines entered before (oldest first), for ↑. */
  history?: readonly string[];
  /** Subscribe to the keys here (default). False: the screen's own handler calls handleKey. */
  ownKeys?: boolean;
  isActive?: boolean;
}

export interface CommandLineControl {
  state: CommandLineState;
  /** Handles a key press; false when the line had no use for it (the screen may). */
  handleKey: (input: string, key: Partial<Key>) => boolean;
  /** Drives the line directly (a screen filling in a command, clearing it). */
  dispatch: (action: CommandLineAction) => CommandLineState;
  /** The latest state, readable within the same tick. */
  current: { readonly current: CommandLineState };
}

export function useCommandLine({
  context,
  onSubmit,
  history,
  ownKeys = true,
  isActive = true,
}: CommandLineOptions): CommandLineControl {
  const [state, dispatch, ref] = useReducerRef(reduceCommandLine, initialCommandLine(history));
  const handleKey = useCallback(
    (input: string, key: Partial<Key>): boolean => {
      const hit = commandLineKey(input, key, ref.current, context);
      if (!hit) return false;
      if (hit.type !== 'enter') {
        dispatch(hit);
        return true;
      }
      const line = ref.current.text;
      if (line.trim() === '') return false;
      const accepted = onSubmit(line.trim()) !== false;
      dispatch({ type: accepted ? 'submit' : 'remember' });
      return true;
    },
    [context, onSubmit, dispatch, ref],
  );
  useKeys((input, key) => {
    handleKey(input, key);
  }, ownKeys && isActive);
  return { state, handleKey, dispatch, current: ref };
}
