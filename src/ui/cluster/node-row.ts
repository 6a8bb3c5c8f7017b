// The compact form of the cluster: one table row per node, composed as one styled line
// (paint.ts), under a header naming the columns. Pure; the cluster pane prints the lines.
import type { NodeSnapshot } from '../../sim/index.js';
import { formatBytes, formatDuration, formatValue } from '../text/format.js';
import { composeRuns } from '../text/paint.js';
import type { PaintedLine } from '../text/painted-lines.js';
import { padEnd, textWidth } from '../text/text.js';
import { ROLE, STATUS, type Theme } from '../theme/theme.js';
import {
  cardKeys,
  lagFigures,
  lagText,
  MAX_KEY_LINES,
  progressText,
  roleText,
  shownRole,
  statusText,
} from './node-card.js';
import { nodeLabel } from './shard-label.js';

/** Column widths of the compact table, shared by its header and rows. */
export const ROW_COLUMNS = { status: 18, role: 12, epoch: 3, lsn: 9 } as const;
const LAG_HEADER = 'lag n · time · size';
/** The lag column grows to its longest cell up to this (`13000 · 17h39m · 300 GB`). */
const MAX_LAG_WIDTH = 24;

/** Widths of the columns that follow the values: ids, LSNs and lag. */
export interface RowWidths {
  id: number;
  lsn: number;
  lag: number;
}

export function rowIdWidth(nodes: readonly NodeSnapshot[]): number {
  // A sharded node's label carries its shard (`s1 · db1`): a little more room.
  const max = nodes.some((n) => n.shard !== undefined) ? 19 : 14;
  return Math.min(max, Math.max(4, ...nodes.map((n) => textWidth(nodeLabel(n)))));
}

function lsnCell(node: NodeSnapshot): string {
  return `${node.appliedLsn}/${node.receivedLsn}`;
}

function lagCell(node: NodeSnapshot): string {
  // A restore or copy under way: how far it has got instead of the lag.
  if (node.progress) return progressText(node.progress, MAX_LAG_WIDTH);
  const lag = lagFigures(node);
  return lag.entries === 0 && lag.ms === 0 && lag.bytes === 0
    ? lagText(node, MAX_LAG_WIDTH + 4).replace(/^lag /, '')
    : `${lag.entries} · ${formatDuration(lag.ms)} · ${formatBytes(lag.bytes)}`;
}

/** Widths that hold every node's cells (ids and lag within a bound). */
export function rowWidths(nodes: readonly NodeSnapshot[], idWidth = rowIdWidth(nodes)): RowWidths {
  return {
    id: idWidth,
    lsn: Math.max(ROW_COLUMNS.lsn, ...nodes.map((n) => textWidth(lsnCell(n)))),
    lag: Math.min(
      MAX_LAG_WIDTH,
      Math.max(textWidth(LAG_HEADER), ...nodes.map((n) => textWidth(lagCell(n)))),
    ),
  };
}

export function rowHeader(w: RowWidths): string {
  const c = ROW_COLUMNS;
  return [
    padEnd('node', w.id),
    padEnd('status', c.status),
    padEnd('role', c.role),
    padEnd('ep', c.epoch),
    padEnd('LSN a/r', w.lsn),
    padEnd(LAG_HEADER, w.lag),
    'recent keys',
  ].join(' ');
}

/** One node's row, columns as in rowHeader; a highlighted node is marked › and inverted. */
export function nodeRowLine(
  node: NodeSnapshot,
  widths: RowWidths,
  highlighted: boolean,
  theme: Theme,
): PaintedLine {
  const c = ROW_COLUMNS;
  const idWidth = widths.id;
  const status = STATUS[node.status];
  const role = ROLE[shownRole(node)];
  const lag = lagCell(node);
  const held = cardKeys(node);
  const keys =
    held.length === 0
      ? '(no data)'
      : held
          .slice(0, MAX_KEY_LINES)
          .map((k) => `${k.key}=${formatValue(k.value)}`)
          .join(' ');
  const roleColor = theme.color(role.tone);
  const text = composeRuns([
    {
      text: padEnd(highlighted ? `› ${nodeLabel(node)}` : nodeLabel(node), idWidth),
      paint: { bold: true, inverse: highlighted, color: roleColor },
    },
    ' ',
    { text: padEnd(statusText(node), c.status), paint: { color: theme.color(status.tone) } },
    ' ',
    { text: padEnd(roleText(node), c.role), paint: { color: roleColor } },
    ' ',
    padEnd(`e${node.epoch}`, c.epoch),
    ' ',
    padEnd(lsnCell(node), widths.lsn),
    ' ',
    padEnd(lag, widths.lag),
    ' ',
    { text: keys, paint: { dimColor: true } },
  ]);
  return { text };
}
