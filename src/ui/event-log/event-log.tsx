// What happened, newest first, as many lines as fit.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { HistoryEvent, OpRecord } from '../../sim/index.js';
import { PaintedLines } from '../text/painted-lines.js';
import type { StoryClock } from '../text/story-time.js';
import { useTheme } from '../theme/use-theme.js';
import { recentLines } from './event-format.js';
import { eventLogLines } from './event-log-lines.js';

export interface EventLogProps {
  events: readonly HistoryEvent[];
  ops: readonly OpRecord[];
  /** Checker labels per op id, from the engine. */
  labels?: ReadonlyMap<number, readonly string[]>;
  width: number;
  /** Lines available. */
  height: number;
  showMessages?: boolean;
  showInvokes?: boolean;
  /** The story's wall clock, when the lesson sets one. */
  clock?: StoryClock;
}

export function EventLog({
  events,
  ops,
  labels,
  width,
  height,
  showMessages = false,
  showInvokes = true,
  clock,
}: EventLogProps) {
  const theme = useTheme();
  const opsById = useMemo(() => new Map(ops.map((op) => [op.id, op])), [ops]);
  const lines = recentLines(events, { ops: opsById, labels, showMessages, showInvokes }, height);
  if (lines.length === 0) {
    return (
      <Box width={width}>
        <Text dimColor>No events yet.</Text>
      </Box>
    );
  }
  return <PaintedLines lines={eventLogLines(lines, theme, clock)} width={width} />;
}
