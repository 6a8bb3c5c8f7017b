// The command line as rows: the prompt and the text with its cursor (scrolled sideways when
// longer than the row), then the detail rows: Tab's candidates (the one in the line
// highlighted), or the error of the last command with carets under the wrong word, or a
// hint. No colour is needed to read it: the cursor is inverse, the wrong word has carets.
import { Box } from 'ink';
import type { CommandContext } from '../../lesson/commands/command-context.js';
import { composeRuns, type Run } from '../text/paint.js';
import { type PaintedLine, PaintedLines } from '../text/painted-lines.js';
import { graphemes, textWidth, truncate } from '../text/text.js';
import type { Theme } from '../theme/theme.js';
import { useTheme } from '../theme/use-theme.js';
import type { CommandLineState } from './command-line-state.js';
import { useCommandLine } from './use-command-line-keys.js';

/** A refused command: the line it was about and the columns of the wrong part. */
export interface CommandLineError {
  line: string;
  message: string;
  /** Columns of `line` (end exclusive), as the command parser reports them. */
  from: number;
  to: number;
}

export interface CommandLineViewProps {
  state: CommandLineState;
  width: number;
  /** Rows under the input for candidates, an error or the hint (default 1). */
  detailRows?: number;
  prompt?: string;
  /** Keys go to the line: the cursor shows. */
  focused?: boolean;
  /** Shown dim in an empty line. */
  placeholder?: string;
  error?: CommandLineError;
  /** Shown under the line when there is nothing else to say. */
  hint?: string;
}

const ELLIPSIS = '…';

/** The visible part of `text` in `room` columns with the cursor in view. */
export function visibleSpan(
  text: string,
  cursor: number,
  room: number,
): { start: number; end: number; cutLeft: boolean; cutRight: boolean } {
  // One column is kept for the cursor after the last character.
  if (textWidth(text) + 1 <= room) {
    return { start: 0, end: text.length, cutLeft: false, cutRight: false };
  }
  let start = 0;
  // Scroll right until the cursor fits (with a '…' on the left once scrolled).
  while (start < cursor && textWidth(text.slice(start, cursor)) + 1 + (start > 0 ? 1 : 0) > room) {
    start += graphemes(text.slice(start))[0]?.length ?? 1;
  }
  const left = start > 0 ? 1 : 0;
  let end = start;
  let w = 0;
  for (const ch of graphemes(text.slice(start))) {
    const cw = textWidth(ch);
    const rightMark = end + ch.length < text.length ? 1 : 0;
    if (left + w + cw + Math.max(rightMark, end + ch.length === cursor ? 1 : 0) > room) break;
    w += cw;
    end += ch.length;
  }
  return { start, end, cutLeft: start > 0, cutRight: end < text.length };
}

interface Rows {
  input: Run[];
  detail: Run[][];
}

function inputRuns(
  props: CommandLineViewProps,
  theme: Theme,
): { runs: Run[]; col: (i: number) => number } {
  const { state, width, prompt = '› ', focused = true, placeholder } = props;
  const promptRun: Run = {
    text: prompt,
    paint: focused ? { bold: true, color: theme.color('accent') } : { dimColor: true },
  };
  const pw = textWidth(prompt);
  const room = Math.max(2, width - pw);
  if (state.text === '') {
    const cursor: Run[] = focused ? [{ text: ' ', paint: { inverse: true } }] : [];
    const rest = placeholder
      ? [{ text: truncate(placeholder, room - (focused ? 1 : 0)), paint: { dimColor: true } }]
      : [];
    return { runs: [promptRun, ...cursor, ...rest], col: () => pw };
  }
  const span = visibleSpan(state.text, focused ? state.cursor : 0, room);
  const shown = state.text.slice(span.start, span.end);
  const left = span.cutLeft ? 1 : 0;
  const runs: Run[] = [promptRun];
  if (span.cutLeft) runs.push({ text: ELLIPSIS, paint: { dimColor: true } });
  const wrong = wrongSpan(props);
  const plain = (text: string, from: number): Run[] => {
    // The wrong word in the danger colour (the carets below say the same without colour).
    if (!wrong || text === '') return text ? [text] : [];
    const out: Run[] = [];
    const a = Math.max(0, Math.min(text.length, wrong.from - from));
    const b = Math.max(0, Math.min(text.length, wrong.to - from));
    if (a > 0) out.push(text.slice(0, a));
    if (b > a)
      out.push({ text: text.slice(a, b), paint: { color: theme.color('danger'), bold: true } });
    if (b < text.length) out.push(text.slice(b));
    return out;
  };
  if (focused && state.cursor >= span.start && state.cursor <= span.end) {
    const at = state.cursor - span.start;
    const ch = graphemes(shown.slice(at))[0] ?? ' ';
    runs.push(...plain(shown.slice(0, at), span.start));
    runs.push({ text: ch, paint: { inverse: true } });
    const after = at + (shown.slice(at) === '' ? 0 : ch.length);
    runs.push(...plain(shown.slice(after), span.start + after));
  } else {
    runs.push(...plain(shown, span.start));
  }
  if (span.cutRight) runs.push({ text: ELLIPSIS, paint: { dimColor: true } });
  return {
    runs,
    col: (i: number) =>
      i <= span.start
        ? pw + left
        : pw + left + textWidth(state.text.slice(span.start, Math.min(i, span.end))),
  };
}

