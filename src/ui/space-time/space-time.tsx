// The space-time diagram: node lanes across, time down, messages as arrows between lanes.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type {
  HistoryEvent,
  InFlightMessage,
  Ms,
  NodeId,
  OpRecord,
  QuorumMessage,
} from '../../sim/index.js';
import type { StoryClock } from '../text/story-time.js';
import type { Tone } from '../theme/theme.js';
import { useTheme } from '../theme/use-theme.js';
import { type Cell, layoutSpaceTime, legendFor } from './space-time-layout.js';

export interface SpaceTimeProps {
  nodes: readonly NodeId[];
  events: readonly HistoryEvent[];
  ops: readonly OpRecord[];
  from: Ms;
  to: Ms;
  width: number;
  /** Rows available: header, legend and the time rows. */
  height: number;
  showControl?: boolean;
  clock?: StoryClock;
  /** Messages on their way now, drawn up to the last row. */
  inFlight?: readonly InFlightMessage[];
  /** Leaderless: quorum messages on their way now. */
  quorumInFlight?: readonly QuorumMessage[];
}

/** Runs of cells with one tone, so a row prints as a few Text segments. */
function runs(cells: readonly Cell[]): { text: string; tone?: Tone }[] {
  const out: { text: string; tone?: Tone }[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last && last.tone === c.tone) last.text += c.ch;
    else out.push({ text: c.ch, tone: c.tone });
  }
  return out;
}

function CellRow({ cells }: { cells: readonly Cell[] }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {runs(cells).map((run, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: runs are positional
        <Text key={i} color={run.tone ? theme.color(run.tone) : undefined}>
          {run.text}
        </Text>
      ))}
    </Text>
  );
}

export function SpaceTime({
  nodes,
  events,
  ops,
  from,
  to,
  width,
  height,
  showControl,
  clock,
  inFlight,
  quorumInFlight,
}: SpaceTimeProps) {
  const opsById = useMemo(() => new Map(ops.map((op) => [op.id, op])), [ops]);
  const legend = height >= 4;
  const grid = layoutSpaceTime({
    nodes,
    events,
    ops: opsById,
    from,
    to,
    rows: Math.max(1, height - 1 - (legend ? 1 : 0)),
    width,
    showControl,
    clock,
    inFlight,
    quorumInFlight,
  });
  return (
    <Box flexDirection="column" width={width}>
      <CellRow cells={grid.header} />
      {grid.rows.map((cells, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are time buckets
        <CellRow key={i} cells={cells} />
      ))}
      {legend ? (
        <Text dimColor wrap="truncate-end">
          {legendFor(grid, width)}
        </Text>
      ) : null}
    </Box>
  );
}
