// The cluster at one instant: a header, the partition if any, the nodes (leader first) and
// the replication links with what is in flight on each.
import { Box } from 'ink';
import type { ClusterSnapshot } from '../../sim/index.js';
import { PaintedLines } from '../text/painted-lines.js';
import type { StoryClock } from '../text/story-time.js';
import { useTheme } from '../theme/use-theme.js';
import { planClusterLayout } from './cluster-layout.js';
import { clusterTopLines, linkLines, nodeTableLines } from './cluster-lines.js';
import { NodeCard } from './node-card.js';
import { quorumPaneLines } from './quorum-lines.js';

export interface ClusterPaneProps {
  snapshot: ClusterSnapshot;
  width: number;
  /** Rows available; the pane picks cards or a table to fit. */
  height?: number;
  /** A node to mark (the one a question's highlighted choice points at). */
  highlight?: string;
  /** The story's wall clock, when the lesson sets one. */
  clock?: StoryClock;
}

export function ClusterPane({ snapshot, width, height, highlight, clock }: ClusterPaneProps) {
  const theme = useTheme();
  const layout = planClusterLayout(snapshot, width, height);
  if (layout.variant === 'quorum') {
    const lines = quorumPaneLines(
      snapshot,
      width,
      height ?? layout.quorumHeight ?? 1000,
      theme,
      clock,
    );
    return (
      <Box flexDirection="column" width={width}>
        <PaintedLines lines={lines} width={width} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      <PaintedLines lines={clusterTopLines(snapshot, theme, clock)} width={width} />
      {layout.variant === 'cards' ? (
        layout.cardRows.map((row) => (
          <Box key={row.map((n) => n.id).join(',')}>
            {row.map((node) => (
              <NodeCard
                key={node.id}
                node={node}
                width={layout.cardWidth}
                keyLines={layout.keyLines}
                highlighted={node.id === highlight}
              />
            ))}
          </Box>
        ))
      ) : (
        <PaintedLines lines={nodeTableLines(layout, highlight, theme)} width={width} />
      )}
      <PaintedLines lines={linkLines(layout, theme)} width={width} />
    </Box>
  );
}
