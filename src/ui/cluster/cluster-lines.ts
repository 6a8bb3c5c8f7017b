// The cluster pane's lines besides the cards, composed for Ink (paint.ts): the header with
// time, epoch, leader and mode; the partition; the table of nodes; the links with what is in
// flight. Pure; the pane stacks them.
import type { ClusterSnapshot } from '../../sim/index.js';
import { composeRuns } from '../text/paint.js';
import type { PaintedLine } from '../text/painted-lines.js';
import { formatNow, type StoryClock } from '../text/story-time.js';
import type { Theme } from '../theme/theme.js';
import type { ClusterLayout } from './cluster-layout.js';
import { formatLink, formatPartition } from './links.js';
import { nodeRowLine, rowHeader, rowIdWidth, rowWidths } from './node-row.js';
import { shardLeadersText } from './shard-label.js';

/**
 * `Tue 31 Jan 21:59:30  epoch 1  leader db1  async` (or `4h59m30s` from the start), then
 * `archive LSN 5` when the cluster has a WAL archive, and the partition when there is one.
 */
export function clusterTopLines(
  snapshot: ClusterSnapshot,
  theme: Theme,
  clock?: StoryClock,
): PaintedLine[] {
  // The simulator's current leader may be down (nobody promoted since): it serves nothing.
  const down = snapshot.nodes.find((n) => n.id === snapshot.leader)?.status === 'down';
  const shardLeaders = shardLeadersText(snapshot);
  const leader =
    shardLeaders !== undefined
      ? // Sharded: each shard has its own leader (and epochs, on its nodes' cards).
        { text: `leaders ${shardLeaders}`, paint: { color: theme.color('leader') } }
      : snapshot.leader === undefined
        ? { text: 'no leader', paint: { color: theme.color('danger') } }
        : {
            text: `leader ${snapshot.leader}${down ? ' (down)' : ''}`,
            paint: { color: theme.color(down ? 'danger' : 'leader') },
          };
  const lines: PaintedLine[] = [
    {
      text: composeRuns([
        { text: formatNow(snapshot.t, clock), paint: { bold: true } },
        shardLeaders !== undefined ? '  ' : `  epoch ${snapshot.epoch}  `,
        leader,
        `  ${snapshot.mode}`,
        // The WAL archive lives outside the cluster: no card, a word in the header.
        ...(snapshot.archive ? [`  archive LSN ${snapshot.archive.lsn}`] : []),
      ]),
    },
  ];
  const partition = formatPartition(snapshot.partition);
  if (partition) lines.push({ text: partition, paint: { color: theme.color('danger') } });
  return lines;
}

/** The table form: a header naming the columns, a row per node shown, how many are not. */
export function nodeTableLines(
  layout: ClusterLayout,
  highlight: string | undefined,
  theme: Theme,
): PaintedLine[] {
  // Room for the "› " that marks the highlighted node.
  const idWidth = rowIdWidth(layout.order) + (highlight === undefined ? 0 : 2);
  const widths = rowWidths(layout.order, idWidth);
  const lines: PaintedLine[] = [{ text: rowHeader(widths), paint: { dimColor: true } }];
  for (const node of layout.cardRows[0] ?? []) {
    lines.push(nodeRowLine(node, widths, node.id === highlight, theme));
  }
  if (layout.hiddenNodes > 0) {
    lines.push({ text: `+${layout.hiddenNodes} more nodes`, paint: { dimColor: true } });
  }
  return lines;
}

/** The links that fit, the last line saying how many more there are when they do not. */
export function linkLines(layout: ClusterLayout, theme: Theme): PaintedLine[] {
  const links = layout.links;
  const overflow = links.length > layout.linkLines;
  const shown = links.slice(0, overflow ? layout.linkLines - 1 : layout.linkLines);
  const lines: PaintedLine[] = shown.map((link) => ({
    text: formatLink(link),
    paint: {
      color: link.cut ? theme.color('danger') : link.entries > 0 ? undefined : theme.color('muted'),
    },
  }));
  if (overflow && layout.linkLines > 0) {
    lines.push({ text: `+${links.length - shown.length} more links`, paint: { dimColor: true } });
  }
  return lines;
}
