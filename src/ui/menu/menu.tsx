// The lesson menu: Continue first, lessons grouped by part, then the practice entries (quiz
// drill, review, sandbox), then the code challenges. It shows and reports the choice (onSelect / onQuit); what a
// choice starts is the caller's business.
import { Box, Text } from 'ink';
import { Footer } from '../screen/footer.js';
import { HelpOverlay } from '../screen/help-overlay.js';
import { clipLines, layoutMarkdown } from '../text/markdown.js';
import { StyledLine } from '../text/styled-line.js';
import { padEnd, padStart, textWidth } from '../text/text.js';
import { LESSON_STATUS, type Tone } from '../theme/theme.js';
import { useTheme } from '../theme/use-theme.js';
import {
  entrySummary,
  entryTitle,
  focusedRow,
  type LessonItem,
  type MenuEntry,
  type MenuInput,
  type MenuRow,
  menuRows,
} from './menu-state.js';
import { scrollWindow } from './scroll.js';
import { useMenuKeys } from './use-menu-keys.js';

export interface MenuProps extends MenuInput {
  width: number;
  height: number;
  onSelect: (entry: MenuEntry) => void;
  onQuit: () => void;
  isActive?: boolean;
}

const STATUS_WIDTH = 13;
const MINUTES_WIDTH = 6;
/** The description under the list takes up to this many lines, fewer when the list needs them. */
const MAX_SUMMARY_LINES = 4;
const MIN_SUMMARY_LINES = 2;
const MAX_CHALLENGE_LINES = 10;

/** `○ new`, `◐ in progress`, `● done` */
export function lessonStatusText(lesson: LessonItem): string {
  const m = LESSON_STATUS[lesson.status];
  return `${m.glyph} ${m.label}`;
}

/**
 * `best 8/10`: the best finished attempt, shown whatever the status (a finished lesson played
 * again is in progress, and its best still counts).
 */
export function bestScoreText(lesson: LessonItem): string {
  if (lesson.bestScore === undefined) return '';
  return `best ${lesson.bestScore}${lesson.max === undefined ? '' : `/${lesson.max}`}`;
}

function entryStatus(entry: MenuEntry, selectable: boolean): { text: string; tone: Tone } {
  if (entry.kind === 'lesson' || entry.kind === 'continue') {
    return { text: lessonStatusText(entry.lesson), tone: LESSON_STATUS[entry.lesson.status].tone };
  }
  if (entry.kind === 'challenge') {
    return entry.challenge.passed
      ? { text: '✓ passed', tone: 'ok' }
      : { text: '○ to do', tone: 'muted' };
  }
  return selectable
    ? { text: '', tone: 'muted' }
    : { text: entry.item.reason ?? 'unavailable', tone: 'muted' };
}

function EntryLine({
  row,
  focused,
  width,
  bestWidth,
}: {
  row: Extract<MenuRow, { kind: 'entry' }>;
  focused: boolean;
  width: number;
  /** Width of the best-score column; 0 when no lesson has a best score yet. */
  bestWidth: number;
}) {
  const theme = useTheme();
  const { entry, selectable } = row;
  const status = entryStatus(entry, selectable);
  const lesson = entry.kind === 'lesson' || entry.kind === 'continue' ? entry.lesson : undefined;
  const minutes = lesson ? `${lesson.minutes} min` : '';
  const best = lesson ? bestScoreText(lesson) : '';
  const bestCell = bestWidth > 0 ? ` ${padEnd(best, bestWidth)}` : '';
  const titleWidth = Math.max(
    1,
    width - 4 - STATUS_WIDTH - MINUTES_WIDTH - 2 - (bestWidth > 0 ? bestWidth + 1 : 0),
  );
  // Lesson numbers right-aligned, so that titles line up past lesson 9.
  const number = entry.kind === 'lesson' ? entry.lesson.number : undefined;
  const align = number !== undefined && number < 10 ? ' ' : '';
  const title = (entry.kind === 'continue' ? '▶ ' : align) + entryTitle(entry);
  return (
    <Text wrap="truncate-end" dimColor={!selectable}>
      <Text color={focused ? theme.color('accent') : undefined} bold={focused}>
        {focused ? '› ' : '  '}
        {'  '}
        {padEnd(title, titleWidth)}
      </Text>{' '}
      <Text color={theme.color(status.tone)}>{padEnd(status.text, STATUS_WIDTH)}</Text>
      <Text color={theme.color('ok')}>{bestCell}</Text>{' '}
      <Text dimColor>{padStart(minutes, MINUTES_WIDTH)}</Text>
    </Text>
  );
}

