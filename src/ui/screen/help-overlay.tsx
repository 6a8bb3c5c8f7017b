// Every key binding, grouped, from the one keymap, and what the screen's signs mean (the
// player adds the cards' legend and the time rule). Groups are kept whole in columns, as few
// columns as fit the height; a description too long for its column wraps under itself.
import { Box, Text } from 'ink';
import { type Binding, KEYMAP } from '../keys/keymap.js';
import { layoutMarkdown, wrapSpans } from '../text/markdown.js';
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

/** The groups of a list of help lines: a title and its entries. */
function groupsOf(lines: readonly HelpLine[]): HelpLine[][] {
  const groups: HelpLine[][] = [];
  for (const line of lines) {
    const last = groups[groups.length - 1];
    if (line.kind === 'group' || !last) groups.push([line]);
    else last.push(line);
  }
  return groups;
}

/** A printed row of a column: a group title, or an entry's keys (first row) and text. */
export type HelpRow = { kind: 'group'; text: string } | { kind: 'key'; keys: string; text: string };

/** The rows of one group in a column `width` wide whose keys take `keyWidth`. */
function groupRows(group: readonly HelpLine[], width: number, keyWidth: number): HelpRow[] {
  const rows: HelpRow[] = [];
  const room = Math.max(8, width - keyWidth - 2);
  for (const line of group) {
    if (line.kind === 'group') {
      rows.push(line);
      continue;
    }
    wrapSpans([{ text: line.text }], room).forEach((spans, i) => {
      rows.push({
        kind: 'key',
        keys: i === 0 ? line.keys : '',
        text: spans.map((s) => s.text).join(''),
      });
    });
  }
  return rows;
}

function keyWidthOf(groups: readonly HelpLine[][]): number {
  let w = 0;
  for (const g of groups)
    for (const l of g) if (l.kind === 'key') w = Math.max(w, textWidth(l.keys));
  return w;
}

export interface HelpColumn {
  keyWidth: number;
  rows: HelpRow[];
}

/**
 * Columns of at most `height` rows, `width` wide each: whole groups in order, a column
 * starting where the next group would not fit (a group taller than a column is split, never
 * leaving its title last). Keys are aligned within each column.
 */
export function helpColumns(lines: readonly HelpLine[], height: number, width = 80): HelpColumn[] {
  const h = Math.max(2, height);
  const rowsOf = (groups: readonly HelpLine[][]) => {
    const kw = keyWidthOf(groups);
    return groups.reduce((n, g) => n + groupRows(g, width, kw).length, 0);
  };
  const columns: HelpLine[][][] = [[]];
  for (const group of groupsOf(lines)) {
    const current = columns[columns.length - 1] ?? [];
    if (current.length > 0 && rowsOf([...current, group]) > h) columns.push([group]);
    else current.push(group);
  }
  const out: HelpColumn[] = [];
  for (const groups of columns) {
    const keyWidth = keyWidthOf(groups);
    const rows = groups.flatMap((g) => groupRows(g, width, keyWidth));
    // A group taller than the column: cut it into columns of `h`, no title left last.
    for (let start = 0; start < rows.length; ) {
      let end = Math.min(rows.length, start + h);
      if (end < rows.length && rows[end - 1]?.kind === 'group' && end - 1 > start) end -= 1;
      out.push({ keyWidth, rows: rows.slice(start, end) });
      start = end;
    }
  }
  return out.filter((c) => c.rows.length > 0);
}

/** Columns narrower than this would wrap every description. */
const MIN_COLUMN = 30;

/**
 * The fewest columns that hold every row within `height`; when even the most that stay
 * readable do not (a window below the 80×24 the screens need), the first of them.
 */
function fitColumns(lines: readonly HelpLine[], width: number, height: number): HelpColumn[] {
  const most = Math.max(1, Math.floor(width / MIN_COLUMN));
  let cols: HelpColumn[] = [];
  for (let n = 1; n <= most; n++) {
    cols = helpColumns(lines, height, Math.floor(width / n) - 1);
    if (cols.length <= n) return cols;
  }
  return cols.slice(0, most);
}

export interface HelpOverlayProps {
  width: number;
  height: number;
  /** The bindings to list (default: every binding). */
  bindings?: readonly Binding[];
  /** More entries after the keys, e.g. what the signs on the screen mean. */
  legend?: readonly HelpLine[];
  /** Sentences under the keys, e.g. how playback time works. */
  notes?: readonly string[];
}

export function HelpOverlay({
  width,
  height,
  bindings = KEYMAP,
  legend = [],
  notes = [],
}: HelpOverlayProps) {
  const theme = useTheme();
  const lines = [...helpLines(bindings), ...legend];
  const inner = Math.max(1, width - 4);
  const noteLines = notes.flatMap((n) => layoutMarkdown(n, inner));
  // Border (2), title and closing line take four rows; the notes theirs.
  const columns = fitColumns(lines, inner, height - 4 - noteLines.length);
  const colWidth = Math.floor(inner / Math.max(1, columns.length));
  return (
    <Box flexDirection="column" width={width} borderStyle="round" paddingX={1}>
      <Text bold>Keys</Text>
      <Box>
        {columns.map((col, c) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
          <Box key={c} flexDirection="column" width={colWidth} paddingRight={1}>
            {col.rows.map((l, i) =>
              l.kind === 'group' ? (
                <Text key={`g-${l.text}`} bold color={theme.color('heading')} wrap="truncate-end">
                  {l.text}
                </Text>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
                <Text key={i} wrap="truncate-end">
                  <Text color={theme.color('accent')}>{padEnd(l.keys, col.keyWidth)}</Text>
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
