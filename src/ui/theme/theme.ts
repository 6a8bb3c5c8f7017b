// Colours and glyphs for everything the UI shows, and the switch that turns colour off.
// No information travels by colour alone: every status, role and event has a glyph and a
// label too, so a NO_COLOR terminal or a screen reader loses nothing.
import chalk from 'chalk';
import type { NodeStatus } from '../../sim/index.js';

/** Semantic tones; components ask for a tone, the theme maps it to an Ink colour. */
export type Tone =
  | 'leader'
  | 'follower'
  | 'ok'
  | 'info'
  | 'warn'
  | 'danger'
  | 'muted'
  | 'accent'
  | 'code'
  | 'heading';

const PALETTE: Record<Tone, string> = {
  leader: 'yellow',
  follower: 'cyan',
  ok: 'green',
  info: 'blue',
  warn: 'yellow',
  danger: 'red',
  muted: 'gray',
  accent: 'magenta',
  code: 'cyan',
  // Not white: headings must read on light backgrounds too.
  heading: 'blueBright',
};

export interface Marker {
  glyph: string;
  label: string;
  tone: Tone;
}

export const STATUS: Record<NodeStatus, Marker> = {
  leading: { glyph: '●', label: 'leading', tone: 'leader' },
  streaming: { glyph: '▶', label: 'streaming', tone: 'ok' },
  up: { glyph: '●', label: 'up', tone: 'ok' },
  'catching-up': { glyph: '↻', label: 'catching up', tone: 'warn' },
  disconnected: { glyph: '⋯', label: 'disconnected', tone: 'warn' },
  'needs-resync': { glyph: '⚠', label: 'needs resync', tone: 'danger' },
  copying: { glyph: '⇩', label: 'copying snapshot', tone: 'info' },
  restoring: { glyph: '⟳', label: 'restoring', tone: 'info' },
  paused: { glyph: '⏸', label: 'paused', tone: 'warn' },
  down: { glyph: '✕', label: 'down', tone: 'danger' },
  fenced: { glyph: '⊘', label: 'fenced', tone: 'danger' },
  'version-mismatch': { glyph: '≠', label: 'version mismatch', tone: 'danger' },
};

export const ROLE: Record<'leader' | 'follower', Marker> = {
  leader: { glyph: '◆', label: 'leader', tone: 'leader' },
  follower: { glyph: '◇', label: 'follower', tone: 'follower' },
};

/** Glyphs of history events, shared by the event log and the space-time diagram. */
export const EVENT = {
  crash: { glyph: '⚡', label: 'crash', tone: 'danger' },
  restart: { glyph: '↺', label: 'restart', tone: 'ok' },
  partition: { glyph: '✂', label: 'partition', tone: 'danger' },
  heal: { glyph: '⇄', label: 'heal', tone: 'ok' },
  pause: { glyph: '⏸', label: 'pause', tone: 'warn' },
  resume: { glyph: '▶', label: 'resume', tone: 'ok' },
  slow: { glyph: '⧗', label: 'slow link', tone: 'warn' },
  wipe: { glyph: '⌫', label: 'wipe', tone: 'danger' },
  fault: { glyph: '!', label: 'fault', tone: 'danger' },
  election: { glyph: '★', label: 'election', tone: 'leader' },
  stepDown: { glyph: '↓', label: 'step-down', tone: 'warn' },
  lost: { glyph: '✗', label: 'lost', tone: 'danger' },
  invoke: { glyph: '…', label: 'sent', tone: 'muted' },
  ok: { glyph: '✓', label: 'ok', tone: 'ok' },
  fail: { glyph: '!', label: 'failed', tone: 'danger' },
  unknown: { glyph: '?', label: 'outcome unknown', tone: 'warn' },
  message: { glyph: '▸', label: 'message', tone: 'muted' },
  note: { glyph: '»', label: 'note', tone: 'info' },
  anomaly: { glyph: '⚠', label: 'anomaly', tone: 'warn' },
} as const satisfies Record<string, Marker>;

/** A fault name from the history mapped to its marker (unknown faults get a generic one). */
export function faultMarker(fault: string): Marker {
  switch (fault) {
    case 'crash':
    case 'partition':
    case 'heal':
    case 'restart':
    case 'pause':
    case 'resume':
    case 'wipe':
      return EVENT[fault];
    case 'slow':
    case 'slow-link':
      return EVENT.slow;
    default:
      return { ...EVENT.fault, label: fault };
  }
}

export interface Theme {
  colorEnabled: boolean;
  /** The Ink colour for a tone, or undefined when colour is off (so no `color` prop at all). */
  color(tone: Tone): string | undefined;
}

export function createTheme(colorEnabled: boolean): Theme {
  return {
    colorEnabled,
    color: (tone) => (colorEnabled ? PALETTE[tone] : undefined),
  };
}

/**
 * Whether to use colour: off for `--no-color` or a non-empty NO_COLOR (no-color.org).
 * FORCE_COLOR is left to chalk, which honours it.
 */
export function colorWanted(
  env: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
): boolean {
  if (argv.includes('--no-color')) return false;
  const noColor = env.NO_COLOR;
  return noColor === undefined || noColor === '';
}

/** chalk 5 ignores NO_COLOR (unlike its docs suggest), so turn it off by hand; Ink shares chalk. */
export function applyColorChoice(colorEnabled: boolean): Theme {
  if (!colorEnabled) chalk.level = 0;
  return createTheme(colorEnabled);
}

export const LESSON_STATUS: Record<'new' | 'in-progress' | 'done', Marker> = {
  new: { glyph: '○', label: 'new', tone: 'muted' },
  'in-progress': { glyph: '◐', label: 'in progress', tone: 'warn' },
  done: { glyph: '●', label: 'done', tone: 'ok' },
};
