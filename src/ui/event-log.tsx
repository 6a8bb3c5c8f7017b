// What happened, newest first, as many lines as fit.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { HistoryEvent, OpRecord } from '../sim/types.js';
import { recentLines } from './event-format.js';
import { formatTime } from './format.js';
import { padEnd, padStart, textWidth } from './text.js';
import { EVENT } from './theme.js';
import { useTheme } from './use-theme.js';

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
}

export function EventLog({
  events,
  ops,
  labels,
  width,
  height,
  showMessages = false,
  showInvokes = true,
}: EventLogProps) {
  const theme = useTheme();
  const opsById = useMemo(() => new Map(ops.map((op) => [op.id, op])), [ops]);
  const lines = recentLines(events, { ops: opsById, labels, showMessages, showInvokes }, height);
  const timeWidth = Math.max(0, ...lines.map((l) => textWidth(formatTime(l.t))));
  if (lines.length === 0) {
    return (
      <Box width={width}>
        <Text dimColor>No events yet.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: positions shift as events arrive
        <Text key={i} wrap="truncate-end">
          <Text dimColor>{padStart(formatTime(l.t), timeWidth)}</Text>{' '}
          <Text color={theme.color(l.tone)}>{`${padEnd(l.glyph, 2)} `}</Text>
          {l.labels.length > 0 ? (
            // Labels before the text, so a long line never cuts them off.
            <Text color={theme.color(EVENT.anomaly.tone)} bold>
              {`${EVENT.anomaly.glyph} ${l.labels.join(', ')} — `}
            </Text>
          ) : null}
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
