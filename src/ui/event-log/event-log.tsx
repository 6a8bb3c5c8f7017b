// What happened, newest first, as many lines as fit. Filtered or scrolled back, a first line
// says what is shown and what lies beyond it, with the keys that get there.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { HistoryEvent, OpRecord } from '../../sim/index.js';
import { PaintedLines } from '../text/painted-lines.js';
import type { StoryClock } from '../text/story-time.js';
import { useTheme } from '../theme/use-theme.js';
import { type QuorumFacts, recentLines } from './event-format.js';
import { eventLogLines } from './event-log-lines.js';
import { LOG_FILTER_NAMES, type LogFilter } from './log-filter.js';

export interface EventLogProps {
  /** The events to show, oldest first (the newest `height` are printed). */
  events: readonly HistoryEvent[];
  ops: readonly OpRecord[];
  /** Checker labels per op id, from the engine. */
  labels?: ReadonlyMap<number, readonly string[]>;
  /** Leaderless runs: how to tell a quorum's operations from one replica's. */
  quorum?: QuorumFacts;
  width: number;
  /** Lines available. */
  height: number;
  showMessages?: boolean;
  showInvokes?: boolean;
  /** The story's wall clock, when the lesson sets one. */
  clock?: StoryClock;
  /** Which events `events` are, and how many lie beyond them (newer: scrolled back). */
  filter?: LogFilter;
  newer?: number;
  older?: number;
}

/** The first line of a filtered or scrolled log, or undefined for the plain newest-first view. */
export function logHeading(filter: LogFilter, newer: number, older: number): string | undefined {
  if (filter === 'all' && newer === 0) return undefined;
  const parts = [filter === 'all' ? 'all events' : `${LOG_FILTER_NAMES[filter]} only (f: next)`];
  if (newer > 0) parts.push(`${newer} newer above (PgUp)`);
  if (older > 0) parts.push(`more below (PgDn)`);
  return `── ${parts.join(' · ')}`;
}

export function EventLog({
  events,
  ops,
  labels,
  width,
  height,
  showMessages = false,
  showInvokes = true,
  quorum,
  clock,
  filter = 'all',
  newer = 0,
  older = 0,
}: EventLogProps) {
  const theme = useTheme();
  const opsById = useMemo(() => new Map(ops.map((op) => [op.id, op])), [ops]);
  const heading = height > 1 ? logHeading(filter, newer, older) : undefined;
  const rows = height - (heading ? 1 : 0);
  const lines = recentLines(
    events,
    { ops: opsById, labels, showMessages, showInvokes, quorum },
    rows,
  );
  const head = heading ? (
    <Text dimColor wrap="truncate-end">
      {heading}
    </Text>
  ) : null;
  if (lines.length === 0) {
    return (
      <Box width={width} flexDirection="column">
        {head}
        <Text dimColor>
          {filter === 'all' ? 'No events yet.' : `No ${LOG_FILTER_NAMES[filter]} yet.`}
        </Text>
      </Box>
    );
  }
  return (
    <Box width={width} flexDirection="column">
      {head}
      <PaintedLines lines={eventLogLines(lines, theme, clock)} width={width} />
    </Box>
  );
}
