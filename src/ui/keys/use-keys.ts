// Key input for every screen. Ink hands a handler whatever the terminal delivered at once:
// keys typed faster than it reads them ("jj", "1⏎") arrive as one string, which no binding
// matches, so they were dropped. Ink already cuts escape sequences (arrows, PgUp) out of a
// chunk; this splits what is left into one press per character, with the key flags Ink
// gives that character alone.
//
// One rule goes with it: a screen has one key handler that owns every key (the player, the
// drill, the menu). Two handlers on one screen would both see each press, and one key could
// answer a question in one and dismiss its feedback in the other.
import { type Key, useInput, useStdin } from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

const SPECIAL: readonly (keyof Key)[] = [
  'upArrow',
  'downArrow',
  'leftArrow',
  'rightArrow',
  'pageDown',
  'pageUp',
  'home',
  'end',
  'return',
  'escape',
  'ctrl',
  'meta',
  'tab',
  'backspace',
  'delete',
];

/** One character as Ink reports it when it arrives alone. */
function pressOf(ch: string): [string, Key] {
  if (ch === '\r') return ['\r', { ...NO_KEY, return: true }];
  if (ch === '\t') return ['', { ...NO_KEY, tab: true }];
  if (ch === '\b') return ['', { ...NO_KEY, backspace: true }];
  // Ink names DEL (what Backspace sends on most terminals) "delete".
  if (ch === '\u007f') return ['', { ...NO_KEY, delete: true }];
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 1 && cp <= 26 && ch !== '\n') {
    return [String.fromCharCode(cp + 96), { ...NO_KEY, ctrl: true }];
  }
  return [ch, { ...NO_KEY, shift: /^[A-Z]$/.test(ch) }];
}

/** The key presses in what Ink delivered as one input. */
export function keyPresses(input: string, key: Partial<Key>): [string, Partial<Key>][] {
  const chars = Array.from(input);
  if (chars.length <= 1 || SPECIAL.some((k) => key[k] === true)) return [[input, key]];
  return chars.map(pressOf);
}

/** Ink's useInput, one call per key press; inactive on a pipe (where raw mode is missing). */
export function useKeys(handler: KeyHandler, isActive = true): void {
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      for (const [i, k] of keyPresses(input, key)) handler(i, { ...NO_KEY, ...k });
    },
    // Pitfall: isRawModeSupported is undefined on a pipe, and only `false` disables the hook.
    { isActive: Boolean(isRawModeSupported) && isActive },
  );
}