export function Menu({ width, height, onSelect, onQuit, isActive, ...input }: MenuProps) {
  const theme = useTheme();
  const state = useMenuKeys({ input, onSelect, onQuit, isActive });
  if (state.help) return <HelpOverlay width={width} height={height} />;

  const rows = menuRows(input, state.filter);
  const focus = focusedRow(rows, state.cursor);
  const current = focus.entry;
  const focusRow = Math.max(0, focus.row);
  const filtering = state.filter !== null;
  const wrapped = current ? layoutMarkdown(entrySummary(current), width - 4) : [];
  // A challenge's description carries its three commands.
  const maxSummary = current?.kind === 'challenge' ? MAX_CHALLENGE_LINES : MAX_SUMMARY_LINES;
  // ...and gets the rows it needs for them, the list scrolling instead.
  const minSummary =
    current?.kind === 'challenge'
      ? Math.min(wrapped.length, MAX_CHALLENGE_LINES)
      : MIN_SUMMARY_LINES;
  // Title, filter line, rule and footer; the rest is the list and the description.
  const room = Math.max(2, height - 1 - (filtering ? 1 : 0) - 1 - 1);
  const summaryRows = Math.max(
    1,
    Math.min(
      maxSummary,
      Math.max(MIN_SUMMARY_LINES, wrapped.length),
      Math.max(minSummary, room - rows.length),
      room - 1,
    ),
  );
  const listHeight = Math.max(1, room - summaryRows);
  const win = scrollWindow(rows.length, focusRow, listHeight);
  const done = input.lessons.filter((l) => l.status === 'done').length;
  const summary = clipLines(wrapped, summaryRows, width - 4);
  const matches = rows.filter((r) => r.kind === 'entry').length;
  const bestWidth = Math.max(0, ...input.lessons.map((l) => textWidth(bestScoreText(l))));

  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box justifyContent="space-between" width={width}>
        <Text bold color={theme.color('heading')}>
          replication-tutor
        </Text>
        <Text dimColor>{`${done}/${input.lessons.length} lessons done`}</Text>
      </Box>
      {filtering ? (
        <Text wrap="truncate-end">
          <Text color={theme.color('accent')}>/ </Text>
          {state.filter}
          <Text inverse> </Text>
          <Text dimColor>{`  ${matches} match${matches === 1 ? '' : 'es'}`}</Text>
        </Text>
      ) : null}
      <Box flexDirection="column" height={listHeight}>
        {rows.length === 0 ? <Text dimColor>No lesson matches the filter.</Text> : null}
        {rows.slice(win.start, win.end).map((row, i) => {
          const index = win.start + i;
          const cutAbove = index === win.start && win.start > 0;
          const cutBelow = index === win.end - 1 && win.end < rows.length;
          // Say that more rows exist, unless the list is too short to spare the line.
          if ((cutAbove || cutBelow) && listHeight >= 3 && index !== focusRow) {
            return (
              <Text key={`more-${index}`} dimColor>
                {cutAbove ? '  ↑ more' : '  ↓ more'}
              </Text>
            );
          }
          return row.kind === 'header' ? (
            <Text key={`h-${row.text}`} bold color={theme.color('heading')} wrap="truncate-end">
              {row.text}
            </Text>
          ) : (
            <EntryLine
              key={`${row.entry.kind}-${entryTitle(row.entry)}`}
              row={row}
              focused={index === focusRow}
              width={width}
              bestWidth={bestWidth}
            />
          );
        })}
      </Box>
      <Text dimColor>{'─'.repeat(Math.max(0, width))}</Text>
      <Box flexDirection="column" height={summaryRows} paddingLeft={4}>
        {summary.map((spans, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
          <StyledLine key={i} spans={spans} />
        ))}
      </Box>
      <Footer context={filtering ? 'filter' : 'menu'} width={width} />
    </Box>
  );
}
