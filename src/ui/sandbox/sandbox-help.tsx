// The sandbox's help: the keys of both modes, every command of the command language with
// its usage (from the grammar, so the help is what the parser accepts), the colon commands
// and what the cards show. Longer than a window: it scrolls.
import { Box, Text } from 'ink';
import { COMMANDS } from '../../lesson/commands/grammar.js';
import { CARD_LEGEND } from '../cluster/card-legend.js';
import { composeRuns, type Run } from '../text/paint.js';
import { type PaintedLine, PaintedLines } from '../text/painted-lines.js';
import { padEnd, textWidth, wrapWords as wrap } from '../text/text.js';
import type { Theme } from '../theme/theme.js';
import { useTheme } from '../theme/use-theme.js';
import { COLON_COMMANDS } from './colon-commands.js';
import { SANDBOX_KEYS, TYPING_KEYS } from './sandbox-keys.js';

type Entry = { keys: string; text: string };

/** The help as plain runs per line, laid out for `width`. */
export function sandboxHelpRows(width: number, theme?: Theme): Run[][] {
  const heading = (text: string): Run[] => [
    { text, paint: { bold: true, color: theme?.color('heading') } },
  ];
  const rows: Run[][] = [];
  const section = (title: string, entries: readonly Entry[], keyWidth?: number) => {
    if (rows.length > 0) rows.push([]);
    rows.push(heading(title));
    const kw = keyWidth ?? Math.max(...entries.map((e) => textWidth(e.keys)));
    const room = Math.max(12, width - kw - 4);
    for (const e of entries) {
      wrap(e.text, room).forEach((line, i) => {
        rows.push([
          '  ',
          { text: padEnd(i === 0 ? e.keys : '', kw), paint: { color: theme?.color('accent') } },
          `  ${line}`,
        ]);
      });
    }
  };
  section(
    'While typing (the start)',
    TYPING_KEYS.map((k) => ({ keys: k.display, text: k.description })),
  );
  section(
    'Single keys (press Esc first)',
    SANDBOX_KEYS.map((b) => ({
      keys: b.display,
      text: !b.command
        ? b.description
        : b.command.endsWith(' ')
          ? `${b.description}: fills in "${b.command}…"`
          : b.description,
    })),
  );
  // Commands: the usage on its own line (it is long), the summary under it.
  if (rows.length > 0) rows.push([]);
  rows.push(heading('Commands (Tab completes node ids, keys and settings)'));
  for (const c of COMMANDS) {
    for (const line of wrap(c.usage, width - 2)) {
      rows.push(['  ', { text: line, paint: { color: theme?.color('code') } }]);
    }
    for (const line of wrap(c.summary, width - 6)) rows.push([`      ${line}`]);
  }
  section(
    'Session commands (typed on the same line)',
    COLON_COMMANDS.map((c) => ({ keys: c.usage, text: c.summary })),
  );
  const legend: Entry[] = CARD_LEGEND.flatMap((l) => (l.kind === 'key' ? [l] : []));
  section('On the cards', legend);
  return rows;
}

export interface SandboxHelpProps {
  width: number;
  height: number;
  offset: number;
}

/** Rows of the help that scroll (the title and closing lines stay). */
export function helpBodyHeight(height: number): number {
  return Math.max(1, height - 2);
}

export function SandboxHelp({ width, height, offset }: SandboxHelpProps) {
  const theme = useTheme();
  const rows = sandboxHelpRows(width, theme);
  const body = helpBodyHeight(height);
  const shown = rows.slice(offset, offset + body);
  const lines: PaintedLine[] = shown.map((r) => ({ text: r.length ? composeRuns(r) || ' ' : ' ' }));
  const more = rows.length - offset - body;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold wrap="truncate-end">
        Sandbox help
      </Text>
      <Box height={body} flexDirection="column">
        <PaintedLines lines={lines} width={width} />
      </Box>
      <Text dimColor wrap="truncate-end">
        {`${more > 0 ? `↓ ${more} more lines (↑↓ PgUp/PgDn) · ` : offset > 0 ? '↑ scroll back · ' : ''}? or Esc closes this help`}
      </Text>
    </Box>
  );
}
