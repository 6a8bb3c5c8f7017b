// What was typed and what came of it, oldest first, as the sandbox shows it above the
// cluster and plain mode prints it: each command at its virtual time, its result once
// finished (a read's answer, a write's acknowledgement) with the checkers' labels (stale…),
// and the session's notes (saves, rewinds). Pure.
import type { LabEntry } from '../../lab/live-cluster.js';
import type { Ms } from '../../sim/index.js';
import type { Run } from '../text/paint.js';
import { formatEventTime } from '../text/story-time.js';
import { textWidth, truncate } from '../text/text.js';
import { EVENT, type Theme, type Tone } from '../theme/theme.js';
import type { SandboxNote } from './sandbox-driver.js';

export type TranscriptItem =
  | { kind: 'command'; entry: LabEntry; labels: readonly string[] }
  | { kind: 'note'; text: string; tone: Tone };

/** The log's commands with the notes in between, oldest first. */
export function transcriptItems(
  log: readonly LabEntry[],
  notes: readonly SandboxNote[],
  labels: ReadonlyMap<number, readonly string[]>,
): TranscriptItem[] {
  const out: TranscriptItem[] = [];
  let n = 0;
  const notesUpTo = (count: number) => {
    while (n < notes.length && notes[n]!.after <= count) {
      const note = notes[n++]!;
      out.push({ kind: 'note', text: note.text, tone: note.tone });
    }
  };
  log.forEach((entry, i) => {
    notesUpTo(i);
    const l = entry.opId === undefined ? [] : (labels.get(entry.opId) ?? []);
    out.push({ kind: 'command', entry, labels: l });
  });
  notesUpTo(Number.POSITIVE_INFINITY);
  return out;
}

export function timeText(t: Ms): string {
  return formatEventTime(t);
}

/** One command's result in words: the outcome, still running, with its labels. */
function resultText(item: Extract<TranscriptItem, { kind: 'command' }>): {
  text: string;
  labels: string;
} {
  const e = item.entry;
  const labels = item.labels.length > 0 ? `${EVENT.anomaly.glyph} ${item.labels.join(', ')}:` : '';
  // A result the checkers flag leads with their labels instead of the tick.
  const text = e.result === undefined ? '… running' : labels ? e.result : `✓ ${e.result}`;
  return { text, labels };
}

/** The items as plain lines of `width` (plain mode prints them with no width limit). */
export function transcriptText(items: readonly TranscriptItem[], width = Infinity): string[] {
  return items.flatMap((item) => transcriptRuns(item, width, undefined).map(runsPlain));
}

function runsPlain(runs: readonly Run[]): string {
  return runs.map((r) => (typeof r === 'string' ? r : r.text)).join('');
}

/**
 * The lines of one item: `12.345s › crash replica-1  ✓ replica-1 crashed` when it fits,
 * else the result on a line of its own under the command.
 */
export function transcriptRuns(item: TranscriptItem, lineWidth: number, theme?: Theme): Run[][] {
  let width = lineWidth;
  const color = (tone: Tone) => theme?.color(tone);
  if (item.kind === 'note') {
    // A note (a saved file's path, why a save is not exact) wraps over up to three lines.
    const lines: Run[][] = [];
    let rest = item.text;
    while (rest !== '' && lines.length < 3) {
      const [first, more] = lines.length === 2 ? [cut(rest, width), ''] : splitAt(rest, width);
      lines.push([
        { text: lines.length === 0 ? first : `  ${first}`, paint: { color: color(item.tone) } },
      ]);
      rest = more === '' ? '' : more;
      if (lines.length === 1) width -= 2;
    }
    return lines;
  }
  const time = timeText(item.entry.t);
  const head: Run[] = [
    { text: time, paint: { dimColor: true } },
    ' ',
    { text: '›', paint: { color: color('accent'), bold: true } },
    ` ${item.entry.text}`,
  ];
  const headWidth = textWidth(`${time} › ${item.entry.text}`);
  const result = resultText(item);
  const running = item.entry.result === undefined;
  const labelRun: Run[] = result.labels
    ? [{ text: result.labels, paint: { color: color('warn'), bold: true } }, ' ']
    : [];
  const resultPaint = running ? { dimColor: true } : result.labels ? {} : { color: color('ok') };
  const full = `${result.labels ? `${result.labels} ` : ''}${result.text}`;
  if (headWidth + 2 + textWidth(full) <= width) {
    return [[...head, '  ', ...labelRun, { text: result.text, paint: resultPaint }]];
  }
  // The result under the command, wrapped once, then cut.
  const indent = ' '.repeat(Math.min(textWidth(time) + 1, 8));
  const room = Math.max(8, width - indent.length);
  const labelWidth = result.labels ? textWidth(result.labels) + 1 : 0;
  const [first, rest] = splitAt(result.text, room - labelWidth);
  const lines: Run[][] = [head, [indent, ...labelRun, { text: first, paint: resultPaint }]];
  if (rest) lines.push([indent, { text: cut(rest, room), paint: resultPaint }]);
  return lines;
}

/** `text` cut at the last space that keeps the first part within `width` (a word too long
 * for it is cut). */
function splitAt(text: string, width: number): [string, string] {
  if (!Number.isFinite(width) || textWidth(text) <= width) return [text, ''];
  let at = text.lastIndexOf(' ', width);
  if (at <= 0) at = width;
  return [text.slice(0, at), text.slice(at).trimStart()];
}

function cut(text: string, width: number): string {
  return Number.isFinite(width) ? truncate(text, width) : text;
}
