// A line cut to its box exactly as Ink cuts a <Text wrap="truncate-end"> (cli-truncate, with
// widths from string-width: the functions Ink itself calls), then styled with the Text's own
// props. Knowing the drawn line and its width lets painted-lines.tsx hand Ink a plain ASCII
// stand-in of that width to measure, instead of Ink splitting every line with a glyph in it
// into graphemes again on every frame.
import chalk from 'chalk';
import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import { type Paint, paint } from './paint.js';
import type { PaintedLine } from './painted-lines.js';

export interface FittedLine {
  /** The line as Ink would write it: cut, then styled. */
  styled: string;
  /** Its width in columns, as Ink measures it. */
  width: number;
}

/** SGR sequences (colours, bold, …), the only escapes composed lines carry. */
const SGR = new RegExp(`${String.fromCharCode(0x1b)}\\[[0-9;]*m`, 'g');
/** C0 and C1 control characters, which Ink's own handling of text may drop or keep. */
const CONTROL = new RegExp(`[${String.fromCharCode(0)}-${String.fromCharCode(0x1f)}\\x7f-\\x9f]`);

/** Lines fitted lately: a first frame or a resize draws lines drawn before (as Ink caches). */
const fitted = new Map<string, FittedLine | null>();
/** Entries kept at most: a session draws new lines (times, lags) for as long as it runs. */
const FITTED_MAX = 2_000;

function paintKey(p: Paint | undefined): string {
  if (!p) return '';
  return `${p.color ?? ''},${p.dimColor ? 1 : 0}${p.bold ? 1 : 0}${p.italic ? 1 : 0}${p.inverse ? 1 : 0}`;
}

function fitUncached(line: PaintedLine, width: number): FittedLine | undefined {
  if (width < 1 || CONTROL.test(line.text.replace(SGR, ''))) return undefined;
  const full = lineWidth(line.text);
  const cut = full > width ? cliTruncate(line.text, width, { position: 'end' }) : line.text;
  const drawn = cut === line.text ? full : lineWidth(cut);
  // A wide character cut in half can leave the line wider than the box: Ink's case alone.
  if (drawn < 1 || drawn > width) return undefined;
  return { styled: line.paint ? paint(cut, line.paint) : cut, width: drawn };
}

/**
 * The line drawn in a box `width` columns wide; undefined when only Ink's own handling is
 * exact (several lines, control characters besides styles, nothing left to draw, or a cut
 * line still wider than the box).
 */
export function fitLine(line: PaintedLine, width: number): FittedLine | undefined {
  // The styles a paint adds depend on chalk's level, which colour switches set.
  const key = `${chalk.level}:${width}:${paintKey(line.paint)}:${line.text}`;
  const known = fitted.get(key);
  if (known !== undefined) return known ?? undefined;
  const result = fitUncached(line, width);
  if (fitted.size >= FITTED_MAX) fitted.clear();
  fitted.set(key, result ?? null);
  return result;
}

/** Columns `text` takes, as Ink measures it (styles take none). */
export function lineWidth(text: string): number {
  return stringWidth(text);
}

/**
 * The widths of lines set side by side in a row `width` wide (a space-between Box of
 * <Text>s), when they fit whole; undefined when Ink would shrink and cut them.
 */
export function sideBySide(lines: readonly PaintedLine[], width: number): number[] | undefined {
  const widths = lines.map((l) => lineWidth(l.text));
  return widths.reduce((a, b) => a + b, 0) <= width ? widths : undefined;
}
