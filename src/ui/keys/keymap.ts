// Every key binding, in one table: the handlers resolve keys through it and the footer and
// help overlay print it, so what the help says is what the keys do.
import type { Key } from 'ink';

/** Where a binding applies: the lesson player, the menu (and its filter), a choice list. */
export type KeyContext = 'player' | 'menu' | 'filter' | 'choice';

export type Action =
  | 'toggle-pause'
  | 'step-forward'
  | 'step-back'
  | 'speed'
  | 'restart'
  | 'help'
  | 'back'
  | 'move'
  | 'select'
  | 'hint'
  | 'toggle-diagram'
  | 'pick'
  | 'filter'
  | 'clear-filter'
  | 'log-scroll'
  | 'log-filter'
  | 'sandbox';

type SpecialKey =
  | 'upArrow'
  | 'downArrow'
  | 'leftArrow'
  | 'rightArrow'
  | 'pageUp'
  | 'pageDown'
  | 'return'
  | 'escape';

/** A key: a typed character, a special key, or any digit 1-9 (arg = its index, 0-based). */
export type KeyMatch =
  | { input: string; arg?: number }
  | { special: SpecialKey; arg?: number }
  | { digits: true };

export interface Binding {
  action: Action;
  keys: readonly KeyMatch[];
  /** How the keys are written in the footer and help: `←/p`. */
  display: string;
  description: string;
  /** Shorter words for the footer; bindings without it stay out of the footer. */
  footer?: string;
  /** The footer word where the key means something more specific (q quits the menu); '' keeps
   * the binding out of that context's footer. */
  footerIn?: Partial<Record<KeyContext, string>>;
  contexts: readonly KeyContext[];
  group: 'Playback' | 'Moving and choosing' | 'Event log' | 'Menu' | 'General';
}

