// Every key binding, grouped, from the one keymap. Two columns when one does not fit.
import { Box, Text } from 'ink';
import { type Binding, KEYMAP } from '../keys/keymap.js';
import { layoutMarkdown } from '../text/markdown.js';
import { StyledLine } from '../text/styled-line.js';
import { padEnd, textWidth } from '../text/text.js';
import { useTheme } from '../theme/use-theme.js';

export type HelpLine =
  | { kind: 'group'; text: string }
  | { kind: 'key'; keys: string; text: string };

/** Each binding once (the filter's arrows are the menu's arrows), under its group. */
export function helpLines(bindings: readonly Binding[] = KEYMAP): HelpLine[] {
  const groups = new Map<string, HelpLine[]>();
  const seen = new Set<string>();
  for (const b of bindings) {
    const id = `${b.display}\u0000${b.description}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const lines = groups.get(b.group) ?? [];
    lines.push({ kind: 'key', keys: b.display, text: b.description });
    groups.set(b.group, lines);
  }
  const out: HelpLine[] = [];
  for (const [group, lines] of groups) out.push({ kind: 'group', text: group }, ...lines);
  return out;
}

/** Split lines into columns of at most `height` lines, never leaving a group title last. */
export function helpColumns(lines: readonly HelpLine[], height: number): HelpLine[][] {
  const h = Math.max(2, height);
  const columns: HelpLine[][] = [];
  let col: HelpLine[] = [];
  for (const line of lines) {
    if (col.length >= h) {
      const last = col[col.length - 1];
      const carry = last?.kind === 'group' ? col.pop() : undefined;
      columns.push(col);
      col = carry ? [carry] : [];
    }
    col.push(line);
  }
  if (col.length > 0) columns.push(col);
  return columns;
}

export interface HelpOverlayProps {
  width: number;
  height: number;
  /** The bindings to list (default: every binding). */
  bindings?: readonly Binding[];
  /** Sentences under the keys, e.g. how playback time works. */
  notes?: readonly string[];
}

export function HelpOverlay({ width, height, bindings = KEYMAP, notes = [] }: HelpOverlayProps) {
  const theme = useTheme();
  const lines = helpLines(bindings);
  const noteLines = notes.flatMap((n) => layoutMarkdown(n, Math.max(1, width - 4)));
  // Border (2), title and closing line take four rows; the notes theirs.
  const columns = helpColumns(lines, height - 4 - noteLines.length);
  const keyWidth = Math.max(...lines.map((l) => (l.kind === 'key' ? textWidth(l.keys) : 0)));
  const colWidth = Math.floor((width - 4) / Math.max(1, columns.length));
  return (
    <Box flexDirection="column" width={width} borderStyle="round" paddingX={1}>
      <Text bold>Keys</Text>
      <Box>
        {columns.map((col, c) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
          <Box key={c} flexDirection="column" width={colWidth} paddingRight={1}>
            {col.map((l) =>
              l.kind === 'group' ? (
                <Text key={`g-${l.text}`} bold color={theme.color('heading')} wrap="truncate-end">
                  {l.text}
                </Text>
              ) : (
                <Text key={`k-${l.keys}-${l.text}`} wrap="truncate-end">
                  <Text color={theme.color('accent')}>{padEnd(l.keys, keyWidth)}</Text>
                  {`  ${l.text}`}
                </Text>
              ),
            )}
          </Box>
        ))}
      </Box>
      {noteLines.map((spans, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <StyledLine key={`n-${i}`} spans={spans} />
      ))}
      <Text dimColor>? or Esc closes this help · Ctrl-C quits</Text>
    </Box>
  );
}
