// The sandbox's keys, in one table that the handler resolves through and the footer and help
// print. Two modes, so that typing a command is never ambiguous:
// - typing (the start): every printable key is text for the command line; only keys that
//   never begin a command act besides: space and ? on an empty line (pause/play, help).
// - single keys (after Esc): one key acts, on time (space, →, ←, +/-) and on the cluster
//   (c crashes…: it fills in the command and returns to typing with the node to pick).
import type { Key } from 'ink';
import { type KeyMatch, matches } from '../keys/keymap.js';

export type SandboxAction =
  | 'toggle-pause'
  | 'step-forward'
  | 'step-back'
  | 'speed'
  | 'toggle-diagram'
  | 'toggle-status'
  | 'log-filter'
  | 'log-scroll'
  | 'help'
  | 'back'
  | 'type'
  | 'command';

export interface SandboxBinding {
  action: SandboxAction;
  keys: readonly KeyMatch[];
  display: string;
  description: string;
  /** Footer words; bindings without it stay out of the footer. */
  footer?: string;
  /** `command`: what it fills in (a trailing space: an argument follows; none: it runs). */
  command?: string;
}

/** Keys while typing a command (the line editor's, and the two an empty line frees). */
export const TYPING_KEYS: readonly { display: string; description: string }[] = [
  { display: 'Enter', description: 'run the command' },
  { display: 'Tab', description: 'complete the word; again: the next candidate (Shift-Tab back)' },
  { display: '↑/↓', description: 'earlier / later commands' },
  { display: '←/→ Home/End', description: 'move in the line (also Ctrl-A/E, Alt-←/→ by word)' },
  { display: 'Ctrl-W Ctrl-U', description: 'delete the word before / the whole line before' },
  { display: 'Esc', description: 'single keys (the line keeps what you typed)' },
  { display: 'space, ?', description: 'on an empty line: pause / play, this help' },
  { display: 'PgUp/PgDn', description: 'scroll the event log' },
];

export const SANDBOX_KEYS: readonly SandboxBinding[] = [
  {
    action: 'type',
    keys: [{ special: 'return' }, { input: ':' }, { input: 'i' }, { input: '/' }],
    display: 'Enter/:',
    description: 'back to typing (: starts a colon command)',
    footer: 'type',
  },
  {
    action: 'toggle-pause',
    keys: [{ input: ' ' }],
    display: 'space',
    description: 'pause / play',
    footer: 'pause',
  },
  {
    action: 'step-forward',
    keys: [{ special: 'rightArrow' }, { input: 'n' }],
    display: '→/n',
    description: 'pause, then step to the next event',
    footer: 'next',
  },
  {
    action: 'step-back',
    keys: [{ special: 'leftArrow' }, { input: 'p' }],
    display: '←/p',
    description: 'rewind to the event before (later commands are undone)',
    footer: 'back',
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
  },
  {
    action: 'command',
    keys: [{ input: 'w' }],
    display: 'w',
    description: 'write a key',
    command: 'write ',
  },
  {
    action: 'command',
    keys: [{ input: 'r' }],
    display: 'r',
    description: 'read a key',
    command: 'read ',
  },
  {
    action: 'command',
    keys: [{ input: 'c' }],
    display: 'c',
    description: 'crash a node',
    command: 'crash ',
  },
  {
    action: 'command',
    keys: [{ input: 'R' }],
    display: 'R',
    description: 'restart a node',
    command: 'restart ',
  },
  {
    action: 'command',
    keys: [{ input: 'x' }],
    display: 'x',
    description: 'partition the network',
    command: 'partition ',
  },
  {
    action: 'command',
    keys: [{ input: 'h' }],
    display: 'h',
    description: 'heal the partition (at once)',
    command: 'heal',
  },
  {
    action: 'command',
    keys: [{ input: 'P' }],
    display: 'P',
    description: 'promote a node',
    command: 'promote ',
  },
  {
    action: 'toggle-diagram',
    keys: [{ input: 'd' }],
    display: 'd',
    description: 'space-time diagram on / off',
    footer: 'diagram',
  },
  {
    action: 'toggle-status',
    keys: [{ input: 't' }],
    display: 't',
    description: 'status table on / off, as a monitoring endpoint reports it',
  },
  {
    action: 'log-filter',
    keys: [{ input: 'f' }],
    display: 'f',
    description: 'event log: all / faults and anomalies / operations',
  },
  {
    action: 'log-scroll',
    keys: [
      { special: 'pageDown', arg: 1 },
      { input: ']', arg: 1 },
      { special: 'pageUp', arg: -1 },
      { input: '[', arg: -1 },
    ],
    display: 'PgDn/PgUp',
    description: 'older / newer log lines (also ] and [)',
  },
  {
    action: 'help',
    keys: [{ input: '?' }],
    display: '?',
    description: 'show / hide this help',
    footer: 'help',
  },
  {
    action: 'back',
    keys: [{ input: 'q' }, { special: 'escape' }],
    display: 'q/Esc',
    description: 'leave the sandbox (asks first when commands are not saved)',
    footer: 'leave',
  },
];

export interface ResolvedSandboxKey {
  binding: SandboxBinding;
  arg?: number;
}

/** What a key does in single-key mode, if anything. */
export function resolveSandboxKey(
  input: string,
  key: Partial<Key>,
): ResolvedSandboxKey | undefined {
  for (const b of SANDBOX_KEYS) {
    for (const m of b.keys) {
      const hit = matches(m, input, key);
      if (hit === false) continue;
      return 'arg' in m && m.arg !== undefined ? { binding: b, arg: m.arg } : { binding: b };
    }
  }
  return undefined;
}

/** The command letters in one footer item: `w r c R x h P`. */
export function commandKeysText(): string {
  return SANDBOX_KEYS.filter((b) => b.action === 'command')
    .map((b) => b.display)
    .join(' ');
}