export const KEYMAP: readonly Binding[] = [
  {
    action: 'toggle-pause',
    keys: [{ input: ' ' }],
    display: 'space',
    description: 'pause / play',
    footer: 'pause',
    contexts: ['player'],
    group: 'Playback',
  },
  {
    action: 'step-forward',
    keys: [{ special: 'rightArrow' }, { input: 'n' }],
    display: '→/n',
    description: 'step to the next event',
    footer: 'next',
    contexts: ['player'],
    group: 'Playback',
  },
  {
    action: 'step-back',
    keys: [{ special: 'leftArrow' }, { input: 'p' }],
    display: '←/p',
    description: 'step back one event',
    footer: 'prev',
    contexts: ['player'],
    group: 'Playback',
  },
  {
    action: 'speed',
    keys: [
      { input: '+', arg: 1 },
      { input: '=', arg: 1 },
      { input: '-', arg: -1 },
      { input: '_', arg: -1 },
    ],
    display: '+/-',
    description: 'faster / slower (0.1×–100×)',
    footer: 'speed',
    contexts: ['player'],
    group: 'Playback',
  },
  {
    action: 'toggle-diagram',
    keys: [{ input: 'd' }],
    display: 'd',
    description: 'space-time diagram on / off',
    footer: 'diagram',
    contexts: ['player'],
    group: 'Playback',
  },
  {
    action: 'restart',
    keys: [{ input: 'r' }],
    display: 'r',
    description: 'restart the lesson',
    contexts: ['player'],
    group: 'Playback',
  },
  {
    action: 'move',
    keys: [
      { special: 'downArrow', arg: 1 },
      { input: 'j', arg: 1 },
      { special: 'upArrow', arg: -1 },
      { input: 'k', arg: -1 },
    ],
    display: '↑↓ j/k',
    description: 'move the highlight / scroll text',
    footer: 'move',
    // The player's footer has no room for it; the pane says when there is more to scroll.
    footerIn: { player: '' },
    // In the player they scroll narration and feedback too long for their pane.
    contexts: ['menu', 'choice', 'player'],
    group: 'Moving and choosing',
  },
  {
    action: 'pick',
    keys: [{ digits: true }],
    display: '1-9',
    description: 'pick a choice by its number',
    footer: 'pick',
    contexts: ['choice'],
    group: 'Moving and choosing',
  },
  {
    action: 'select',
    keys: [{ special: 'return' }],
    display: 'Enter',
    description: 'choose / continue',
    footer: 'choose',
    footerIn: { player: 'continue' },
    contexts: ['menu', 'filter', 'choice', 'player'],
    group: 'Moving and choosing',
  },
  {
    action: 'hint',
    keys: [{ input: 'h' }],
    display: 'h',
    description: 'show a hint',
    footer: 'hint',
    contexts: ['player', 'choice'],
    group: 'Moving and choosing',
  },
  {
    // The log lists the newest event first: down the list is back in time.
    action: 'log-scroll',
    keys: [
      { special: 'pageDown', arg: 1 },
      { input: ']', arg: 1 },
      { special: 'pageUp', arg: -1 },
      { input: '[', arg: -1 },
    ],
    display: 'PgDn/PgUp',
    description: 'older / newer lines (also ] and [)',
    contexts: ['player'],
    group: 'Event log',
  },
  {
    action: 'log-filter',
    keys: [{ input: 'f' }],
    display: 'f',
    description: 'all / faults and anomalies / operations',
    footer: 'log filter',
    contexts: ['player'],
    group: 'Event log',
  },
  {
    action: 'sandbox',
    keys: [{ input: 's' }],
    display: 's',
    description: 'this moment in the sandbox',
    contexts: ['player'],
    group: 'Playback',
  },
  {
    action: 'filter',
    keys: [{ input: '/' }],
    display: '/',
    description: 'filter lessons by typing',
    footer: 'filter',
    contexts: ['menu'],
    group: 'Menu',
  },
  {
    // Arrow keys only: in the filter, letters are text.
    action: 'move',
    keys: [
      { special: 'downArrow', arg: 1 },
      { special: 'upArrow', arg: -1 },
    ],
    display: '↑↓',
    description: 'move among the matches',
    footer: 'move',
    contexts: ['filter'],
    group: 'Menu',
  },
  {
    action: 'clear-filter',
    keys: [{ special: 'escape' }],
    display: 'Esc',
    description: 'clear the filter',
    footer: 'clear',
    contexts: ['filter'],
    group: 'Menu',
  },
  {
    action: 'help',
    keys: [{ input: '?' }],
    display: '?',
    description: 'show / hide this help',
    footer: 'help',
    contexts: ['player', 'menu', 'choice'],
    group: 'General',
  },
  {
    action: 'back',
    keys: [{ input: 'q' }, { special: 'escape' }],
    display: 'q/Esc',
    description: 'back (quit from the menu)',
    footer: 'back',
    footerIn: { menu: 'quit' },
    contexts: ['player', 'menu', 'choice'],
    group: 'General',
  },
];

export interface ResolvedKey {
  action: Action;
  arg?: number;
}

/** Whether a key press is `m`: true, a digit's index, or false. */
export function matches(m: KeyMatch, input: string, key: Partial<Key>): number | boolean {
  if ('digits' in m) return /^[1-9]$/.test(input) ? Number(input) - 1 : false;
  if ('special' in m) return Boolean(key[m.special]);
  // Ctrl and Meta chords are not the plain key (Ink reports Esc itself as meta).
  return !key.ctrl && !key.meta && input === m.input;
}

/** The action a key press means in a context, if any. */
export function resolveKey(
  input: string,
  key: Partial<Key>,
  context: KeyContext,
): ResolvedKey | undefined {
  for (const b of KEYMAP) {
    if (!b.contexts.includes(context)) continue;
    for (const m of b.keys) {
      const hit = matches(m, input, key);
      if (hit === false) continue;
      if (typeof hit === 'number') return { action: b.action, arg: hit };
      return 'arg' in m && m.arg !== undefined
        ? { action: b.action, arg: m.arg }
        : { action: b.action };
    }
  }
  return undefined;
}

export function bindingsFor(context: KeyContext): Binding[] {
  return KEYMAP.filter((b) => b.contexts.includes(context));
}

/** True for a key that types text (used by the filter before resolving actions). */
export function isText(input: string, key: Partial<Key>): boolean {
  if (input.length === 0 || key.ctrl || key.meta) return false;
  for (const ch of input) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || cp === 0x7f) return false;
  }
  return true;
}