/** The error's columns when it is about the line as it stands. */
function wrongSpan(props: CommandLineViewProps): { from: number; to: number } | undefined {
  const e = props.error;
  if (!e || e.line !== props.state.text) return undefined;
  return { from: e.from, to: Math.max(e.to, e.from + 1) };
}

/** Words laid out in rows of `width`, the last row ending in "+N more" when they do not fit. */
function candidateRows(
  words: readonly string[],
  index: number,
  width: number,
  rows: number,
): Run[][] {
  const lead = 'Tab: ';
  const out: Run[][] = [];
  let row: Run[] = [{ text: lead, paint: { dimColor: true } }];
  let w = lead.length;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const ww = textWidth(word) + 2;
    const lastRow = out.length === rows - 1;
    const moreMark = lastRow && i < words.length - 1 ? textWidth(` +${words.length - i} more`) : 0;
    if (w + ww + moreMark > width && w > lead.length) {
      if (lastRow) {
        row.push({ text: `+${words.length - i} more`, paint: { dimColor: true } });
        out.push(row);
        return out;
      }
      out.push(row);
      row = [{ text: ' '.repeat(lead.length), paint: {} }];
      w = lead.length;
    }
    row.push(i === index ? { text: word, paint: { inverse: true } } : word, '  ');
    w += ww;
  }
  out.push(row);
  return out;
}

/** Message words wrapped into rows of `width` after `indent` columns on the first. */
function wrapWords(message: string, first: number, width: number, rows: number): string[] {
  const out: string[] = [];
  let line = '';
  let room = Math.max(1, width - first);
  for (const word of message.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (textWidth(next) <= room || line === '') {
      line = next;
      continue;
    }
    out.push(line);
    line = word;
    room = width;
  }
  if (line) out.push(line);
  if (out.length <= rows) return out;
  const kept = out.slice(0, rows);
  kept[rows - 1] = truncate(
    `${kept[rows - 1]} ${out.slice(rows).join(' ')}`,
    rows === 1 ? width - first : width,
  );
  return kept;
}

/** The rows of the command line, styled (composeRuns): the input first. */
export function commandLineRows(props: CommandLineViewProps, theme: Theme): Rows {
  const { state, width, detailRows = 1, error, hint } = props;
  const { runs, col } = inputRuns(props, theme);
  const detail: Run[][] = [];
  if (detailRows > 0) {
    if (state.menu) {
      detail.push(...candidateRows(state.menu.candidates, state.menu.index, width, detailRows));
    } else if (error) {
      const wrong = wrongSpan(props);
      const danger = { color: theme.color('danger'), bold: true };
      if (wrong) {
        // Carets under the wrong word, then what was expected.
        const a = col(wrong.from);
        const b = Math.max(a + 1, col(wrong.to));
        const carets = `${' '.repeat(a)}${'^'.repeat(b - a)} `;
        const lines = wrapWords(error.message, textWidth(carets), width, detailRows);
        detail.push([
          { text: carets, paint: danger },
          { text: lines[0] ?? '', paint: danger },
        ]);
        for (const l of lines.slice(1)) detail.push([{ text: l, paint: danger }]);
      } else {
        const lines = wrapWords(`✗ ${error.message}`, 0, width, detailRows);
        for (const l of lines) detail.push([{ text: l, paint: { dimColor: true } }]);
      }
    } else if (state.noCompletion) {
      detail.push([{ text: 'Tab: nothing to complete here', paint: { dimColor: true } }]);
    } else if (hint) {
      detail.push([{ text: truncate(hint, width), paint: { dimColor: true } }]);
    }
  }
  while (detail.length < detailRows) detail.push([]);
  return { input: runs, detail: detail.slice(0, detailRows) };
}

/** The rows as plain text (tests and plain output). */
export function rowsText(rows: Rows): string[] {
  const text = (r: Run[]) => r.map((x) => (typeof x === 'string' ? x : x.text)).join('');
  return [text(rows.input), ...rows.detail.map(text)];
}

/** Rows the view takes: the input and its detail rows. */
export function commandLineHeight(detailRows = 1): number {
  return 1 + detailRows;
}

/** The line as its state says, for a screen whose own key handler drives the state. */
export function CommandLineView(props: CommandLineViewProps) {
  const theme = useTheme();
  const rows = commandLineRows(props, theme);
  const lines: PaintedLine[] = [rows.input, ...rows.detail].map((r) => ({
    text: r.length === 0 ? ' ' : composeRuns(r) || ' ',
  }));
  return (
    <Box flexDirection="column" width={props.width}>
      <PaintedLines lines={lines} width={props.width} />
    </Box>
  );
}

export interface CommandLineProps extends Omit<CommandLineViewProps, 'state'> {
  context: CommandContext;
  /** A line was entered; return false to keep it in the line (refused: fix and retry). */
  onSubmit: (line: string) => boolean | undefined;
  history?: readonly string[];
  isActive?: boolean;
}

/** A command line that owns the keys of its screen. */
export function CommandLine({
  context,
  onSubmit,
  history,
  isActive = true,
  ...view
}: CommandLineProps) {
  const { state } = useCommandLine({ context, onSubmit, history, isActive });
  return <CommandLineView {...view} state={state} focused={view.focused ?? isActive} />;
}
