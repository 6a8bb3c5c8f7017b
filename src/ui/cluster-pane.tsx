// The cluster at one instant: a header, the partition if any, the nodes (leader first) and
// the replication links with what is in flight on each.
import { Box, Text } from 'ink';
import type { ClusterSnapshot } from '../sim/types.js';
import { planClusterLayout } from './cluster-layout.js';
import { formatTime } from './format.js';
import { formatLink, formatPartition } from './links.js';
import { NodeCard, NodeRow, rowHeader, rowIdWidth } from './node-card.js';
import { useTheme } from './use-theme.js';

export interface ClusterPaneProps {
  snapshot: ClusterSnapshot;
  width: number;
  /** Rows available; the pane picks cards or a table to fit. */
  height?: number;
  /** A node to mark (the one a question's highlighted choice points at). */
  highlight?: string;
}

export function ClusterPane({ snapshot, width, height, highlight }: ClusterPaneProps) {
  const theme = useTheme();
  const layout = planClusterLayout(snapshot, width, height);
  const partition = formatPartition(snapshot.partition);
  const links = layout.links;
  const linkOverflow = links.length > layout.linkLines;
  const shownLinks = links.slice(0, linkOverflow ? layout.linkLines - 1 : layout.linkLines);
  // Room for the "› " that marks the highlighted node.
  const idWidth = rowIdWidth(layout.order) + (highlight === undefined ? 0 : 2);

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>{formatTime(snapshot.t)}</Text>
        {`  epoch ${snapshot.epoch}  `}
        {snapshot.leader === undefined ? (
          <Text color={theme.color('danger')}>no leader</Text>
        ) : (
          <Text color={theme.color('leader')}>leader {snapshot.leader}</Text>
        )}
        {`  ${snapshot.mode}`}
      </Text>
      {partition ? (
        <Text color={theme.color('danger')} wrap="truncate-end">
          {partition}
        </Text>
      ) : null}
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
        <Box flexDirection="column">
          <Text dimColor wrap="truncate-end">
            {rowHeader(idWidth)}
          </Text>
          {(layout.cardRows[0] ?? []).map((node) => (
            <NodeRow
              key={node.id}
              node={node}
              width={width}
              idWidth={idWidth}
              highlighted={node.id === highlight}
            />
          ))}
          {layout.hiddenNodes > 0 ? (
            <Text dimColor>{`+${layout.hiddenNodes} more nodes`}</Text>
          ) : null}
        </Box>
      )}
      {shownLinks.map((link) => (
        <Text
          key={`${link.from}->${link.to}`}
          color={
            link.cut ? theme.color('danger') : link.entries > 0 ? undefined : theme.color('muted')
          }
          wrap="truncate-end"
        >
          {formatLink(link)}
        </Text>
      ))}
      {linkOverflow && layout.linkLines > 0 ? (
        <Text dimColor>{`+${links.length - shownLinks.length} more links`}</Text>
      ) : null}
    </Box>
  );
}
